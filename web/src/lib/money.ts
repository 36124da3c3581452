// Money typed by people: a money field shows integer kopecks as rubles ("1500", "1234,50") and reads
// back what was typed, so a price never passes through a float twice.

/** Rubles typed by a person ("150 000", "1 234,50", "99 ₽") → kopecks; null for empty, NaN for garbage. */
export function parseRubles(text: string): number | null {
  const s = text.replace(/[\s\u00a0\u2009₽]/g, '').replace(',', '.');
  if (s === '') return null;
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return NaN;
  return Math.round(Number(s) * 100);
}

/** How a money field shows kopecks: whole rubles bare ("1500"), else two decimals after a comma ("1234,50"); empty for none. */
export function formatRublesInput(kopecks: number | null): string {
  if (kopecks === null) return '';
  return (kopecks % 100 === 0 ? String(kopecks / 100) : (kopecks / 100).toFixed(2)).replace('.', ',');
}
