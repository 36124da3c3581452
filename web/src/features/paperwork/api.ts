// Queries of the paperwork slice; a 404 from a server that has not got the endpoint yet becomes null
// ("not connected yet") instead of an error.
import { useQuery } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client';
import type { Readiness } from './readiness';
import type { AgencySettings, Brief, BriefTemplate, Doc, DocumentTemplate, Estimate, PriceItem } from './types';

export const paperKeys = {
  briefs: (dealId: number) => ['briefs', dealId] as const,
  briefTemplates: ['brief-templates'] as const,
  priceItems: ['price-items'] as const,
  estimates: (dealId: number) => ['estimates', dealId] as const,
  dealDocs: (dealId: number) => ['documents', 'deal', dealId] as const,
  docTemplates: ['document-templates'] as const,
  settings: ['agency-settings'] as const,
  readiness: (dealId: number) => ['document-readiness', dealId] as const,
};

export async function orNull<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 501)) return null;
    throw e;
  }
}

export function useBriefs(dealId: number, enabled = true) {
  return useQuery({
    queryKey: paperKeys.briefs(dealId),
    enabled,
    queryFn: () => orNull(api.list<Brief>('/api/v1/briefs', { deal_id: dealId, limit: 100 }).then((r) => r.items)),
    // While a link is out, the answers are looked for every 20 s (the client may submit any moment).
    refetchInterval: (q) => ((q.state.data ?? []).some((b) => b.status === 'sent') ? 20_000 : false),
  });
}

export function useBriefTemplates() {
  return useQuery({
    queryKey: paperKeys.briefTemplates,
    queryFn: () => orNull(api.list<BriefTemplate>('/api/v1/brief-templates', { limit: 200 }).then((r) => r.items.filter((x) => !x.archived_at))),
    staleTime: 60_000,
  });
}

export function usePriceItems(enabled = true) {
  return useQuery({
    queryKey: paperKeys.priceItems,
    queryFn: () => orNull(api.list<PriceItem>('/api/v1/price-items', { limit: 1000, sort: 'name' }).then((r) => r.items.filter((x) => !x.archived_at))),
    staleTime: 60_000,
    enabled,
  });
}

export function useEstimates(dealId: number, enabled = true) {
  return useQuery({
    queryKey: paperKeys.estimates(dealId),
    enabled,
    queryFn: () => orNull(api.list<Estimate>('/api/v1/estimates', { deal_id: dealId, limit: 100 }).then((r) => [...r.items].sort((a, b) => b.revision - a.revision))),
  });
}

export function useDealDocuments(dealId: number, enabled = true) {
  return useQuery({
    queryKey: paperKeys.dealDocs(dealId),
    enabled,
    queryFn: () => orNull(api.list<Doc>('/api/v1/documents', { deal_id: dealId, limit: 100 }).then((r) => r.items)),
    // A shared proposal may be accepted by the client any moment: look again every 30 s.
    refetchInterval: (q) => ((q.state.data ?? []).some((d) => d.kind === 'proposal' && d.status === 'shared') ? 30_000 : false),
  });
}

export function useDocumentTemplates() {
  return useQuery({
    queryKey: paperKeys.docTemplates,
    queryFn: () => orNull(api.list<DocumentTemplate>('/api/v1/document-templates', { limit: 200 }).then((r) => r.items.filter((x) => !x.archived_at))),
    staleTime: 60_000,
  });
}

/** Which requisites the deal's contract, invoice and act still lack (null: a server without the
 * route). Looked at again whenever the tab shows: someone may have filled them in meanwhile. */
export function useReadiness(dealId: number, enabled = true) {
  return useQuery({
    queryKey: paperKeys.readiness(dealId),
    enabled,
    queryFn: () => orNull(api.get<Readiness>(`/api/v1/deals/${dealId}/document-readiness`)),
    staleTime: 0,
    retry: false,
  });
}

export function useAgencySettings() {
  return useQuery({ queryKey: paperKeys.settings, queryFn: () => orNull(api.get<AgencySettings>('/api/v1/agency-settings')), staleTime: 5 * 60_000, retry: false });
}

/** The link as the client sees it: the server gives a path ("/d/…"); the UI shows it absolute. */
export function absoluteUrl(path: string | null | undefined, origin = typeof window !== 'undefined' ? window.location.origin : ''): string {
  if (!path) return '';
  return /^https?:\/\//.test(path) ? path : `${origin}${path.startsWith('/') ? '' : '/'}${path}`;
}

export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
