import { describe, expect, it } from 'vitest';
import { addDays, agencyToday, checkDate, endOfDayUtc, formatDateInput, isRealDate, parseDateInput, todayIso } from './dates';

const ok = (iso: string) => ({ ok: true, iso });

describe('parseDateInput, Russian (day first)', () => {
  it('reads DD.MM.YYYY as day, month, year — 03.12.2026 is 3 December, not 12 March', () => {
    expect(parseDateInput('03.12.2026', 'ru')).toEqual(ok('2026-12-03'));
    expect(parseDateInput('07.12.2026', 'ru')).toEqual(ok('2026-12-07'));
    expect(parseDateInput('13.11.2026', 'ru')).toEqual(ok('2026-11-13'));
  });
  it('reads D.M.YY and other separators', () => {
    expect(parseDateInput('3.12.26', 'ru')).toEqual(ok('2026-12-03'));
    expect(parseDateInput('3/12/2026', 'ru')).toEqual(ok('2026-12-03'));
    expect(parseDateInput(' 1-2-2027 ', 'ru')).toEqual(ok('2027-02-01'));
  });
  it('reads ISO and month names', () => {
    expect(parseDateInput('2026-12-03', 'ru')).toEqual(ok('2026-12-03'));
    expect(parseDateInput('3 декабря 2026', 'ru')).toEqual(ok('2026-12-03'));
    expect(parseDateInput('5 мая 2026 г.', 'ru')).toEqual(ok('2026-05-05'));
    expect(parseDateInput('8 марта 2026', 'ru')).toEqual(ok('2026-03-08'));
  });
  it('refuses days that do not exist and text it cannot read', () => {
    expect(parseDateInput('31.02.2026', 'ru')).toEqual({ ok: false, reason: 'invalid' });
    expect(parseDateInput('29.02.2026', 'ru')).toEqual({ ok: false, reason: 'invalid' });
    expect(parseDateInput('12.13.2026', 'ru')).toEqual({ ok: false, reason: 'invalid' });
    expect(parseDateInput('3.12.202', 'ru')).toEqual({ ok: false, reason: 'format' });
    expect(parseDateInput('завтра', 'ru')).toEqual({ ok: false, reason: 'format' });
    expect(parseDateInput('', 'ru')).toEqual({ ok: false, reason: 'format' });
  });
  it('takes a leap day in a leap year', () => {
    expect(parseDateInput('29.02.2028', 'ru')).toEqual(ok('2028-02-29'));
  });
});

describe('parseDateInput, English (month first)', () => {
  it('reads MM/DD/YYYY and M/D/YY', () => {
    expect(parseDateInput('12/03/2026', 'en')).toEqual(ok('2026-12-03'));
    expect(parseDateInput('12/3/26', 'en')).toEqual(ok('2026-12-03'));
    expect(parseDateInput('11/13/2026', 'en')).toEqual(ok('2026-11-13'));
  });
  it('reads month names and ISO', () => {
    expect(parseDateInput('Dec 3, 2026', 'en')).toEqual(ok('2026-12-03'));
    expect(parseDateInput('3 December 2026', 'en')).toEqual(ok('2026-12-03'));
    expect(parseDateInput('2026-12-03', 'en')).toEqual(ok('2026-12-03'));
  });
  it('reads the digits a Russian reads day first as month first', () => {
    expect(parseDateInput('03/12/2026', 'en')).toEqual(ok('2026-03-12'));
    expect(parseDateInput('03/12/2026', 'ru')).toEqual(ok('2026-12-03'));
    expect(parseDateInput('03.12.2026', 'en')).toEqual(ok('2026-03-12'));
    expect(parseDateInput('13.11.2026', 'en')).toEqual({ ok: false, reason: 'invalid' });
  });
  it('refuses 13/11/2026 (no 13th month) and 02/31/2026', () => {
    expect(parseDateInput('13/11/2026', 'en')).toEqual({ ok: false, reason: 'invalid' });
    expect(parseDateInput('02/31/2026', 'en')).toEqual({ ok: false, reason: 'invalid' });
  });
});

describe('formatDateInput', () => {
  it('shows DD.MM.YYYY in Russian and MM/DD/YYYY in English', () => {
    expect(formatDateInput('2026-12-03', 'ru')).toBe('03.12.2026');
    expect(formatDateInput('2026-12-03', 'en')).toBe('12/03/2026');
    expect(formatDateInput(null, 'ru')).toBe('');
  });
  it('round-trips through the parser in both languages', () => {
    for (const iso of ['2026-01-31', '2026-12-03', '2027-02-28'])
      for (const l of ['ru', 'en'] as const) expect(parseDateInput(formatDateInput(iso, l), l)).toEqual(ok(iso));
  });
});

describe('date rules', () => {
  const today = '2026-12-07';
  it('knows real days', () => {
    expect(isRealDate(2026, 2, 28)).toBe(true);
    expect(isRealDate(2026, 2, 29)).toBe(false);
    expect(isRealDate(2026, 4, 31)).toBe(false);
  });
  it('flags a past date to ask about, an absurd year to refuse, and bounds', () => {
    expect(checkDate('2020-03-01', { today, warnPast: true })).toBe('past');
    expect(checkDate('2026-12-08', { today, warnPast: true })).toBe('ok');
    expect(checkDate('2026-12-07', { today, warnPast: true })).toBe('ok');
    expect(checkDate('0202-03-01', { today, warnPast: true })).toBe('absurdYear');
    expect(checkDate('2062-03-01', { today })).toBe('absurdYear');
    expect(checkDate('2026-12-08', { today, max: today })).toBe('afterMax');
    expect(checkDate('2026-12-06', { today, min: today })).toBe('beforeMin');
  });
  it('adds days across months and years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});

describe('days in a time zone', () => {
  it("today in the agency's zone and date arithmetic", () => {
    const now = new Date('2026-11-25T22:30:00Z');
    expect(agencyToday(now, 180)).toBe('2026-11-26');
    expect(agencyToday(now, 0)).toBe('2026-11-25');
    expect(agencyToday(new Date('2026-11-25T02:00:00Z'), -300)).toBe('2026-11-24');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

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
