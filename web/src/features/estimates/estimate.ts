// The estimate's arithmetic, the same rules as the server (docs/paperwork.md "Estimates",
// sales/estimate.cpp): integer kopecks, quantity with at most 3 decimals, every rounding half-up,
// totals are sums of rounded lines. BigInt inside so a big price × quantity never loses a kopeck.
import type { EstimateLineInput } from './types';
import type { TaxMode } from '../../api/types';

/** round_half_up(num ÷ den) for num ≥ 0, den > 0 (negatives are mirrored). */
export function divHalfUp(num: bigint, den: bigint): bigint {
  if (num < 0n) return -divHalfUp(-num, den);
  return (num * 2n + den) / (den * 2n);
}

/** Quantity as thousandths (1.5 → 1500); NaN when it has more than 3 decimals. */
export function milli(quantity: number): number {
  const m = Math.round(quantity * 1000);
  return Math.abs(m - quantity * 1000) < 1e-6 ? m : NaN;
}

/** "1,5", "1 000.25" → 1.5, 1000.25; null when empty; NaN when not a number with ≤ 3 decimals. */
export function parseQuantity(text: string): number | null {
  const s = text.replace(/[\s\u00a0\u2009]/g, '').replace(',', '.');
  if (s === '') return null;
  if (!/^\d+(\.\d{1,3})?$/.test(s)) return NaN;
  return Number(s);
}

/** The VAT rate of a tax mode on a date (YYYY-MM-DD): 20 % before 2026, 22 % from 2026-01-01. */
export function vatRate(mode: TaxMode, date: string): number {
  switch (mode) {
    case 'vat':
      return date < '2026-01-01' ? 20 : 22;
    case 'usn_vat_5':
      return 5;
    case 'usn_vat_7':
      return 7;
    default:
      return 0;
  }
}

export interface LineFigures {
  amount_kopecks: number;
  vat_kopecks: number;
  total_kopecks: number;
  minutes: number;
  /** unit price × quantity before the discount, rounded. */
  gross_kopecks: number;
}

export function lineFigures(line: Pick<EstimateLineInput, 'unit_price_kopecks' | 'quantity' | 'discount_percent' | 'minutes_per_unit'>, vatPercent: number): LineFigures {
  const q = BigInt(milli(line.quantity) || 0);
  const price = BigInt(Math.round(line.unit_price_kopecks || 0));
  const disc = BigInt(Math.min(100, Math.max(0, Math.round(line.discount_percent || 0))));
  const amount = divHalfUp(price * q * (100n - disc), 100_000n);
  const gross = divHalfUp(price * q, 1000n);
  const vat = divHalfUp(amount * BigInt(Math.round(vatPercent * 100)), 10_000n);
  const minutes = divHalfUp(BigInt(Math.round(line.minutes_per_unit || 0)) * q, 1000n);
  return { amount_kopecks: Number(amount), vat_kopecks: Number(vat), total_kopecks: Number(amount + vat), minutes: Number(minutes), gross_kopecks: Number(gross) };
}

export interface Totals {
  net_kopecks: number;
  vat_kopecks: number;
  total_kopecks: number;
  discount_kopecks: number;
  minutes: number;
  /** Absent in a saved estimate for roles that do not see costs. */
  cost_kopecks?: number;
  margin_kopecks?: number;
  /** One decimal; null when net is 0. */
  margin_percent?: number | null;
}

export function estimateTotals(lines: Pick<EstimateLineInput, 'unit_price_kopecks' | 'quantity' | 'discount_percent' | 'minutes_per_unit'>[], vatPercent: number, costRateKopecks: number): Totals {
  let net = 0n;
  let vat = 0n;
  let gross = 0n;
  let minutes = 0n;
  for (const l of lines) {
    const f = lineFigures(l, vatPercent);
    net += BigInt(f.amount_kopecks);
    vat += BigInt(f.vat_kopecks);
    gross += BigInt(f.gross_kopecks);
    minutes += BigInt(f.minutes);
  }
  const cost = divHalfUp(minutes * BigInt(Math.round(costRateKopecks || 0)), 60n);
  const margin = net - cost;
  return {
    net_kopecks: Number(net),
    vat_kopecks: Number(vat),
    total_kopecks: Number(net + vat),
    discount_kopecks: Number(gross - net),
    minutes: Number(minutes),
    cost_kopecks: Number(cost),
    margin_kopecks: Number(margin),
    margin_percent: net === 0n ? null : Number(divHalfUp(margin * 1000n, net)) / 10,
  };
}

/** A line the calculator can send: every field the server reads, nothing it computes. */
export function lineBody(l: EstimateLineInput): EstimateLineInput {
  const out: EstimateLineInput = { name: l.name, unit: l.unit, quantity: l.quantity, unit_price_kopecks: l.unit_price_kopecks, minutes_per_unit: l.minutes_per_unit, discount_percent: l.discount_percent };
  if (l.price_item_id) out.price_item_id = l.price_item_id;
  return out;
}

/** Client-side checks before saving, keyed like the server's errors (`lines[2].quantity`). */
export function lineErrors(lines: EstimateLineInput[]): Record<string, string> {
  const e: Record<string, string> = {};
  lines.forEach((l, i) => {
    if (!l.name.trim()) e[`lines[${i}].name`] = 'required';
    if (!l.unit.trim()) e[`lines[${i}].unit`] = 'required';
    if (!(l.quantity > 0) || Number.isNaN(milli(l.quantity)) || l.quantity > 1_000_000) e[`lines[${i}].quantity`] = 'quantity';
    if (!Number.isInteger(l.discount_percent) || l.discount_percent < 0 || l.discount_percent > 100) e[`lines[${i}].discount_percent`] = 'discount';
    if (!Number.isInteger(l.unit_price_kopecks) || l.unit_price_kopecks < 0) e[`lines[${i}].unit_price_kopecks`] = 'price';
  });
  return e;
}

/** The server's fallback cost rate (agency setting 0): the average `cost_rate_kopecks` of active
 *  employees who have one (clients excluded), rounded; null when none is visible to this role. */
export function averageCostRate(employees: { cost_rate_kopecks?: number | null; archived_at?: string | null; role: string }[]): number | null {
  const rates = employees.filter((e) => !e.archived_at && e.role !== 'client' && (e.cost_rate_kopecks ?? 0) > 0).map((e) => e.cost_rate_kopecks!);
  return rates.length ? Math.round(rates.reduce((a, b) => a + b, 0) / rates.length) : null;
}
