// Shapes of the server's JSON (docs/api.md, docs/dashboard.md, src/modules/*).

export type Light = 'blue' | 'yellow' | 'red';
export type Role =
  | 'owner' | 'head' | 'manager' | 'specialist' | 'sales' | 'lead_generator' | 'quality' | 'accountant' | 'client';

export interface ListEnvelope<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface User {
  id: number;
  email: string;
  name: string;
  role: Role;
  position: string | null;
  photo_url: string | null;
  group_id: number | null;
  client_id: number | null;
  locale: 'ru' | 'en';
}

export interface Session {
  user: User;
  csrf_token: string;
  permissions: string[];
}

export interface Versioned {
  id: number;
  version: number;
  created_at?: string;
  updated_at?: string;
  archived_at?: string | null;
}

export interface Client extends Versioned {
  name: string;
  legal_name: string | null;
  inn: string | null;
  kpp: string | null;
  ogrn: string | null;
  legal_address: string | null;
  bank_name: string | null;
  bik: string | null;
  bank_account: string | null;
  correspondent_account: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  source: string | null;
  account_manager_id: number | null;
  status: 'lead' | 'active' | 'paused' | 'churned';
  tags: string[] | null;
  note: string | null;
}

export interface Contact extends Versioned {
  client_id: number;
  name: string;
  position: string | null;
  phone: string | null;
  email: string | null;
  messenger: string | null;
  is_primary: boolean;
  note: string | null;
}

export interface Employee extends Versioned {
  email: string;
  name: string;
  role: Role;
  position: string | null;
  phone: string | null;
  photo_url: string | null;
  group_id: number | null;
  client_id: number | null;
  cost_rate_kopecks?: number;
  locale: 'ru' | 'en';
}

export interface ServiceType extends Versioned {
  code: string;
  name: string;
  name_en: string | null;
  direction: string;
  planning_rate_kopecks: number;
}

export interface Service extends Versioned {
  client_id: number;
  service_type_id: number;
  name: string;
  specialist_id: number | null;
  account_manager_id: number | null;
  monthly_fee_kopecks: number;
  planning_rate_kopecks: number | null;
  ad_budget_kopecks: number | null;
  starts_on: string;
  ends_on: string | null;
  status: 'active' | 'paused' | 'finished';
  documents_url: string | null;
  note: string | null;
}

export interface TimeEntry extends Versioned {
  service_id: number;
  user_id: number;
  task_id: number | null;
  date: string;
  duration_minutes: number;
  note: string | null;
  source: 'manual' | 'timer' | 'redmine' | 'import';
}

export interface AuditItem {
  id?: number;
  at?: string;
  created_at?: string;
  action?: string;
  user_id?: number | null;
  user_name?: string | null;
  before?: unknown;
  after?: unknown;
  [key: string]: unknown;
}

export interface Call {
  id: number;
  client_id: number;
  employee_id: number | null;
  direction: 'in' | 'out';
  started_at: string | null;
  started_on?: string;
  duration_seconds: number | null;
  status: 'answered' | 'missed';
  phone: string | null;
  note: string | null;
}

export interface Recommendation {
  id: number;
  client_id: number;
  service_id: number | null;
  author_id: number | null;
  title: string;
  body: string | null;
  url: string | null;
  status: 'draft' | 'sent' | 'approved' | 'rejected' | 'implemented';
  sent_on: string | null;
  due_on: string | null;
  approved_on: string | null;
  rejected_on: string | null;
  implemented_on: string | null;
}

export interface DashboardEmployee {
  id: number;
  name: string;
  role: Role;
  photo_url: string | null;
  group_id: number | null;
}

export interface DashboardServiceType {
  id: number;
  code: string;
  name: string;
  name_en: string | null;
  direction: string;
}

export interface DashboardService {
  id: number;
  name: string;
  service_type_id: number;
  specialist: { id: number; name: string; photo_url: string | null } | null;
  account_manager_id: number | null;
  monthly_fee_kopecks: number;
  documents_url: string | null;
  status: string;
  starts_on: string;
  ends_on: string | null;
  planned_minutes: number;
  actual_minutes: number;
  expected_minutes: number;
  previous_planned_minutes: number;
  previous_actual_minutes: number;
  previous_light: Light | null;
  overrun_percent: number | null;
  light: Light;
  projected_minutes: number;
  projected_light: Light;
  /** null for roles that do not see labour cost (costs_visible false). */
  labour_cost_kopecks: number | null;
  margin_kopecks: number | null;
  /** The monthly fee prorated to the service's active days in the period. */
  fee_kopecks?: number;
  /** Active days elapsed ÷ active days of the service in the period (docs/dashboard.md). */
  elapsed_share?: number;
}

