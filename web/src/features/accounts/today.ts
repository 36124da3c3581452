// Whose columns Today shows, and in what order its lists read. Pure, unit-tested.
import type { Role } from '../../api/types';
import type { AccountsToday } from './types';

const accountRoles: Role[] = ['owner', 'head', 'manager'];
const salesRoles: Role[] = ['sales', 'lead_generator', 'quality'];

export interface SectionInput {
  /** The role of the person whose day is shown (the signed-in user, or the one picked). */
  role: Role | undefined;
  canAccounts: boolean;
  canSales: boolean;
  /** Items in the account lists, null while unknown. */
  accountItems: number | null;
  /** Items in the sales lists, null while unknown. */
  salesItems: number | null;
  /** Whether the person owns any deal (null while unknown). */
  ownsDeals: boolean | null;
}

/**
 * Account columns for the people who manage clients (owner, head, manager) or have something there;
 * sales columns for the sales roles and for anyone who owns deals or has deal items today — and for
 * anyone who would otherwise see nothing.
 */
export function todaySections(x: SectionInput): { accounts: boolean; sales: boolean } {
  const accounts = x.canAccounts && ((!!x.role && accountRoles.includes(x.role)) || (x.accountItems ?? 0) > 0);
  const sales = x.canSales && ((!!x.role && salesRoles.includes(x.role)) || !!x.ownsDeals || (x.salesItems ?? 0) > 0 || !accounts);
  return { accounts, sales };
}

export function accountItems(d: AccountsToday | null | undefined): number | null {
  if (!d) return null;
  return d.recommendations_overdue.length + d.calls_missed.length + d.clients_silent.length + d.services_at_risk.length;
}

/** Missed calls newest first (the server sends them so; a list that is not stays right anyway). */
export function newestFirst<T extends { started_at: string; id: number }>(calls: T[]): T[] {
  return [...calls].sort((a, b) => (a.started_at < b.started_at ? 1 : a.started_at > b.started_at ? -1 : b.id - a.id));
}

