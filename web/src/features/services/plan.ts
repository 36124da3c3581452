// Plan of a service per month, as the server computes it (docs/dashboard.md): fee ÷ rate, prorated by active days.
import { daysInPeriod, firstDay, lastDay } from '../../lib/period';

export interface PlanInput {
  monthly_fee_kopecks: number;
  planning_rate_kopecks: number | null;
  starts_on: string;
  ends_on: string | null;
}

/** Planned minutes of a service in a month; 0 when it is not active in that month. */
export function plannedMinutes(service: PlanInput, typeRateKopecks: number | null, period: string): number {
  const rate = service.planning_rate_kopecks || typeRateKopecks;
  if (!rate) return 0;
  const from = service.starts_on > firstDay(period) ? service.starts_on : firstDay(period);
  const to = service.ends_on && service.ends_on < lastDay(period) ? service.ends_on : lastDay(period);
  if (from > to) return 0;
  const active = Number(to.slice(8, 10)) - Number(from.slice(8, 10)) + 1;
  const full = (service.monthly_fee_kopecks / rate) * 60;
  return Math.round((full * active) / daysInPeriod(period));
}

/** Σ minutes per "YYYY-MM" of a list of entries. */
export function minutesByMonth(entries: { date: string; duration_minutes: number }[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of entries) {
    const m = e.date.slice(0, 7);
    out.set(m, (out.get(m) ?? 0) + e.duration_minutes);
  }
  return out;
}
