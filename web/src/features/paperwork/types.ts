// Server shapes of the paperwork slice (docs/paperwork.md, docs/documents.md).
export type QuestionType = 'text' | 'long_text' | 'choice' | 'multi_choice' | 'number' | 'url' | 'file_link';
export const questionTypes: QuestionType[] = ['text', 'long_text', 'choice', 'multi_choice', 'number', 'url', 'file_link'];

export interface BriefQuestion {
  key: string;
  type: QuestionType;
  label: string;
  help?: string;
  required?: boolean;
  options?: string[];
}

interface Versioned {
  id: number;
  version: number;
  created_at?: string;
  updated_at?: string;
  archived_at?: string | null;
}

export interface BriefTemplate extends Versioned {
  name: string;
  service_type_id: number | null;
  description: string | null;
  questions: BriefQuestion[];
}

export type BriefStatus = 'draft' | 'sent' | 'submitted';
export type AnswerValue = string | number | string[] | null;

export interface Brief extends Versioned {
  deal_id: number;
  template_id: number;
  title: string;
  questions: BriefQuestion[];
  answers: Record<string, AnswerValue> | null;
  status: BriefStatus;
  public_url: string | null;
  sent_at: string | null;
  expires_at: string | null;
  saved_at: string | null;
  submitted_at: string | null;
  revoked_at: string | null;
}

export type Pricing = 'fixed' | 'hourly';

export interface PriceItem extends Versioned {
  name: string;
  unit: string;
  pricing: Pricing;
  price_kopecks: number | null;
  rate_kopecks: number | null;
  minutes_per_unit: number | null;
  service_type_id: number | null;
  description: string | null;
  unit_price_kopecks: number;
}

export interface EstimateLineInput {
  price_item_id?: number | null;
  name: string;
  unit: string;
  quantity: number;
  unit_price_kopecks: number;
  minutes_per_unit: number;
  discount_percent: number;
}

export interface EstimateLine extends EstimateLineInput {
  amount_kopecks: number;
  vat_kopecks: number;
  total_kopecks: number;
  minutes: number;
}

export type TaxMode = 'vat' | 'usn_vat_5' | 'usn_vat_7' | 'no_vat';
export const taxModes: TaxMode[] = ['vat', 'usn_vat_5', 'usn_vat_7', 'no_vat'];

export interface Estimate extends Versioned {
  deal_id: number;
  title: string | null;
  lines: EstimateLine[];
  revision: number;
  tax_mode: TaxMode;
  vat_rate_percent: number;
  /** Cost fields come only to the roles that see costs (owner, head, accountant). */
  cost_rate_kopecks?: number;
  minutes: number;
  net_kopecks: number;
  vat_kopecks: number;
  total_kopecks: number;
  discount_kopecks: number;
  cost_kopecks?: number;
  margin_kopecks?: number;
  margin_percent?: number | null;
  status: 'draft' | 'proposed';
  proposal_document_id: number | null;
}

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

export interface AgencySettings {
  agency_name: string;
  agency_requisites: string;
  tax_mode: TaxMode;
  /** Absent for the roles that do not see costs. */
  estimate_cost_rate_kopecks?: number;
  proposal_followup_days: number;
  timezone_offset_minutes: number;
  public_base_url?: string;
  /** The language of brief and document pages (ru | en). */
  language?: 'ru' | 'en';
  agency_legal_name?: string;
  agency_inn?: string;
  agency_kpp?: string;
  agency_ogrn?: string;
  agency_address?: string;
  agency_bank_name?: string;
  agency_bik?: string;
  agency_correspondent_account?: string;
  agency_bank_account?: string;
  agency_director?: string;
  agency_accountant?: string;
  agency_phone?: string;
  agency_email?: string;
}

export interface TodayDeal {
  id: number;
  title: string;
  company: string | null;
  stage_id: number;
  stage_name: string;
  next_step: string | null;
  next_step_on: string | null;
  amount_kopecks: number | null;
}

export interface Today {
  date: string;
  overdue: TodayDeal[];
  due_today: TodayDeal[];
  briefs_returned: { brief_id: number; deal_id: number; deal_title: string; title: string; submitted_at: string }[];
  proposals_waiting: { document_id: number; number: string; deal_id: number; deal_title: string; shared_at: string; last_viewed_at: string | null; views: number }[];
}

export interface Analytics {
  pipeline_id: number;
  from: string;
  to: string;
  stages: { stage_id: number; name: string; kind: string; entered: number; moved_on: number; conversion_percent: number | null; avg_minutes: number | null; median_minutes: number | null }[];
  owners: { owner_id: number | null; name: string; deals: number; won: number; lost: number; won_amount_kopecks: number; win_rate_percent: number | null }[];
  totals: { deals: number; won: number; lost: number; won_amount_kopecks: number; proposals_sent: number; proposals_accepted: number; win_rate_percent: number | null };
  lost_reasons: { reason: string; count: number }[];
}
