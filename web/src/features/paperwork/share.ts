// Link expiry: a picked date means "until the end of that day" in the agency's time zone.

/**
 * `YYYY-MM-DD` → the RFC 3339 UTC instant of 23:59:59 that day at the given UTC offset (minutes east
 * of UTC, the agency's `timezone_offset_minutes`); without an offset, the browser's own zone. Null
 * for an empty or malformed date.
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

/** Today as `YYYY-MM-DD` in the browser (the earliest date an expiry may be picked for). */
export function todayIso(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}
