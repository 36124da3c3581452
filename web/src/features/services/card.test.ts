import { describe, expect, it } from 'vitest';
import { cardPeriod, chartColumns, lightOf, peopleRows } from './card';
import type { PlanFactMonth } from '../../api/types';

const month = (period: string, planned: number, actual: number, extra: Partial<PlanFactMonth> = {}): PlanFactMonth => ({
  period,
  fee_kopecks: 3_000_000,
  planned_minutes: planned,
  actual_minutes: actual,
  expected_minutes: planned,
  overrun_percent: planned ? Math.round((actual / planned - 1) * 1000) / 10 : null,
  light: lightOf(planned, actual),
  labour_cost_kopecks: null,
  margin_kopecks: null,
  ...extra,
});

describe('the service card', () => {
  it('opens on the dashboard period, else the current month', () => {
    expect(cardPeriod('2026-11', '2026-12')).toBe('2026-11');
    expect(cardPeriod(null, '2026-12')).toBe('2026-12');
    expect(cardPeriod('2026-13', '2026-12')).toBe('2026-12');
  });

  it('colours each month of the chart by its own light, not always blue', () => {
    const { columns } = chartColumns([month('2026-10', 600, 500), month('2026-11', 600, 870), month('2026-12', 600, 700)], '2027-01');
    expect(columns.map((c) => c.light)).toEqual(['blue', 'red', 'yellow']);
    expect(columns[1].fact).toBeCloseTo(100);
    expect(columns[1].plan).toBeCloseTo((600 / 870) * 100);
    expect(columns.every((c) => c.projected === null)).toBe(true);
  });

  it('draws the running month projection and scales to it', () => {
    const { columns, maxMinutes } = chartColumns([month('2026-11', 600, 600), month('2026-12', 600, 200, { projected_minutes: 1200, projected_light: 'red', expected_minutes: 100 })], '2026-12');
    expect(maxMinutes).toBe(1200);
    expect(columns[1].projected).toBeCloseTo(100);
    expect(columns[1].projectedLight).toBe('red');
    expect(columns[1].light).toBe('blue');
  });

  it('gives every person their share of the month', () => {
    const rows = peopleRows([
      { user_id: 1, name: 'А', minutes: 300, labour_cost_kopecks: 500_000 },
      { user_id: 2, name: 'Б', minutes: 100, labour_cost_kopecks: null },
    ]);
    expect(rows.map((r) => r.share)).toEqual([75, 25]);
    expect(peopleRows([])).toEqual([]);
  });

});
