import { describe, expect, it } from 'vitest';
import { orderedRecommendations, personName, recommendationDate, teamOf, type Portal } from './portal';

const rec = (id: number, status: Portal['recommendations'][number]['status'], extra: Partial<Portal['recommendations'][number]> = {}) => ({
  id, service_id: 1, title: `r${id}`, status, body: null, url: null, sent_on: '2026-11-01', due_on: null, approved_on: null, rejected_on: null, implemented_on: null, ...extra,
});

const p: Portal = {
  client: { id: 1, name: 'ООО Ромашка', legal_name: 'ООО «Ромашка»' },
  account_manager_id: 11,
  services: [
    { id: 1, name: 'SEO — ООО Ромашка', service_type: 'SEO', status: 'active', starts_on: '2025-02-01', ends_on: null, monthly_fee_kopecks: 2500000, account_manager_id: 11, specialist_id: 18 },
    { id: 2, name: 'Директ — ООО Ромашка', service_type: 'Директ', status: 'active', starts_on: '2025-02-01', ends_on: null, monthly_fee_kopecks: 2600000, account_manager_id: 11, specialist_id: 18 },
    { id: 3, name: 'SMM', service_type: 'SMM', status: 'paused', starts_on: '2025-02-01', ends_on: null, monthly_fee_kopecks: 0, account_manager_id: 11, specialist_id: 99 },
  ],
  people: [
    { id: 18, name: 'Иван Петров', position: 'SEO', email: 'i@x', phone: null, photo_url: null },
    { id: 11, name: 'Екатерина Васильева', position: 'АМ', email: 'e@x', phone: '+7', photo_url: null },
  ],
  recommendations: [
    rec(1, 'rejected', { rejected_on: '2026-08-06' }),
    rec(2, 'approved', { approved_on: '2026-11-04' }),
    rec(3, 'sent', { due_on: '2026-12-20' }),
    rec(4, 'sent', { due_on: '2026-12-10' }),
  ],
};

describe("the client's page", () => {
  it('puts the account manager first and says whose specialist each person is', () => {
    expect(teamOf(p).map((m) => [m.person.name, m.manager, m.specialistOf])).toEqual([
      ['Екатерина Васильева', true, []],
      ['Иван Петров', false, ['SEO', 'Директ']],
    ]);
  });
  it('names people by name and never by id', () => {
    expect(personName(p, 11)).toBe('Екатерина Васильева');
    expect(personName(p, 99)).toBeNull();
    expect(personName(p, null)).toBeNull();
  });
  it('lists the recommendations waiting for a decision first, soonest due first', () => {
    expect(orderedRecommendations(p).map((r) => r.id)).toEqual([4, 3, 2, 1]);
    expect(recommendationDate(p.recommendations[0])).toEqual({ key: 'rejectedOn', date: '2026-08-06' });
    expect(recommendationDate(p.recommendations[3])).toEqual({ key: 'dueOn', date: '2026-12-10' });
  });
});
