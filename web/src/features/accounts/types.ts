// GET /api/v1/accounts/today: an account manager's day (docs/openapi.yaml).
import type { Light } from '../../api/types';

export interface AccountsToday {
  date: string;
  owner_id: number;
  silent_days: number;
  recommendations_overdue: { id: number; title: string; client_id: number; client_name: string; service_id: number | null; sent_on: string | null; due_on: string; days_overdue: number }[];
  calls_missed: { id: number; client_id: number; client_name: string; phone: string | null; started_at: string; employee_id: number | null }[];
  clients_silent: { client_id: number; client_name: string; last_contact_on: string | null; days_silent: number | null }[];
  services_at_risk: {
    service_id: number;
    service_name: string;
    client_id: number;
    client_name: string;
    planned_minutes: number;
    actual_minutes: number;
    projected_minutes: number;
    light: Light;
    projected_light: Light;
    projected_overrun_percent: number | null;
  }[];
}
