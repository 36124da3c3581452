// Issue 9, item 6: early in the month the main badge shows the pace (the projection to the period's
// end), not the fact against the whole month's plan; a past month keeps its final light.
import { describe, expect, it } from 'vitest';
import { badgeMode, badgeOf, previousBadge } from './pace';
import { filterClients, indexDashboard, sortClients } from './filter';
import type { Dashboard, DashboardClient, DashboardService, Light } from '../../api/types';

function lightOf(percent: number): Light {
  return percent <= 0 ? 'blue' : percent <= 20 ? 'yellow' : 'red';
}

/** A service on 7 December: a 60 h plan, `actual` minutes logged, 7 of 31 days gone. */
function svc(id: number, actual: number, planned = 3600, share = 7 / 31): DashboardService {
  const projected = Math.round(actual / share);
  const overrun = planned > 0 ? Math.round((actual / planned - 1) * 1000) / 10 : null;
  return {
    id,
    name: `Услуга ${id}`,
    service_type_id: 1,
    specialist: null,
    account_manager_id: null,
    monthly_fee_kopecks: 6_000_000,
    documents_url: null,
    status: 'active',
    starts_on: '2025-01-01',
    ends_on: null,
    planned_minutes: planned,
    actual_minutes: actual,
    expected_minutes: Math.round(planned * share),
    previous_planned_minutes: 3600,
    previous_actual_minutes: 4500,
    previous_light: 'red',
    overrun_percent: overrun,
    light: planned > 0 ? lightOf(overrun!) : actual > 0 ? 'red' : 'blue',
    projected_minutes: projected,
    projected_light: planned > 0 ? lightOf((projected / planned - 1) * 100) : projected > 0 ? 'red' : 'blue',
    labour_cost_kopecks: null,
    margin_kopecks: null,
    elapsed_share: share,
  };
}

function dash(period: string, today: string, services: DashboardService[]): Dashboard {
  const clients: DashboardClient[] = services.map((s, i) => ({
    id: i + 1,
    name: `Клиент ${s.id}`,
    account_manager: null,
    recommendations: null,
    calls: null,
    last_contact_on: null,
    services: [s],
  }));
  return {
    period,
    previous_period: '2026-11',
    today,
    elapsed_share: 7 / 31,
    totals: { turnover_kopecks: 0, clients: clients.length, services: services.length, planned_minutes: 0, actual_minutes: 0, labour_cost_kopecks: null, margin_kopecks: null },
    employees: [],
    service_types: [],
    clients,
  };
}

// 7 December: 60 h planned each.
const calm = svc(1, 600); // 10 h: fact −83 %, pace 44,3 h → −26 %, blue either way
const fast = svc(2, 1200); // 20 h: fact −67 % (blue), pace 88,6 h → +48 %: red
const brisk = svc(3, 900); // 15 h: fact −75 % (blue), pace 66 h → +11 %: yellow
const frontLoaded = svc(4, 4000); // 66,7 h: red already by fact
const unplanned = svc(5, 60, 0); // no plan but an hour logged

describe('the main badge', () => {
  it('shows the pace while the period runs and the final light once it is over', () => {
    expect(badgeMode({ period: '2026-12', today: '2026-12-07' })).toBe('pace');
    expect(badgeMode({ period: '2026-11', today: '2026-12-07' })).toBe('final');
    expect(badgeMode({ period: '2027-01', today: '2026-12-07' })).toBe('final');
  });

  it('in the current period: projected overrun % with the projected light', () => {
    const b = badgeOf(fast, 'pace');
    expect(b.light).toBe('red');
    expect(b.percent).toBeCloseTo((fast.projected_minutes / 3600 - 1) * 100, 6);
    expect(b.percent!).toBeGreaterThan(40);
    expect(badgeOf(brisk, 'pace').light).toBe('yellow');
    expect(badgeOf(calm, 'pace').light).toBe('blue');
    expect(badgeOf(calm, 'pace').percent!).toBeCloseTo(-26.2, 1);
    expect(badgeOf(frontLoaded, 'pace').light).toBe('red');
  });

  it('in a past period: the final light and the overrun against the plan', () => {
    const b = badgeOf(fast, 'final');
    expect(b.light).toBe(fast.light);
    expect(b.percent).toBe(fast.overrun_percent);
  });

  it('says "no plan" (no percent, red) for a service with hours and no plan', () => {
    expect(badgeOf(unplanned, 'pace')).toMatchObject({ light: 'red', percent: null });
    expect(badgeOf(unplanned, 'final')).toMatchObject({ light: 'red', percent: null });
  });

  it('gives the previous period its own final light and percent beside its bar', () => {
    expect(previousBadge(fast)).toEqual({ light: 'red', percent: 25 });
    expect(previousBadge({ ...fast, previous_light: null, previous_planned_minutes: 0, previous_actual_minutes: 0 })).toBeNull();
  });
});

describe('sorting and "needs attention" follow the badge', () => {
  // Ends on the 8th: 90 % of its active days gone, so its pace is close to its fact.
  const ending = svc(8, 2500, 3600, 0.9); // fact −31 %, pace 46,3 h → −23 %
  const services = [calm, fast, brisk, frontLoaded, unplanned, ending];
  const current = dash('2026-12', '2026-12-07', services);
  const past = dash('2026-12', '2027-01-02', services);
  const attention = { employeeId: null, serviceTypeId: null, query: '', attentionOnly: true };

  it('sorts the current period by the pace, worst first (no plan with hours first)', () => {
    const order = sortClients(indexDashboard(current), 'overrun').map((c) => c.client.services[0].id);
    expect(order).toEqual([5, 4, 2, 3, 8, 1]);
  });

  it('sorts a past period by the final overrun', () => {
    const order = sortClients(indexDashboard(past), 'overrun').map((c) => c.client.services[0].id);
    expect(order).toEqual([5, 4, 8, 2, 3, 1]);
  });

  it('keeps services that are yellow or red by pace in the current period, blue ones out', () => {
    const kept = filterClients(indexDashboard(current), attention).rows.flatMap((r) => r.services.map((s) => s.id));
    expect(kept.sort()).toEqual([2, 3, 4, 5]);
  });

  it('keeps only the finally yellow or red ones in a past period', () => {
    const kept = filterClients(indexDashboard(past), attention).rows.flatMap((r) => r.services.map((s) => s.id));
    expect(kept.sort()).toEqual([4, 5]);
  });
});
