// The customer's request a deal came from (GET /api/v1/deals/{id}/application): pure helpers.
import type { DealSource } from '../../api/types';

export interface DealApplication {
  id: number;
  deal_id: number;
  source: DealSource;
  created_at: string;
  name: string | null;
  phone: string | null;
  email: string | null;
  company: string | null;
  inn: string | null;
  message: string | null;
  page_url: string | null;
}

/** The page a site form was sent from, as a link only when it is http(s) (anything else — a
 * `javascript:` someone typed into the form — stays text). */
export function pageLink(url: string | null | undefined): { href: string | null; text: string } | null {
  const u = url?.trim();
  if (!u) return null;
  let parsed: URL | null = null;
  try {
    parsed = new URL(u);
  } catch {
    parsed = null;
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) return { href: null, text: u };
  const text = (parsed.host + parsed.pathname.replace(/\/$/, '') + parsed.search + parsed.hash).replace(/^www\./, '');
  return { href: parsed.href, text };
}

/** Who wrote, in one line: name, company, phone, e-mail, ИНН (the empty ones left out). */
export function senderLine(a: Pick<DealApplication, 'name' | 'company' | 'phone' | 'email' | 'inn'>, innLabel: string): string {
  return [a.name, a.company, a.phone, a.email, a.inn ? `${innLabel} ${a.inn}` : null].map((x) => x?.trim()).filter(Boolean).join(' · ');
}
