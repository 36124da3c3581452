// What the dashboard's main badge says (issue 9, item 6). While a period runs, the fact against the
// whole month's plan says nothing early on (on 7 December every service is "−60…−85 %"): the badge
// shows the pace — the projection to the period's end (fact ÷ elapsed share, from the server) as an
// overrun % and its light — and the fact goes to the tooltip. A past period keeps its final light.
// The default sort and "needs attention" follow the same badge.
import type { Dashboard, DashboardService, Light } from '../../api/types';

export type BadgeMode = 'pace' | 'final';

/** The pace for the period that contains today; the final light for a past (or future) one. */
export function badgeMode(d: Pick<Dashboard, 'period' | 'today'>): BadgeMode {
  return d.today.slice(0, 7) === d.period ? 'pace' : 'final';
}

export interface Badge {
  light: Light;
  /** Overrun % against the plan (projected or final); null when there is no plan. */
  percent: number | null;
}

function percentOf(minutes: number, planned: number): number | null {
  return planned > 0 ? (minutes / planned - 1) * 100 : null;
}

export function badgeOf(s: DashboardService, mode: BadgeMode): Badge {
  if (mode === 'pace') return { light: s.projected_light, percent: percentOf(s.projected_minutes, s.planned_minutes) };
  const percent = s.overrun_percent ?? percentOf(s.actual_minutes, s.planned_minutes);
  return { light: s.light, percent };
}

/** The badge as a number to sort by, worst first: hours with no plan above any percent. */
export function badgeRank(s: DashboardService, mode: BadgeMode): number {
  const b = badgeOf(s, mode);
  if (b.percent !== null) return b.percent;
  return s.actual_minutes > 0 ? Infinity : -100;
}

/** "Needs attention": the badge is yellow or red. */
export function needsAttention(s: DashboardService, mode: BadgeMode): boolean {
  return badgeOf(s, mode).light !== 'blue';
}

/** The previous period's final light beside its bar; null when the service was not running then. */
export function previousBadge(s: DashboardService): Badge | null {
  if (!s.previous_light) return null;
  const p = percentOf(s.previous_actual_minutes, s.previous_planned_minutes);
  return { light: s.previous_light, percent: p === null ? null : Math.round(p * 10) / 10 };
}
