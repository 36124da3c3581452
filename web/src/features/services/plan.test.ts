import { describe, expect, it } from 'vitest';
import { minutesByMonth, plannedMinutes } from './plan';

const seo = { monthly_fee_kopecks: 6_000_000, planning_rate_kopecks: null, starts_on: '2025-03-01', ends_on: null };

describe('plannedMinutes', () => {
  it('is fee ÷ the type rate in hours for a whole month', () => {
    // 60,000 ₽ at 2,000 ₽/h = 30 h = 1,800 min.
    expect(plannedMinutes(seo, 200_000, '2026-11')).toBe(1800);
  });
  it('prefers the service rate over the type rate', () => {
    expect(plannedMinutes({ ...seo, planning_rate_kopecks: 300_000 }, 200_000, '2026-11')).toBe(1200);
  });
  it('prorates a service starting mid-month by active days', () => {
    // Starts on the 16th of a 30-day month: 15 of 30 days → half of 30 h.
    expect(plannedMinutes({ ...seo, starts_on: '2026-11-16' }, 200_000, '2026-11')).toBe(900);
  });
  it('is zero before the start, after the end, or without a rate', () => {
    expect(plannedMinutes({ ...seo, starts_on: '2026-12-01' }, 200_000, '2026-11')).toBe(0);
    expect(plannedMinutes({ ...seo, ends_on: '2026-10-31' }, 200_000, '2026-11')).toBe(0);
    expect(plannedMinutes(seo, null, '2026-11')).toBe(0);
  });
});

describe('minutesByMonth', () => {
  it('sums entries per month', () => {
    const m = minutesByMonth([
      { date: '2026-10-31', duration_minutes: 30 },
      { date: '2026-11-01', duration_minutes: 60 },
      { date: '2026-11-20', duration_minutes: 15 },
    ]);
    expect(m.get('2026-10')).toBe(30);
    expect(m.get('2026-11')).toBe(75);
  });
});
