// Dates typed by people, one parser and formatter for every date field of the app.
// Russian reads day first (03.12.2026, 3.12.26), English month first (12/03/2026, 12/3/26, Dec 3, 2026);
// both take ISO (2026-12-03). Never `new Date(text)`: it reads 03.12.2026 as 12 March.
import type { Locale } from './format';

export type DateParse = { ok: true; iso: string } | { ok: false; reason: 'format' | 'invalid' };

const EN_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const RU_MONTHS = ['янв', 'фев', 'мар', 'апр', 'ма', 'июн', 'июл', 'авг', 'сен', 'окт', 'ноя', 'дек'];

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Whether year-month-day is a day of the calendar (31.02 is not). */
export function isRealDate(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d) || m < 1 || m > 12 || d < 1 || y < 1 || y > 9999) return false;
  const dt = new Date(Date.UTC(2000, m - 1, d));
  dt.setUTCFullYear(y);
  return dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

function build(y: number, m: number, d: number, yearDigits: number): DateParse {
  const year = yearDigits === 2 ? 2000 + y : y;
  if (yearDigits !== 2 && yearDigits !== 4) return { ok: false, reason: 'format' };
  if (!isRealDate(year, m, d)) return { ok: false, reason: 'invalid' };
  return { ok: true, iso: `${pad(year, 4)}-${pad(m)}-${pad(d)}` };
}

function monthByName(word: string, locale: Locale): number {
  const w = word.toLowerCase().replace(/\.$/, '');
  const en = EN_MONTHS.findIndex((m) => w.startsWith(m));
  if (en >= 0) return en + 1;
  if (locale === 'ru') {
    // «ма» is May (мая, май) but not март: test «мар» first.
    if (w.startsWith('мар')) return 3;
    const ru = RU_MONTHS.findIndex((m) => w.startsWith(m));
    if (ru >= 0) return ru + 1;
  }
  return 0;
}

/**
 * A typed date as "YYYY-MM-DD": Russian D.M.YYYY / D.M.YY (also with / or -), English M/D/YYYY /
 * M/D/YY and "Dec 3, 2026" / "3 Dec 2026"; ISO in both. `invalid` = the format is right but the day
 * does not exist (31.02.2026); `format` = it cannot be read.
 */
export function parseDateInput(text: string, locale: Locale): DateParse {
  const s = text.trim().replace(/\s+/g, ' ').replace(/\s*г\.?$/, '');
  if (s === '') return { ok: false, reason: 'format' };
  let m: RegExpMatchArray | null;
  if ((m = s.match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/))) return build(Number(m[1]), Number(m[2]), Number(m[3]), 4);
  if ((m = s.match(/^(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{2}|\d{4})$/))) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    return locale === 'ru' ? build(Number(m[3]), b, a, m[3].length) : build(Number(m[3]), a, b, m[3].length);
  }
  // "3 Dec 2026", "3 декабря 2026"
  if ((m = s.match(/^(\d{1,2})\s*([A-Za-zА-Яа-яЁё]+\.?)\s*,?\s*(\d{2}|\d{4})$/))) {
    const month = monthByName(m[2], locale);
    return month ? build(Number(m[3]), month, Number(m[1]), m[3].length) : { ok: false, reason: 'format' };
  }
  // "Dec 3, 2026"
  if ((m = s.match(/^([A-Za-zА-Яа-яЁё]+\.?)\s*(\d{1,2})\s*,?\s*(\d{2}|\d{4})$/))) {
    const month = monthByName(m[1], locale);
    return month ? build(Number(m[3]), month, Number(m[2]), m[3].length) : { ok: false, reason: 'format' };
  }
  return { ok: false, reason: 'format' };
}

/** How a date field shows its value: "03.12.2026" (ru), "12/03/2026" (en); empty for none. */
export function formatDateInput(iso: string | null | undefined, locale: Locale): string {
  if (!iso) return '';
  const [y, m, d] = iso.slice(0, 10).split('-');
  if (!y || !m || !d) return '';
  return locale === 'ru' ? `${d}.${m}.${y}` : `${m}/${d}/${y}`;
}

/** The pattern a field shows as its placeholder. */
export function datePattern(locale: Locale): string {
  return locale === 'ru' ? 'ДД.ММ.ГГГГ' : 'MM/DD/YYYY';
}

/** Today as "YYYY-MM-DD" in the browser's time zone. */
export function todayIso(now = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * Today as "YYYY-MM-DD" in the agency's time zone (`timezone_offset_minutes`, minutes east of UTC),
 * as the server counts "overdue"; without an offset, the browser's own day.
 */
export function agencyToday(now: Date, offsetMinutes?: number | null): string {
  if (offsetMinutes === undefined || offsetMinutes === null) return todayIso(now);
  const d = new Date(now.getTime() + offsetMinutes * 60_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/**
 * "YYYY-MM-DD" → the RFC 3339 UTC instant of 23:59:59 that day at the given UTC offset (minutes east
 * of UTC, the agency's `timezone_offset_minutes`); without an offset, the browser's own zone. Null
 * for an empty or malformed date. A link's expiry: a picked date means "until the end of that day".
 */
export function endOfDayUtc(date: string, offsetMinutes?: number | null): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  if (offsetMinutes === undefined || offsetMinutes === null) {
    const local = new Date(y, mo - 1, d, 23, 59, 59);
    if (local.getDate() !== d) return null;
    return local.toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  const utc = Date.UTC(y, mo - 1, d, 23, 59, 59) - offsetMinutes * 60_000;
  if (new Date(Date.UTC(y, mo - 1, d)).getUTCDate() !== d) return null;
  return new Date(utc).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Adds days to "YYYY-MM-DD". */
export function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const dt = new Date(Date.UTC(y, m - 1, d + days));
  return `${pad(dt.getUTCFullYear(), 4)}-${pad(dt.getUTCMonth() + 1)}-${pad(dt.getUTCDate())}`;
}

export type DateCheck = 'ok' | 'beforeMin' | 'afterMax' | 'absurdYear' | 'past';

/**
 * Where a parsed date stands against a field's rules: before `min` or after `max` (inclusive bounds,
 * "YYYY-MM-DD"); a year more than `yearsAround` from today's is absurd (2062 for 2026, 0202);
 * `warnPast`: before `today` is allowed but asks first.
 */
export function checkDate(iso: string, opts: { today: string; min?: string | null; max?: string | null; yearsAround?: number; warnPast?: boolean }): DateCheck {
  const year = Number(iso.slice(0, 4));
  const thisYear = Number(opts.today.slice(0, 4));
  const around = opts.yearsAround ?? 10;
  if (Math.abs(year - thisYear) > around) return 'absurdYear';
  if (opts.min && iso < opts.min) return 'beforeMin';
  if (opts.max && iso > opts.max) return 'afterMax';
  if (opts.warnPast && iso < opts.today) return 'past';
  return 'ok';
}
