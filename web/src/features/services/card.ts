// The service card's figures (issue 9, item 7): which month it shows, the 12-month chart's columns
// coloured by each month's light, and who spent the month's hours. Pure: unit-tested.
import type { Light, PlanFactMonth, PlanFactPerson } from '../../api/types';
import { isPeriod } from '../../lib/period';

/** The card opens on the dashboard's period (`?period=` beside `?panel=`), else the current month. */
export function cardPeriod(urlPeriod: string | null, current: string): string {
  return isPeriod(urlPeriod) ? urlPeriod : current;
}

/** The light of fact against plan (docs/dashboard.md): blue ≤ 0 %, yellow ≤ 20 %, red beyond; no plan but hours: red. */
export function lightOf(planned: number, actual: number): Light {
  if (planned <= 0) return actual > 0 ? 'red' : 'blue';
  const overrun = actual / planned - 1;
  return overrun <= 0 ? 'blue' : overrun <= 0.2 ? 'yellow' : 'red';
}

export interface ChartColumn {
  period: string;
  /** Heights in % of the chart's scale (the largest plan, fact or projection of the months). */
  plan: number;
  fact: number;
  /** The projection to the month's end, only for a month still running (expected < plan). */
  projected: number | null;
  light: Light;
  projectedLight: Light | null;
  month: PlanFactMonth;
}

/** The chart's columns: fact coloured by its month's light, the running month's projection dashed. */
export function chartColumns(months: PlanFactMonth[], currentPeriod: string): { columns: ChartColumn[]; maxMinutes: number } {
  const running = (m: PlanFactMonth) => m.period === currentPeriod && m.projected_minutes !== undefined && m.projected_minutes > m.actual_minutes;
  const maxMinutes = Math.max(60, ...months.map((m) => Math.max(m.planned_minutes, m.actual_minutes, running(m) ? m.projected_minutes! : 0)));
  const pct = (v: number) => (v / maxMinutes) * 100;
  return {
    maxMinutes,
    columns: months.map((m) => ({
      period: m.period,
      plan: pct(m.planned_minutes),
      fact: pct(m.actual_minutes),
      projected: running(m) ? pct(m.projected_minutes!) : null,
      light: m.light,
      projectedLight: running(m) ? (m.projected_light ?? lightOf(m.planned_minutes, m.projected_minutes!)) : null,
      month: m,
    })),
  };
}

export interface PersonRow extends PlanFactPerson {
  /** Whole percent of the month's hours. */
  share: number;
}

/** Who spent the month's hours, most first (the server's order), with their share of them. */
export function peopleRows(people: PlanFactPerson[]): PersonRow[] {
  const total = people.reduce((a, p) => a + p.minutes, 0);
  return people.map((p) => ({ ...p, share: total > 0 ? Math.round((p.minutes / total) * 100) : 0 }));
}
