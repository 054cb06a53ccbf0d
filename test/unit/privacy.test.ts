import { MIN_CELL_COUNT, suppressSmall, suppressSmallIf } from '../../server/shared/privacy';

describe('privacy: small-cell suppression', () => {
  it('withholds counts of people under five and publishes five and more', () => {
    expect(MIN_CELL_COUNT).toBe(5);
    expect([0, 1, 4].map(suppressSmall)).toEqual([null, null, null]);
    expect([5, 6, 1000].map(suppressSmall)).toEqual([5, 6, 1000]);
  });

  it('suppresses only where the rule applies', () => {
    expect(suppressSmallIf(false, 2)).toBe(2);
    expect(suppressSmallIf(true, 2)).toBeNull();
  });
});
