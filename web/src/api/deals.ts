// One deal, read and written by its card (sales) and by the card's estimate and document tabs.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { Deal, ListEnvelope } from './types';

export const dealKeys = {
  deal: (id: number) => ['deal', id] as const,
  history: (id: number) => ['deal-history', id] as const,
};

export function useDeal(id: number) {
  return useQuery({ queryKey: dealKeys.deal(id), queryFn: () => api.get<Deal>(`/api/v1/deals/${id}`) });
}

/** Puts a saved deal into every cached board/list page and its own card, then refreshes its history. */
export function useStoreDeal() {
  const qc = useQueryClient();
  return (saved: Deal) => {
    qc.setQueryData(dealKeys.deal(saved.id), saved);
    qc.setQueriesData<ListEnvelope<Deal>>({ queryKey: ['deals'] }, (old) =>
      old ? { ...old, items: old.items.map((d) => (d.id === saved.id ? saved : d)) } : old,
    );
    void qc.invalidateQueries({ queryKey: dealKeys.history(saved.id) });
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
