import { router } from '../../trpc/init';
import { children } from './children';
import { create } from './create';
import { importXlsx } from './import-xlsx';
import { importTemplate } from './import-template';
import { imports } from './imports';

export const orgUnitsRouter = router({ children, create, importXlsx, importTemplate, imports });
