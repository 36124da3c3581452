// Locale-aware formatting of money (integer kopecks), hours (integer minutes), dates and months.
export type Locale = 'ru' | 'en';

const THIN_SPACE = '\u2009';
const NBSP = '\u00a0';

const intlLocale = (locale: Locale) => (locale === 'ru' ? 'ru-RU' : 'en-US');

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: Locale, fractionDigits: number): Intl.NumberFormat {
  const key = `${locale}:${fractionDigits}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(intlLocale(locale), {
      minimumFractionDigits: fractionDigits,
      maximumFractionDigits: fractionDigits,
      useGrouping: true,
    });
    numberFormats.set(key, f);
  }
  return f;
}

const formatted = new Map<string, string>();

/** A number with the locale's decimal mark; Russian groups digits with thin spaces. Memoised: the dashboard formats the same figures on every keystroke. */
export function formatNumber(value: number, locale: Locale, fractionDigits = 0): string {
  const key = `${locale}${fractionDigits}${value}`;
  let out = formatted.get(key);
  if (out === undefined) {
    if (formatted.size > 20000) formatted.clear();
    out = formatNumberUncached(value, locale, fractionDigits);
    formatted.set(key, out);
  }
  return out;
}

function formatNumberUncached(value: number, locale: Locale, fractionDigits: number): string {
  const parts = numberFormat(locale, fractionDigits).formatToParts(value);
  return parts
    .map((p) => (p.type === 'group' ? (locale === 'ru' ? THIN_SPACE : ',') : p.type === 'minusSign' ? '−' : p.value))
    .join('');
}

/** Money from integer kopecks: "1 234 567 ₽" (thin spaces) in Russian, "₽1,234,567" in English. Kopecks shown only when present. */
export function formatMoney(kopecks: number, locale: Locale, wholeRubles = false): string {
  if (wholeRubles) kopecks = Math.round(kopecks / 100) * 100;
  const digits = kopecks % 100 === 0 ? 0 : 2;
  const amount = formatNumber(Math.abs(kopecks) / 100, locale, digits);
  const sign = kopecks < 0 ? '−' : '';
  return locale === 'ru' ? `${sign}${amount}${NBSP}₽` : `${sign}₽${amount}`;
}

/** Money to the kopeck, always with two decimals ("1 234,50 ₽"): a column of figures that must add up as shown. */
export function formatKopecks(kopecks: number, locale: Locale): string {
  const amount = formatNumber(Math.abs(kopecks) / 100, locale, 2);
  const sign = kopecks < 0 ? '−' : '';
  return locale === 'ru' ? `${sign}${amount}${NBSP}₽` : `${sign}₽${amount}`;
}

/** Exact hours and minutes from minutes, "152:05" (thousands grouped as elsewhere): nothing rounded, so figures add up as shown. */
export function formatClock(minutes: number, locale: Locale): string {
  const sign = minutes < 0 ? '−' : '';
  const m = Math.abs(Math.round(minutes));
  return `${sign}${formatNumber(Math.floor(m / 60), locale)}:${String(m % 60).padStart(2, '0')}`;
}

/** Hours from minutes with at most one decimal: 90 → "1,5" (ru) / "1.5" (en); whole hours have none. */
export function formatHours(minutes: number, locale: Locale): string {
  const hours = Math.round((minutes / 60) * 10) / 10;
  return formatNumber(hours, locale, Number.isInteger(hours) ? 0 : 1);
}

/** Percent with one decimal and an explicit sign: "+12,5 %" / "+12.5%". */
export function formatPercent(value: number, locale: Locale, signed = true): string {
  const rounded = Math.round(value * 10) / 10;
  const body = formatNumber(Math.abs(rounded), locale, Number.isInteger(rounded) ? 0 : 1);
  const sign = rounded > 0 && signed ? '+' : rounded < 0 ? '−' : '';
  return locale === 'ru' ? `${sign}${body}${NBSP}%` : `${sign}${body}%`;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: Locale, opts: Intl.DateTimeFormatOptions, key: string): Intl.DateTimeFormat {
  const k = `${locale}:${key}`;
  let f = dateFormats.get(k);
  if (!f) {
    f = new Intl.DateTimeFormat(intlLocale(locale), { ...opts, timeZone: 'UTC' });
    dateFormats.set(k, f);
  }
  return f;
}

function parseIsoDate(iso: string): Date {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return new Date(Date.UTC(y, (m || 1) - 1, d || 1));
}

/** "24.11.2026" (ru) / "Nov 24, 2026" (en) from "YYYY-MM-DD". */
export function formatDate(iso: string | null | undefined, locale: Locale): string {
  if (!iso) return '—';
  const opts: Intl.DateTimeFormatOptions =
    locale === 'ru' ? { day: '2-digit', month: '2-digit', year: 'numeric' } : { day: 'numeric', month: 'short', year: 'numeric' };
  return dateFormat(locale, opts, 'date').format(parseIsoDate(iso));
}

/** An RFC 3339 instant as local date and time. */
export function formatDateTime(instant: string | null | undefined, locale: Locale): string {
  if (!instant) return '—';
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return instant;
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'short', timeStyle: 'short' }).format(d);
}

/** "ноябрь 2026" / "November 2026" from "YYYY-MM". */
export function formatMonth(period: string, locale: Locale): string {
  const s = dateFormat(locale, { month: 'long', year: 'numeric' }, 'month').format(parseIsoDate(`${period}-01`));
  return s.replace(/\s*г\.$/, '');
}

/** Short month for chart axes and report columns: "нояб. 26" / "Nov 26" (or with the full year). */
export function formatMonthShort(period: string, locale: Locale, fullYear = false): string {
  const parts = dateFormat(locale, { month: 'short', year: fullYear ? 'numeric' : '2-digit' }, fullYear ? 'mshortY' : 'mshort').formatToParts(parseIsoDate(`${period}-01`));
  const month = parts.find((p) => p.type === 'month')?.value ?? '';
  const year = parts.find((p) => p.type === 'year')?.value ?? '';
  return `${month} ${year}`;
}

/** Initials for an avatar fallback: "Анна Петрова" → "АП". */
export function initials(name: string): string {
  const words = name.trim().split(/[\s._@-]+/).filter(Boolean);
  if (words.length === 0) return '?';
  const letters = words.length === 1 ? words[0].slice(0, 2) : words[0][0] + words[1][0];
  return letters.toUpperCase();
}
