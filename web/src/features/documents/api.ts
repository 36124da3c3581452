// Queries of documents, their templates and a deal's readiness for them; a server without the
// endpoint yet gives null ("not connected yet", orNull) instead of an error.
import { useQuery } from '@tanstack/react-query';
import { api, orNull } from '../../api/client';
import type { Readiness } from './readiness';
import type { Doc, DocumentTemplate } from './types';

export const documentKeys = {
  dealDocs: (dealId: number) => ['documents', 'deal', dealId] as const,
  templates: ['document-templates'] as const,
  readiness: (dealId: number) => ['document-readiness', dealId] as const,
};

export function useDealDocuments(dealId: number, enabled = true) {
  return useQuery({
    queryKey: documentKeys.dealDocs(dealId),
    enabled,
    queryFn: () => orNull(api.list<Doc>('/api/v1/documents', { deal_id: dealId, limit: 100 }).then((r) => r.items)),
    // A shared proposal may be accepted by the client any moment: look again every 30 s.
    refetchInterval: (q) => ((q.state.data ?? []).some((d) => d.kind === 'proposal' && d.status === 'shared') ? 30_000 : false),
  });
}

export function useDocumentTemplates() {
  return useQuery({
    queryKey: documentKeys.templates,
    queryFn: () => orNull(api.list<DocumentTemplate>('/api/v1/document-templates', { limit: 200 }).then((r) => r.items.filter((x) => !x.archived_at))),
    staleTime: 60_000,
  });
}

/** Which requisites the deal's contract, invoice and act still lack (null: a server without the
 * route). Looked at again whenever the tab shows: someone may have filled them in meanwhile. */
export function useReadiness(dealId: number, enabled = true) {
  return useQuery({
    queryKey: documentKeys.readiness(dealId),
    enabled,
    queryFn: () => orNull(api.get<Readiness>(`/api/v1/deals/${dealId}/document-readiness`)),
    staleTime: 0,
    retry: false,
  });
}
