// Queries of the sales slice (docs/sales.md); one cache key family per resource. A single deal's
// query and its write are shared (api/deals.ts): the deal card's paperwork tabs use them too.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client';
import { dealKeys } from '../../api/deals';
import type { Deal, DealComment, DealHistoryItem, Pipeline } from '../../api/types';
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

export function useDealHistory(id: number) {
  return useQuery({
    queryKey: dealKeys.history(id),
    queryFn: async () => (await api.get<{ items: DealHistoryItem[] }>(`/api/v1/deals/${id}/history`)).items,
  });
}

export function useDealComments(id: number) {
  return useQuery({
    queryKey: salesKeys.comments(id),
    queryFn: async () => (await api.list<DealComment>('/api/v1/deal-comments', { deal_id: id, limit: 200 })).items,
  });
}

