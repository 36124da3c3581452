import { describe, expect, it } from 'vitest';
import { endOfDayUtc, todayIso } from './share';

describe('link expiry', () => {
  it('is the end of the picked day in the agency time zone, in UTC', () => {
    expect(endOfDayUtc('2026-12-31', 180)).toBe('2026-12-31T20:59:59Z');
    expect(endOfDayUtc('2026-12-31', 0)).toBe('2026-12-31T23:59:59Z');
    expect(endOfDayUtc('2027-01-01', -300)).toBe('2027-01-02T04:59:59Z');
    expect(endOfDayUtc('2026-03-01', 600)).toBe('2026-03-01T13:59:59Z');
  });
  it('uses the browser zone without an offset', () => {
    const want = new Date(2026, 11, 31, 23, 59, 59).toISOString().replace('.000', '');
    expect(endOfDayUtc('2026-12-31')).toBe(want);
    expect(endOfDayUtc('2026-12-31', null)).toBe(want);
  });
  it('refuses empty and impossible dates', () => {
    expect(endOfDayUtc('', 180)).toBeNull();
    expect(endOfDayUtc('31.12.2026', 180)).toBeNull();
    expect(endOfDayUtc('2026-02-30', 180)).toBeNull();
    expect(endOfDayUtc('2026-13-01')).toBeNull();
  });
  it('formats today for the date picker', () => {
    expect(todayIso(new Date(2026, 0, 5, 12))).toBe('2026-01-05');
  });
});
