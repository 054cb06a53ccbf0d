import fc from 'fast-check';
import {
  addDays,
  chinaDateTimeText,
  chinaDay,
  chinaDayAfter,
  chinaDayStart,
  chinaInstant,
  chinaToday,
  chinaYear,
  semesterBounds,
  yearBounds,
} from '../../server/shared/china-time';

describe('china-time', () => {
  it('puts an instant in the China calendar year and day, not the UTC one', () => {
    // 16:30 UTC on New Year's Eve is already 00:30 on 1 January in Heilongjiang.
    const newYear = new Date('2026-12-31T16:30:00Z');
    expect(chinaYear(newYear)).toBe(2027);
    expect(chinaDay(newYear)).toBe('2027-01-01');
    expect(chinaYear(new Date('2026-12-31T15:59:59Z'))).toBe(2026);
    expect(chinaDay(new Date('2026-12-31T15:59:59Z'))).toBe('2026-12-31');
  });

  it('bounds a year at midnight China time on both ends', () => {
    const { from, to } = yearBounds(2026);
    expect(from.toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(to.toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });

  it('an instant lies in the year bounds of its own China year, whatever the instant', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), (at) => {
        const { from, to } = yearBounds(chinaYear(at));
        return from <= at && at < to;
      }),
    );
  });

  it('reads a wall-clock time on a China day', () => {
    expect(chinaInstant('2027-01-20', '09:30').toISOString()).toBe('2027-01-20T01:30:00.000Z');
    expect(chinaDayStart('2027-01-20').toISOString()).toBe('2027-01-19T16:00:00.000Z');
    // A date column arrives as midnight UTC of that calendar day.
    expect(chinaDayStart(new Date('2027-01-20T00:00:00Z')).toISOString()).toBe('2027-01-19T16:00:00.000Z');
  });

  it('formats a WeChat time field as a clock in China shows it', () => {
    expect(chinaDateTimeText(new Date('2026-12-05T11:05:00Z'))).toBe('2026-12-05 19:05');
  });

  it("gives today's China date as a date column stores it", () => {
    expect(chinaToday(new Date('2026-12-01T17:00:00Z')).toISOString()).toBe('2026-12-02T00:00:00.000Z');
  });

  it('counts days after an instant on the China calendar', () => {
    expect(chinaDayAfter(new Date('2026-12-31T17:00:00Z'), 14)).toBe('2027-01-15');
    expect(addDays(new Date('2026-12-01T00:00:00Z'), 7).toISOString()).toBe('2026-12-08T00:00:00.000Z');
  });

  it.each([
    // Contract v2: the first semester 1 September – 31 January, the second 1 February – 31 August.
    ['2026-03-10T12:00:00+08:00', '2026-02-01T00:00:00+08:00', '2026-09-01T00:00:00+08:00', '2026年春季学期'],
    ['2026-08-31T23:59:00+08:00', '2026-02-01T00:00:00+08:00', '2026-09-01T00:00:00+08:00', '2026年春季学期'],
    ['2026-09-01T00:00:00+08:00', '2026-09-01T00:00:00+08:00', '2027-02-01T00:00:00+08:00', '2026年秋季学期'],
    ['2027-01-31T23:00:00+08:00', '2026-09-01T00:00:00+08:00', '2027-02-01T00:00:00+08:00', '2026年秋季学期'],
  ])('the semester in progress at %s', (at, from, to, label) => {
    const s = semesterBounds(new Date(at));
    expect([s.from.getTime(), s.to.getTime(), s.label]).toEqual([
      new Date(from).getTime(),
      new Date(to).getTime(),
      label,
    ]);
  });
});
