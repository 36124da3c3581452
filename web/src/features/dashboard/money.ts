// How the dashboard shows a service's margin: a labelled figure with its share of the fee, coloured
// when it is thin or below zero, so it never reads like a second fee.

export type MarginTone = 'negative' | 'low' | 'ok';

/** A margin under this share of the fee is "low" (orange). */
export const LOW_MARGIN_PERCENT = 20;

/** Margin as a whole percent of the fee; null when there is no fee to divide by. */
export function marginPercent(marginKopecks: number, feeKopecks: number): number | null {
  if (feeKopecks <= 0) return null;
  return Math.round((marginKopecks / feeKopecks) * 100);
}

/** Red below zero, orange under LOW_MARGIN_PERCENT % of the fee (or any margin with no fee), else neutral. */
export function marginTone(marginKopecks: number, feeKopecks: number): MarginTone {
  if (marginKopecks < 0) return 'negative';
  if (feeKopecks <= 0) return marginKopecks > 0 ? 'ok' : 'low';
  return marginKopecks * 100 < LOW_MARGIN_PERCENT * feeKopecks ? 'low' : 'ok';
}
