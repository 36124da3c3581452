import { describe, expect, it } from 'vitest';
import { daysInPeriod, isPeriod, lastDay, periodsBack, shiftPeriod } from './period';

describe('periods', () => {
  it('shifts across year boundaries', () => {
    expect(shiftPeriod('2026-01', -1)).toBe('2025-12');
    expect(shiftPeriod('2026-12', 1)).toBe('2027-01');
    expect(shiftPeriod('2026-11', -12)).toBe('2025-11');
  });
  it('knows month lengths, leap years included', () => {
    expect(daysInPeriod('2026-02')).toBe(28);
    expect(daysInPeriod('2028-02')).toBe(29);
    expect(lastDay('2026-11')).toBe('2026-11-30');
  });
  it('lists the last N months oldest first and validates', () => {
    expect(periodsBack('2026-02', 3)).toEqual(['2025-12', '2026-01', '2026-02']);
    expect(isPeriod('2026-13')).toBe(false);
    expect(isPeriod('2026-09')).toBe(true);
  });
});
