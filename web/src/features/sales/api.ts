// Queries and writes of the sales slice (docs/sales.md); one cache key family per resource.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client';
import type { Deal, DealComment, DealHistoryItem, ListEnvelope, Pipeline } from '../../api/types';
import { orderedStages } from './board';

export const BOARD_LIMIT = 1000;

export interface DealFilters {
  owner_id?: number;
  stage_id?: number;
  source?: string;
  q?: string;
}

export const salesKeys = {
  pipelines: ['pipelines'] as const,
  board: (pipelineId: number, f: DealFilters) => ['deals', 'board', pipelineId, f] as const,
  list: (pipelineId: number, f: DealFilters, sort: string, page: number) => ['deals', 'list', pipelineId, f, sort, page] as const,
  deal: (id: number) => ['deal', id] as const,
  history: (id: number) => ['deal-history', id] as const,
  comments: (id: number) => ['deal-comments', id] as const,
};

/** Pipelines with their stages in order; null when the server has no sales slice yet (404). */
export function usePipelines() {
  return useQuery({
    queryKey: salesKeys.pipelines,
    queryFn: async () => {
      try {
        const r = await api.list<Pipeline>('/api/v1/pipelines', { limit: 100 });
        return [...r.items]
          .sort((a, b) => a.position - b.position || a.id - b.id)
          .map((p) => ({ ...p, stages: orderedStages(p.stages ?? []) }));
      } catch (e) {
        if (e instanceof ApiError && (e.status === 404 || e.status === 501)) return null;
        throw e;
      }
    },
    staleTime: 5 * 60_000,
  });
}

export function useBoardDeals(pipelineId: number | null, f: DealFilters) {
  return useQuery({
    queryKey: salesKeys.board(pipelineId ?? 0, f),
    queryFn: () => api.list<Deal>('/api/v1/deals', { pipeline_id: pipelineId, limit: BOARD_LIMIT, sort: 'updated_at', order: 'desc', ...f }),
    enabled: !!pipelineId,
    placeholderData: keepPreviousData,
  });
}

export function useDealList(pipelineId: number | null, f: DealFilters, sort: string, page: number, pageSize: number) {
  const order = sort === 'title' || sort === 'next_step_on' || sort === 'stage_entered_at' ? 'asc' : 'desc';
  return useQuery({
    queryKey: salesKeys.list(pipelineId ?? 0, f, sort, page),
    queryFn: () => api.list<Deal>('/api/v1/deals', { pipeline_id: pipelineId, limit: pageSize, offset: (page - 1) * pageSize, sort, order, ...f }),
    enabled: !!pipelineId,
    placeholderData: keepPreviousData,
  });
}

export function useDeal(id: number) {
  return useQuery({ queryKey: salesKeys.deal(id), queryFn: () => api.get<Deal>(`/api/v1/deals/${id}`) });
}

export function useDealHistory(id: number) {
  return useQuery({
    queryKey: salesKeys.history(id),
    queryFn: async () => (await api.get<{ items: DealHistoryItem[] }>(`/api/v1/deals/${id}/history`)).items,
  });
}

export function useDealComments(id: number) {
  return useQuery({
    queryKey: salesKeys.comments(id),
    queryFn: async () => (await api.list<DealComment>('/api/v1/deal-comments', { deal_id: id, limit: 200 })).items,
  });
}

/** Puts a saved deal into every cached board/list page and its own card, then refreshes its history. */
export function useStoreDeal() {
  const qc = useQueryClient();
  return (saved: Deal) => {
    qc.setQueryData(salesKeys.deal(saved.id), saved);
    qc.setQueriesData<ListEnvelope<Deal>>({ queryKey: ['deals'] }, (old) =>
      old ? { ...old, items: old.items.map((d) => (d.id === saved.id ? saved : d)) } : old,
    );
    void qc.invalidateQueries({ queryKey: salesKeys.history(saved.id) });
  };
}

/** PATCH a deal with its version; the caller handles errors (409: stale). */
export function useUpdateDeal() {
  const store = useStoreDeal();
  return useMutation({
    mutationFn: ({ deal, changes }: { deal: Deal; changes: Partial<Deal> }) => api.patch<Deal>(`/api/v1/deals/${deal.id}`, { ...changes, version: deal.version }),
    onSuccess: store,
  });
}