export interface DashboardClient {
  id: number;
  name: string;
  account_manager: { id: number; name: string } | null;
  recommendations: { count: number; approved_on_time: number; overdue: number } | null;
  calls: { count: number; minutes: number } | null;
  last_contact_on: string | null;
  services: DashboardService[];
}

export interface DashboardTotals {
  turnover_kopecks: number;
  clients: number;
  services: number;
  planned_minutes: number;
  actual_minutes: number;
  labour_cost_kopecks: number | null;
  margin_kopecks: number | null;
}

export interface Dashboard {
  costs_visible?: boolean;
  period: string;
  previous_period: string;
  today: string;
  elapsed_share: number;
  totals: DashboardTotals;
  employees: DashboardEmployee[];
  service_types: DashboardServiceType[];
  clients: DashboardClient[];
}

export interface PlanFactMonth {
  period: string;
  fee_kopecks: number;
  planned_minutes: number;
  actual_minutes: number;
  expected_minutes: number;
  overrun_percent: number | null;
  light: Light;
  /** The projection to the month's end (fact ÷ elapsed share) and its light. */
  projected_minutes?: number;
  projected_light?: Light;
  /** null for roles that do not see labour cost. */
  labour_cost_kopecks: number | null;
  margin_kopecks: number | null;
}

/** Who spent a month's hours on a service (GET /api/v1/services/{id}/plan-fact, most minutes first). */
export interface PlanFactPerson {
  user_id: number;
  name: string;
  minutes: number;
  labour_cost_kopecks: number | null;
}

export interface ServicePlanFact {
  service_id?: number;
  months: PlanFactMonth[];
  /** The month `people` are of (= `to`). */
  people_period?: string;
  people?: PlanFactPerson[];
}

export interface EmployeeLoad {
  period: string;
  employee: { id: number; name: string; role: Role; photo_url: string | null };
  services: {
    id: number;
    name: string;
    client_name: string;
    assigned: boolean;
    planned_minutes: number;
    actual_minutes: number;
    service_planned_minutes: number;
    service_actual_minutes: number;
    light: Light;
  }[];
  totals: { planned_minutes: number; actual_minutes: number };
}

// Sales (docs/sales.md): pipelines with embedded stages, deals, stage history, comments, applications.
export type StageKind = 'open' | 'won' | 'lost';
export type DealSource = 'site' | 'phone' | 'email' | 'referral' | 'manual' | 'other';
export const dealSources: DealSource[] = ['site', 'phone', 'email', 'referral', 'manual', 'other'];

export interface PipelineStage extends Versioned {
  pipeline_id: number;
  name: string;
  position: number;
  owner_role: 'lead_generator' | 'sales' | 'manager' | 'quality';
  probability_percent: number;
  kind: StageKind;
  /** What the stage is for, whatever it is called (docs/sales.md, "Stage roles"). */
  role: StageRole | null;
}

export type StageRole = 'brief' | 'estimate' | 'proposal_sent' | 'contract';

export interface Pipeline extends Versioned {
  name: string;
  code: string;
  position: number;
  stages: PipelineStage[];
}

export interface Deal extends Versioned {
  pipeline_id: number;
  stage_id: number;
  title: string;
  client_id: number | null;
  /** Names the server may embed; the UI falls back to ids. */
  client_name?: string | null;
  owner_name?: string | null;
  company: string | null;
  contact_id: number | null;
  contact_name: string | null;
  phone: string | null;
  email: string | null;
  inn: string | null;
  source: DealSource | null;
  amount_kopecks: number | null;
  probability_percent: number | null;
  owner_id: number | null;
  next_step: string | null;
  next_step_on: string | null;
  lost_reason: string | null;
  closed_at: string | null;
  stage_entered_at: string;
  application_id: number | null;
}

export interface DealHistoryItem {
  from_stage_id: number | null;
  to_stage_id: number;
  at: string;
  user_id: number | null;
  user_name: string | null;
  minutes_in_previous_stage: number | null;
}

export interface DealComment extends Versioned {
  deal_id: number;
  author_id: number | null;
  author_name?: string | null;
  body: string;
}

export interface ApplicationInput {
  name: string;
  phone?: string;
  email?: string;
  company?: string;
  inn?: string;
  message?: string;
  source?: DealSource;
}

/** POST /api/v1/applications answers 201 with the created deal (duplicate_of_client_id where the server echoes it). */
export type ApplicationResult = Deal & { duplicate_of_client_id?: number | null };

// The agency's settings (GET /api/v1/agency-settings), read across features: estimates (tax mode),
// tasks and secret links (time zone).
export type TaxMode = 'vat' | 'usn_vat_5' | 'usn_vat_7' | 'no_vat';
export const taxModes: TaxMode[] = ['vat', 'usn_vat_5', 'usn_vat_7', 'no_vat'];

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
