import fc from 'fast-check';
import { ancestorPaths, countyPathOf, covers, pathIds, subtreeLike, subtreeWhere } from '../../server/shared/org-tree';

/** What PostgreSQL's LIKE with the default escape character does, for checking the pattern here. */
function likeMatches(pattern: string, value: string): boolean {
  let re = '^';
  for (let i = 0; i < pattern.length; i += 1) {
    const c = pattern[i];
    if (c === '\\') re += pattern[++i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (c === '%') re += '.*';
    else if (c === '_') re += '.';
    else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`${re}$`, 's').test(value);
}

describe('org-tree', () => {
  const school = '/230000/230100/230103/t_ab12/';

  it('a unit covers itself and everything below it, nothing beside it', () => {
    expect(covers('/230000/', school)).toBe(true);
    expect(covers(school, school)).toBe(true);
    expect(covers('/230000/230100/230103/', '/230000/230100/230104/x/')).toBe(false);
    // A sibling whose id starts with the same digits is not inside.
    expect(covers('/230000/2301/', '/230000/230100/')).toBe(false);
  });

  it('escapes _ and % so an id like t_x cannot match t1x', () => {
    const pattern = subtreeLike('/230000/t_x/');
    expect(pattern).toBe('/230000/t\\_x/%');
    expect(likeMatches(pattern, '/230000/t_x/school/')).toBe(true);
    expect(likeMatches(pattern, '/230000/t1x/school/')).toBe(false);
    expect(likeMatches(subtreeLike('/a%b/'), '/aZZb/c/')).toBe(false);
  });

  it('the LIKE pattern and covers agree on any paths', () => {
    const segment = fc.stringMatching(/^[a-z0-9_%\\]{1,4}$/);
    const path = fc.array(segment, { minLength: 1, maxLength: 4 }).map((ids) => `/${ids.join('/')}/`);
    fc.assert(fc.property(path, path, (root, unit) => likeMatches(subtreeLike(root), unit) === covers(root, unit)));
  });

  it('gives Prisma the same subtree', () => {
    expect(subtreeWhere(school)).toEqual({ path: { startsWith: school } });
  });

  it('finds the county above a school, and stops at the county for units above it', () => {
    expect(countyPathOf(school)).toBe('/230000/230100/230103/');
    expect(countyPathOf('/230000/230100/')).toBe('/230000/230100/');
  });

  it('lists the ids and paths above a unit, root first', () => {
    expect(pathIds(school)).toEqual(['230000', '230100', '230103', 't_ab12']);
    expect(ancestorPaths('/230000/230100/')).toEqual(['/230000/', '/230000/230100/']);
  });
});
