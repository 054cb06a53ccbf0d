// The device running these tests keeps Los Angeles time (jsdom-environment.js): every text must still be what a
// clock in Heilongjiang shows.
import { formatDateTime, formatTimeRange, inputTextToIso, toInputText } from '../../../client/lib/china-time';

beforeAll(() => {
  jest.useFakeTimers({ now: new Date('2026-06-15T04:00:00Z') });
});
afterAll(() => {
  jest.useRealTimers();
});

test('the device is not on China time, so these tests can tell the difference', () => {
  expect(new Date('2026-12-05T11:00:00Z').getHours()).not.toBe(19);
});

describe('formatTimeRange', () => {
  test('a session this year: month, day, weekday and China clock times', () => {
    expect(formatTimeRange('2026-12-05T11:00:00Z', '2026-12-05T12:30:00Z')).toBe('12月5日 星期六 19:00–20:30');
  });

  test('the same instants written with a +08:00 offset read the same', () => {
    expect(formatTimeRange('2026-12-05T19:00:00+08:00', '2026-12-05T20:30:00+08:00')).toBe(
      '12月5日 星期六 19:00–20:30',
    );
  });

  test('a session that runs past midnight in China names the day it ends', () => {
    expect(formatTimeRange('2026-12-05T15:30:00Z', '2026-12-05T16:30:00Z')).toBe('12月5日 星期六 23:30–12月6日 00:30');
  });

  test('an evening that is still the 31st in UTC is already next year in China: the year is shown', () => {
    expect(formatTimeRange('2026-12-31T16:30:00Z', '2026-12-31T17:30:00Z')).toBe('2027年1月1日 星期五 00:30–01:30');
  });
});

test('formatDateTime writes the China date and time in Chinese', () => {
  expect(formatDateTime('2026-03-01T01:05:00Z')).toBe('2026年3月1日 09:05');
});

test('toInputText writes what the staff form shows', () => {
  expect(toInputText('2026-12-05T11:00:00Z')).toBe('2026-12-05 19:00');
  expect(toInputText('2026-12-31T16:30:00Z')).toBe('2027-01-01 00:30');
});

describe('inputTextToIso', () => {
  test('reads a typed China time in the ways people write it', () => {
    expect(inputTextToIso('2026-12-05 19:00')).toBe('2026-12-05T19:00:00+08:00');
    expect(inputTextToIso(' 2026/12/5 9:00 ')).toBe('2026-12-05T09:00:00+08:00');
    expect(inputTextToIso('2026年12月5日 9：30')).toBe('2026-12-05T09:30:00+08:00');
    expect(inputTextToIso('2026-12-05T19:00')).toBe('2026-12-05T19:00:00+08:00');
  });

  test('is the instant the form showed: a typed time reads back unchanged', () => {
    expect(toInputText(inputTextToIso('2027-01-01 00:30')!)).toBe('2027-01-01 00:30');
    expect(new Date(inputTextToIso('2026-12-05 19:00')!).toISOString()).toBe('2026-12-05T11:00:00.000Z');
  });

  test('refuses what is not a time', () => {
    expect(inputTextToIso('2026-02-30 10:00')).toBeNull();
    expect(inputTextToIso('2026-12-05 24:00')).toBeNull();
    expect(inputTextToIso('2026-13-01 10:00')).toBeNull();
    expect(inputTextToIso('2026-12-05')).toBeNull();
    expect(inputTextToIso('明天晚上七点')).toBeNull();
  });
});
