import { describe, expect, it } from 'vitest';
import { averageCostRate, divHalfUp, estimateTotals, lineErrors, lineFigures, milli, parseQuantity, vatRate } from './estimate';

describe('estimate arithmetic', () => {
  it('rounds half up', () => {
    expect(divHalfUp(5n, 10n)).toBe(1n);
    expect(divHalfUp(4n, 10n)).toBe(0n);
    expect(divHalfUp(15n, 10n)).toBe(2n);
    expect(divHalfUp(25n, 10n)).toBe(3n);
    expect(divHalfUp(-15n, 10n)).toBe(-2n);
  });
  it('reads quantities with up to three decimals', () => {
    expect(parseQuantity('1,5')).toBe(1.5);
    expect(parseQuantity('1 000.125')).toBe(1000.125);
    expect(parseQuantity('')).toBeNull();
    expect(parseQuantity('1.2345')).toBeNaN();
    expect(parseQuantity('abc')).toBeNaN();
    expect(milli(0.1 + 0.2)).toBe(300);
    expect(milli(1.0005)).toBeNaN();
  });
  it('takes the VAT rate of the mode and the date', () => {
    expect(vatRate('vat', '2025-12-31')).toBe(20);
    expect(vatRate('vat', '2026-01-01')).toBe(22);
    expect(vatRate('usn_vat_5', '2026-06-01')).toBe(5);
    expect(vatRate('usn_vat_7', '2026-06-01')).toBe(7);
    expect(vatRate('no_vat', '2026-06-01')).toBe(0);
  });
  it('computes a line as the contract example: 20 000 ₽ × 1.5 − 10 %', () => {
    const f = lineFigures({ unit_price_kopecks: 2_000_000, quantity: 1.5, discount_percent: 10, minutes_per_unit: 600 }, 22);
    expect(f.amount_kopecks).toBe(2_700_000);
    expect(f.vat_kopecks).toBe(594_000);
    expect(f.total_kopecks).toBe(3_294_000);
    expect(f.minutes).toBe(900);
    expect(f.gross_kopecks).toBe(3_000_000);
  });
  it('rounds every line half up before summing', () => {
    // 0.333 × 1 ₽ = 33.3 kop → 33; 0.335 × 1 ₽ = 33.5 → 34; VAT 22 % of 33 = 7.26 → 7, of 34 = 7.48 → 7
    const lines = [
      { unit_price_kopecks: 100, quantity: 0.333, discount_percent: 0, minutes_per_unit: 0 },
      { unit_price_kopecks: 100, quantity: 0.335, discount_percent: 0, minutes_per_unit: 0 },
    ];
    const t = estimateTotals(lines, 22, 0);
    expect(t.net_kopecks).toBe(67);
    expect(t.vat_kopecks).toBe(14);
    expect(t.total_kopecks).toBe(81);
    // 7 % of 150 kop = 10.5 → 11
    expect(lineFigures({ unit_price_kopecks: 150, quantity: 1, discount_percent: 0, minutes_per_unit: 0 }, 7).vat_kopecks).toBe(11);
    // minutes: 45 × 0.5 = 22.5 → 23
    expect(lineFigures({ unit_price_kopecks: 0, quantity: 0.5, discount_percent: 0, minutes_per_unit: 45 }, 0).minutes).toBe(23);
  });
  it('gives cost, margin and the discount', () => {
    const t = estimateTotals(
      [
        { unit_price_kopecks: 3_000_000, quantity: 1, discount_percent: 0, minutes_per_unit: 1200 },
        { unit_price_kopecks: 250_000, quantity: 4, discount_percent: 25, minutes_per_unit: 60 },
      ],
      0,
      150_000,
    );
    expect(t.net_kopecks).toBe(3_750_000);
    expect(t.discount_kopecks).toBe(250_000);
    expect(t.minutes).toBe(1440);
    expect(t.cost_kopecks).toBe(3_600_000);
    expect(t.margin_kopecks).toBe(150_000);
    expect(t.margin_percent).toBe(4);
    expect(estimateTotals([], 22, 100).margin_percent).toBeNull();
  });
  it('keeps exact kopecks on large figures', () => {
    const f = lineFigures({ unit_price_kopecks: 99_999_999_999, quantity: 999_999.999, discount_percent: 3, minutes_per_unit: 0 }, 22);
    // 99 999 999 999 × 999 999 999 × 97 / 100 000 = 96 999 999 902 030 000 .00097 → …
    const exact = (99_999_999_999n * 999_999_999n * 97n * 2n + 100_000n) / 200_000n;
    expect(BigInt(f.amount_kopecks)).toBe(BigInt(Number(exact)));
  });
  it('names the bad lines like the server', () => {
    const e = lineErrors([
      { name: 'A', unit: 'шт', quantity: 1, unit_price_kopecks: 100, minutes_per_unit: 0, discount_percent: 0 },
      { name: '', unit: 'шт', quantity: 0, unit_price_kopecks: 100, minutes_per_unit: 0, discount_percent: 120 },
    ]);
    expect(Object.keys(e).sort()).toEqual(['lines[1].discount_percent', 'lines[1].name', 'lines[1].quantity']);
  });
  it('falls back to the average cost rate of active employees like the server', () => {
    expect(
      averageCostRate([
        { role: 'specialist', cost_rate_kopecks: 100_000 },
        { role: 'manager', cost_rate_kopecks: 150_001 },
        { role: 'client', cost_rate_kopecks: 900_000 },
        { role: 'specialist', cost_rate_kopecks: 500_000, archived_at: '2026-01-01T00:00:00Z' },
        { role: 'sales', cost_rate_kopecks: 0 },
      ]),
    ).toBe(125_001);
    expect(averageCostRate([{ role: 'sales' }])).toBeNull();
  });
});
