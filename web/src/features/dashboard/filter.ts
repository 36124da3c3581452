// The dashboard's in-browser filtering and sorting over one payload: no requests per keystroke.
import type { Dashboard, DashboardClient, DashboardService } from '../../api/types';
import { fold } from '../../lib/search';
import { badgeMode, badgeRank, needsAttention } from './pace';

export type SortKey = 'overrun' | 'margin' | 'fee' | 'name';

export interface DashboardFilter {
  employeeId: number | null;
  serviceTypeId: number | null;
  query: string;
  attentionOnly: boolean;
}

/** A client prepared once per payload: folded names and the roll-ups the sorts use. */
export interface IndexedClient {
  client: DashboardClient;
  foldedName: string;
  foldedServiceNames: string[];
  feeKopecks: number;
  marginKopecks: number;
  /** The worst badge of its services (the pace in the current period, else the final overrun). */
  maxOverrun: number;
  /** Per service: its badge is yellow or red ("needs attention"). */
  attention: boolean[];
}

export interface FilteredClient {
  client: DashboardClient;
  services: DashboardService[];
}

export interface FilterResult {
  rows: FilteredClient[];
  totals: { turnoverKopecks: number; clients: number; services: number };
}

export function indexDashboard(d: Dashboard): IndexedClient[] {
  const mode = badgeMode(d);
  return d.clients.map((client) => {
    let fee = 0;
    let margin = 0;
    let maxOverrun = -Infinity;
    const attention: boolean[] = [];
    const foldedServiceNames = client.services.map((s) => {
      fee += s.monthly_fee_kopecks;
      margin += s.margin_kopecks ?? 0;
      maxOverrun = Math.max(maxOverrun, badgeRank(s, mode));
      attention.push(needsAttention(s, mode));
      return fold(s.name);
    });
    return { client, foldedName: fold(client.name), foldedServiceNames, feeKopecks: fee, marginKopecks: margin, maxOverrun, attention };
  });
}

const collator = new Intl.Collator(['ru', 'en'], { sensitivity: 'base', numeric: true });

/** Clients in display order: worst badge (pace in the current period), lowest margin, highest fee first; names A→Я. */
export function sortClients(index: IndexedClient[], key: SortKey): IndexedClient[] {
  const out = index.slice();
  const byName = (a: IndexedClient, b: IndexedClient) => collator.compare(a.client.name, b.client.name);
  switch (key) {
    case 'overrun':
      out.sort((a, b) => b.maxOverrun - a.maxOverrun || byName(a, b));
      break;
    case 'margin':
      out.sort((a, b) => a.marginKopecks - b.marginKopecks || byName(a, b));
      break;
    case 'fee':
      out.sort((a, b) => b.feeKopecks - a.feeKopecks || byName(a, b));
      break;
    default:
      out.sort(byName);
  }
  return out;
}

/**
 * One pass over the sorted index. A client whose name matches keeps all its services (within the
 * employee/type filters); otherwise only services whose name matches stay.
 */
export function filterClients(sorted: IndexedClient[], f: DashboardFilter): FilterResult {
  const needle = fold(f.query);
  const rows: FilteredClient[] = [];
  let turnover = 0;
  let services = 0;
  for (const ic of sorted) {
    const client = ic.client;
    const clientMatches = needle === '' || ic.foldedName.includes(needle);
    const managerMatches = f.employeeId !== null && client.account_manager?.id === f.employeeId;
    let kept: DashboardService[] | null = null;
    const list = client.services;
    for (let i = 0; i < list.length; i++) {
      const s = list[i];
      if (f.serviceTypeId !== null && s.service_type_id !== f.serviceTypeId) continue;
      if (
        f.employeeId !== null &&
        !managerMatches &&
        s.specialist?.id !== f.employeeId &&
        s.account_manager_id !== f.employeeId
      )
        continue;
      if (!clientMatches && !ic.foldedServiceNames[i].includes(needle)) continue;
      if (f.attentionOnly && !ic.attention[i]) continue;
      (kept ??= []).push(s);
    }
    if (kept === null) continue;
    rows.push({ client, services: kept });
    services += kept.length;
    // Turnover as the server totals it: fees prorated to the active days of the period.
    for (const s of kept) turnover += s.fee_kopecks ?? s.monthly_fee_kopecks;
  }
  return { rows, totals: { turnoverKopecks: turnover, clients: rows.length, services } };
}
