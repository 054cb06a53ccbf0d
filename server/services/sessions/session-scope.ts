import { countyPathOf, covers } from '../../shared/org-tree';

/** Parents see sessions anywhere in the county of their family's school or site. */
export function familyMaySee(sessionUnitPath: string, familyUnitPath: string): boolean {
  return covers(countyPathOf(familyUnitPath), sessionUnitPath);
}
