import { router } from '../../trpc/init';
import { children } from './children';
import { create } from './create';
import { update } from './update';
import { move } from './move';
import { close } from './close';
import { importXlsx } from './import-xlsx';
import { importTemplate } from './import-template';
import { imports } from './imports';

export const orgUnitsRouter = router({ children, create, update, move, close, importXlsx, importTemplate, imports });
