// Server shapes of documents and their templates (docs/documents.md).
import type { Versioned } from '../../api/types';

export type DocKind = 'proposal' | 'contract' | 'invoice' | 'act';
export const docKinds: DocKind[] = ['proposal', 'contract', 'invoice', 'act'];
export type DocStatus = 'draft' | 'shared' | 'accepted' | 'revoked';
export const docStatuses: DocStatus[] = ['draft', 'shared', 'accepted', 'revoked'];

export interface DocumentTemplate extends Versioned {
  kind: DocKind;
  name: string;
  body_html: string;
}

export interface Doc extends Versioned {
  kind: DocKind;
  title: string;
  deal_id: number | null;
  client_id: number | null;
  template_id: number | null;
  estimate_id?: number | null;
  number: string;
  year: number;
  sequence: number;
  status: DocStatus;
  public_url: string | null;
  shared_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
  accepted_at: string | null;
  accepted_by_name: string | null;
  /** How many times the client opened the link (page or PDF), and the last time; on every list item. */
  views: number;
  last_viewed_at: string | null;
}

export interface DocView {
  at: string;
  ip_hash: string;
}
