import fc from 'fast-check';
import {
  complementaryMask,
  isSmall,
  MIN_CELL_COUNT,
  suppressColumn,
  suppressSmall,
  suppressTable,
} from '../../server/shared/privacy';

describe('privacy: small-cell suppression', () => {
  it('withholds counts of people from 1 to 4 and publishes zero and five and more', () => {
    expect(MIN_CELL_COUNT).toBe(5);
    expect([1, 2, 4].map(suppressSmall)).toEqual([null, null, null]);
    expect([0, 5, 6, 1000].map(suppressSmall)).toEqual([0, 5, 6, 1000]);
  });

  it('a county total minus the visible schools does not give back the small one: the next-smallest is hidden too', () => {
    // Schools of 3, 40, 12 and 25 families, the county total 80 published.
    expect(suppressColumn([3, 40, 12, 25], true)).toEqual([null, 40, null, 25]);
  });

  it('the complement is the next-smallest even when it is 0, and two small cells need no complement', () => {
    expect(suppressColumn([2, 0, 30], true)).toEqual([null, null, 30]);
    expect(suppressColumn([2, 3, 30], true)).toEqual([null, null, 30]);
  });

  it('complements are taken from rows about a single school before regions', () => {
    // A city's counties: the first holds one school (sensitive), the others many.
    expect(suppressColumn([3, 10, 90, 40], [true, false, true, false])).toEqual([null, 10, null, 40]);
  });

  it('a column whose total is withheld elsewhere hides two cells even when none is small', () => {
    expect(suppressColumn([9, 12, 30, 7], true, { totalWithheld: true })).toEqual([null, 12, 30, null]);
    expect(complementaryMask([9, 12], [false, false])).toEqual([false, false]);
  });

  it('publishes everything when nothing is small (the figures stay useful)', () => {
    expect(suppressColumn([5, 50, 500], true)).toEqual([5, 50, 500]);
    expect(suppressColumn([0, 0, 7], true)).toEqual([0, 0, 7]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Property: over random trees (a city of counties, each of schools), nothing that is hidden can be worked out
// from what is published: the city's total, every county's published cells and every school's published
// cells, with every count at least 0 and served families never above families. For every hidden cell there is
// a second assignment of all hidden cells that fits every published figure and differs in that cell.

type Cells = { families: number; served: number };
const COLUMNS = ['families', 'served'] as const;

const school = fc
  .tuple(fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 14 }))
  .map(([a, b]): Cells => ({ families: Math.max(a, b), served: Math.min(a, b) }));
const county = fc.array(school, { minLength: 1, maxLength: 6 });
const city = fc.array(county, { minLength: 2, maxLength: 5 });

function add(a: Cells, b: Cells): Cells {
  return { families: a.families + b.families, served: a.served + b.served };
}

/** Publishes a city as the reports do: the city table of counties, then each county's table of schools. */
function publish(counties: Cells[][]) {
  const totals = counties.map((schools) => schools.reduce(add, { families: 0, served: 0 }));
  const cityTotal = totals.reduce(add, { families: 0, served: 0 });
  const cityTable = suppressTable(
    totals.map((values, i) => ({ sensitive: withFamilies(counties[i]) === 1, values })),
    COLUMNS,
    // A city whose families all belong to one school withholds its own small totals.
    {
      families: withFamilies(counties.flat()) === 1 && isSmall(cityTotal.families),
      served: withFamilies(counties.flat()) === 1 && isSmall(cityTotal.served),
    },
    { served: 'families' },
  );
  const countyTables = counties.map((schools, i) =>
    suppressTable(
      schools.map((values) => ({ sensitive: true, values })),
      COLUMNS,
      { families: cityTable[i].families === null, served: cityTable[i].served === null },
      { served: 'families' },
    ),
  );
  const cityWithheld = {
    families: withFamilies(counties.flat()) === 1 && isSmall(cityTotal.families),
    served: withFamilies(counties.flat()) === 1 && isSmall(cityTotal.served),
  };
  return { cityTable, countyTables, cityWithheld };
}

/** Schools with families: a figure over only one of them describes that one. */
const withFamilies = (schools: Cells[]) => schools.filter((s) => s.families > 0).length;

type Place = { county: number; school: number };

/** Whether the assignment fits served ≤ families at every school and county, and no count is negative. */
function fits(counties: Cells[][]) {
  return counties.every((schools) => {
    const t = schools.reduce(add, { families: 0, served: 0 });
    return t.served <= t.families && schools.every((s) => s.served >= 0 && s.served <= s.families);
  });
}

function moved(counties: Cells[][], columns: readonly (typeof COLUMNS)[number][], plus: Place, minus: Place) {
  const next = counties.map((schools) => schools.map((s) => ({ ...s })));
  for (const column of columns) {
    next[plus.county][plus.school][column] += 1;
    next[minus.county][minus.school][column] -= 1;
  }
  return next;
}

/**
 * A one-unit move between two hidden school cells of one column changes no published figure when both are in
 * one county, or when both counties' cells of that column are hidden in the city table (the city total stays).
 * Where served ≤ families would break, the same move in the other column goes with it, if it too is hidden.
 */
function alternativeExists(
  counties: Cells[][],
  published: ReturnType<typeof publish>,
  column: (typeof COLUMNS)[number],
  changes: (p: Place) => boolean,
) {
  const hiddenIn = (k: (typeof COLUMNS)[number], x: Place) => published.countyTables[x.county][x.school][k] === null;
  const movable = (k: (typeof COLUMNS)[number], a: Place, b: Place) =>
    hiddenIn(k, a) &&
    hiddenIn(k, b) &&
    (a.county === b.county || (published.cityTable[a.county][k] === null && published.cityTable[b.county][k] === null));
  const places = counties.flatMap((schools, c) => schools.map((_, s) => ({ county: c, school: s })));
  const other: (typeof COLUMNS)[number] = column === 'families' ? 'served' : 'families';
  // With the city's total withheld too, a cell hidden up to the city table can change on its own.
  if (published.cityWithheld[column]) {
    for (const a of places) {
      if (!changes(a) || !hiddenIn(column, a) || published.cityTable[a.county][column] !== null) continue;
      for (const step of [1, -1]) {
        const next = counties.map((schools) => schools.map((x) => ({ ...x })));
        next[a.county][a.school][column] += step;
        if (fits(next)) return true;
      }
    }
  }
  for (const a of places) {
    for (const b of places) {
      if (a === b || !(changes(a) || changes(b)) || !movable(column, a, b)) continue;
      const single = moved(counties, [column], a, b);
      if (fits(single)) return true;
      // served ≤ families broke at a or b: a move in the other column from or to that place may mend it.
      for (const x of [a, b]) {
        for (const y of places) {
          if (x === y) continue;
          for (const [plus, minus] of [
            [x, y],
            [y, x],
          ]) {
            if (movable(other, plus, minus) && fits(moved(single, [other], plus, minus))) return true;
          }
        }
      }
    }
  }
  return false;
}

describe('privacy: complementary suppression over random trees', () => {
  it('every small cell about one school or site is hidden', () => {
    fc.assert(
      fc.property(city, (counties) => {
        const p = publish(counties);
        counties.forEach((schools, c) =>
          schools.forEach((s, i) => {
            for (const k of COLUMNS) if (s[k] > 0 && s[k] < MIN_CELL_COUNT) expect(p.countyTables[c][i][k]).toBeNull();
          }),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('no hidden value can be recovered from the published ones', () => {
    fc.assert(
      fc.property(city, (counties) => {
        const p = publish(counties);
        for (const column of COLUMNS) {
          counties.forEach((schools, c) => {
            // A hidden county cell: some move between schools of two counties changes it.
            if (p.cityTable[c][column] === null) {
              expect(alternativeExists(counties, p, column, (x) => x.county === c)).toBe(true);
            }
            schools.forEach((_, s) => {
              if (p.countyTables[c][s][column] !== null) return;
              // A served cell of a school whose published families are 0 is 0 for anyone who reads it, and
              // says nothing about a family: it is only ever hidden to hide another.
              if (column === 'served' && p.countyTables[c][s].families === 0) return;
              expect(alternativeExists(counties, p, column, (x) => x.county === c && x.school === s)).toBe(true);
            });
          });
        }
      }),
      { numRuns: 500 },
    );
  });
});
