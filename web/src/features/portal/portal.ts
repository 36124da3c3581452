// The client's page (GET /api/v1/portal): their services, the agency's people on them and the
// recommendations sent. Pure helpers, unit-tested.
import { shortServiceName } from '../../lib/names';

export type RecStatus = 'draft' | 'sent' | 'approved' | 'rejected' | 'implemented';

export interface Portal {
  client: { id: number; name: string; legal_name: string | null };
  account_manager_id: number | null;
  services: { id: number; name: string; service_type: string; status: 'active' | 'paused' | 'finished'; starts_on: string; ends_on: string | null; monthly_fee_kopecks: number; account_manager_id: number | null; specialist_id: number | null }[];
  people: { id: number; name: string; position: string | null; email: string; phone: string | null; photo_url: string | null }[];
  recommendations: { id: number; service_id: number | null; title: string; status: RecStatus; body: string | null; url: string | null; sent_on: string | null; due_on: string | null; approved_on: string | null; rejected_on: string | null; implemented_on: string | null }[];
}

export type Person = Portal['people'][number];
export interface TeamMember {
  person: Person;
  /** The client's account manager (or a service's). */
  manager: boolean;
  /** Short names of the services they are the specialist of. */
  specialistOf: string[];
}

/** A service's name without the client's («SEO — ООО Ромашка» → «SEO»). */
export const serviceName = (p: Portal, name: string) => shortServiceName(name, p.client.name);

/** A person's name, or null — never "#11" — when the page does not list them. */
export function personName(p: Portal, id: number | null | undefined): string | null {
  return id ? (p.people.find((x) => x.id === id)?.name ?? null) : null;
}

/** The team: the account manager first, then the specialists by name; each with what they do. */
export function teamOf(p: Portal): TeamMember[] {
  const managers = new Set<number>([p.account_manager_id ?? 0, ...p.services.map((s) => s.account_manager_id ?? 0)]);
  const team = p.people.map((person) => ({
    person,
    manager: managers.has(person.id),
    specialistOf: p.services.filter((s) => s.specialist_id === person.id).map((s) => serviceName(p, s.name)),
  }));
  const rank = (m: TeamMember) => (m.person.id === p.account_manager_id ? 0 : m.manager ? 1 : 2);
  return team.sort((a, b) => rank(a) - rank(b) || a.person.name.localeCompare(b.person.name, 'ru'));
}

/** Those waiting for the client's decision first (due soonest first), then the rest newest first. */
export function orderedRecommendations(p: Portal): Portal['recommendations'] {
  const waiting = (r: Portal['recommendations'][number]) => r.status === 'sent';
  const last = (r: Portal['recommendations'][number]) => r.implemented_on ?? r.approved_on ?? r.rejected_on ?? r.sent_on ?? '';
  return [...p.recommendations].sort((a, b) => {
    if (waiting(a) !== waiting(b)) return waiting(a) ? -1 : 1;
    if (waiting(a)) return (a.due_on ?? '9999').localeCompare(b.due_on ?? '9999') || b.id - a.id;
    return last(b).localeCompare(last(a)) || b.id - a.id;
  });
}

/** The date a recommendation's status was reached, with the key of its label. */
export function recommendationDate(r: Portal['recommendations'][number]): { key: 'implementedOn' | 'approvedOn' | 'rejectedOn' | 'dueOn' | 'sentOn'; date: string } | null {
  if (r.status === 'implemented' && r.implemented_on) return { key: 'implementedOn', date: r.implemented_on };
  if (r.status === 'approved' && r.approved_on) return { key: 'approvedOn', date: r.approved_on };
  if (r.status === 'rejected' && r.rejected_on) return { key: 'rejectedOn', date: r.rejected_on };
  if (r.status === 'sent' && r.due_on) return { key: 'dueOn', date: r.due_on };
  return r.sent_on ? { key: 'sentOn', date: r.sent_on } : null;
}
