import { describe, expect, it } from 'vitest';
import { filterClients, indexDashboard, sortClients } from './filter';
import { makeDashboard } from './fixture';

const none = { employeeId: null, serviceTypeId: null, query: '', attentionOnly: false };
const d = makeDashboard(200);
const index = indexDashboard(d);

describe('filterClients', () => {
  it('keeps everything without filters and totals fees, clients and services', () => {
    const r = filterClients(index, none);
    const all = d.clients.flatMap((c) => c.services);
    expect(r.totals.clients).toBe(200);
    expect(r.totals.services).toBe(all.length);
    expect(r.totals.turnoverKopecks).toBe(all.reduce((a, s) => a + s.monthly_fee_kopecks, 0));
  });
  it('searches client names case-insensitively with ё = е', () => {
    const r = filterClients(index, { ...none, query: 'ЕЛКА' });
    expect(r.rows.length).toBeGreaterThan(0);
    expect(r.rows.every((row) => row.client.name.includes('Ёлка'))).toBe(true);
  });
  it('searches service names and keeps only matching services of other clients', () => {
    const r = filterClients(index, { ...none, query: 'директ' });
    expect(r.rows.length).toBeGreaterThan(0);
    expect(r.rows.every((row) => row.services.every((s) => s.name.includes('Директ')))).toBe(true);
  });
  it('searches Latin names', () => {
    const r = filterClients(index, { ...none, query: 'alpha' });
    expect(r.rows.every((row) => row.client.name.includes('Alpha'))).toBe(true);
    expect(r.rows.length).toBeGreaterThan(0);
  });
  it('filters by specialist and by service type', () => {
    const spec = d.clients[0].services[0].specialist!.id;
    const r = filterClients(index, { ...none, employeeId: spec });
    expect(r.rows.length).toBeGreaterThan(0);
    for (const row of r.rows)
      for (const s of row.services)
        expect(s.specialist?.id === spec || s.account_manager_id === spec || row.client.account_manager?.id === spec).toBe(true);
    const t = filterClients(index, { ...none, serviceTypeId: 2 });
    expect(t.rows.flatMap((x) => x.services).every((s) => s.service_type_id === 2)).toBe(true);
  });
  it('shows only services whose pace is yellow or red when asked for attention (the fixture period is running)', () => {
    const r = filterClients(index, { ...none, attentionOnly: true });
    const kept = r.rows.flatMap((x) => x.services);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.every((s) => s.projected_light !== 'blue')).toBe(true);
    const all = d.clients.flatMap((c) => c.services);
    expect(kept.length).toBe(all.filter((s) => s.projected_light !== 'blue').length);
  });
});

describe('sortClients', () => {
  it('sorts by name, fee, margin and overrun', () => {
    const byName = sortClients(index, 'name').map((c) => c.client.name);
    const collator = new Intl.Collator(['ru', 'en'], { sensitivity: 'base', numeric: true });
    expect(byName).toEqual([...byName].sort(collator.compare));
    const fees = sortClients(index, 'fee').map((c) => c.feeKopecks);
    expect(fees).toEqual([...fees].sort((a, b) => b - a));
    const margins = sortClients(index, 'margin').map((c) => c.marginKopecks);
    expect(margins).toEqual([...margins].sort((a, b) => a - b));
    const over = sortClients(index, 'overrun').map((c) => c.maxOverrun);
    expect(over).toEqual([...over].sort((a, b) => b - a));
  });
});

describe('filter speed', () => {
  it('filters 5,000 clients well within a frame', () => {
    const big = sortClients(indexDashboard(makeDashboard(5000)), 'overrun');
    for (let i = 0; i < 5; i++) filterClients(big, { ...none, query: 'рома' });
    const times: number[] = [];
    for (const q of ['р', 'ро', 'ром', 'рома', 'ромаш', 'alpha', 'елка', '']) {
      const t0 = performance.now();
      filterClients(big, { ...none, query: q });
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    console.log(`unit filter p50 ${times[Math.floor(times.length / 2)].toFixed(2)} ms over 5000 clients`);
    // The machine is shared with compilers: the browser test measures the real figure; here a sanity bound.
    expect(times[Math.floor(times.length / 2)]).toBeLessThan(50);
  });
});
