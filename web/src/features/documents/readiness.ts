// Requisites before sharing (docs/documents.md): a contract, an invoice or an act goes out only with
// both parties' requisites. GET /api/v1/deals/{id}/document-readiness says beforehand which are
// missing; POST …/share refuses with fields like "client.inn", "agency.director". Pure helpers.
import type { DocKind } from './types';

export type Party = 'client' | 'agency';
export interface Missing {
  client: string[];
  agency: string[];
}
export interface Readiness {
  deal_id: number;
  client_id: number | null;
  missing: Partial<Record<DocKind, Missing>>;
}

/** The kinds that need requisites, in the order the deal card lists them. */
export const requisiteKinds = ['contract', 'invoice', 'act'] as const satisfies readonly DocKind[];

/** What a document of this kind still lacks, or null when it may be shared (a proposal always may). */
export function missingFor(readiness: Readiness | null | undefined, kind: DocKind): Missing | null {
  const m = readiness?.missing[kind];
  if (!m || (m.client.length === 0 && m.agency.length === 0)) return null;
  return m;
}

/** The kinds that may not be shared yet, each with what it lacks. */
export function blockedKinds(readiness: Readiness | null | undefined): { kind: DocKind; missing: Missing }[] {
  return requisiteKinds.flatMap((kind) => {
    const missing = missingFor(readiness, kind);
    return missing ? [{ kind, missing }] : [];
  });
}

/** Every field a party lacks for any kind, in the order first met (for one "fill these in" line). */
export function allMissing(readiness: Readiness | null | undefined, party: Party): string[] {
  const out: string[] = [];
  for (const { missing } of blockedKinds(readiness)) for (const f of missing[party]) if (!out.includes(f)) out.push(f);
  return out;
}

/**
 * A refused share's field errors split by party: {"client.inn": "…", "agency.director": "…"} →
 * client [inn], agency [director]; anything else stays as [field, message].
 */
export function requisiteErrors(fields: Record<string, string>): Missing & { other: [string, string][] } {
  const out: Missing & { other: [string, string][] } = { client: [], agency: [], other: [] };
  for (const [k, v] of Object.entries(fields)) {
    const m = k.match(/^(client|agency)\.(\w+)$/);
    if (m) out[m[1] as Party].push(m[2]);
    else out.other.push([k, v]);
  }
  return out;
}

/** The agency-settings field a missing agency requisite is typed into ("director" → "agency_director"). */
export const agencySettingOf = (field: string) => `agency_${field}`;

/**
 * A contract, invoice or act made while the deal had no client keeps `client_id` null after the deal
 * gets one; the server shares it with its own client (none), whatever the deal's readiness says. The
 * deal's client id to put into it, or null when the document is fine.
 */
export function staleClient(doc: { kind: DocKind; client_id: number | null; status: string }, readiness: Readiness | null | undefined): number | null {
  if (!readiness?.client_id || doc.client_id !== null || doc.status === 'accepted' || doc.status === 'revoked') return null;
  return (requisiteKinds as readonly DocKind[]).includes(doc.kind) ? readiness.client_id : null;
}

/** The order requisites are read in (a card, a form, an invoice): the server's lists come in its own. */
const fieldOrder = ['legal_name', 'inn', 'kpp', 'ogrn', 'legal_address', 'address', 'bank_name', 'bik', 'bank_account', 'correspondent_account', 'director', 'accountant'];
export function inReadingOrder(fields: string[]): string[] {
  const rank = (f: string) => (fieldOrder.includes(f) ? fieldOrder.indexOf(f) : fieldOrder.length);
  return [...fields].sort((a, b) => rank(a) - rank(b));
}
