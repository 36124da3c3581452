// Queries of the price list and estimates; a server without the endpoint yet gives null
// ("not connected yet", orNull) instead of an error.
import { useQuery } from '@tanstack/react-query';
import { api, orNull } from '../../api/client';
import type { Estimate, PriceItem } from './types';

export const estimateKeys = {
  priceItems: ['price-items'] as const,
  estimates: (dealId: number) => ['estimates', dealId] as const,
};

export function usePriceItems(enabled = true) {
  return useQuery({
    queryKey: estimateKeys.priceItems,
    queryFn: () => orNull(api.list<PriceItem>('/api/v1/price-items', { limit: 1000, sort: 'name' }).then((r) => r.items.filter((x) => !x.archived_at))),
    staleTime: 60_000,
    enabled,
  });
}

export function useEstimates(dealId: number, enabled = true) {
  return useQuery({
    queryKey: estimateKeys.estimates(dealId),
    enabled,
    queryFn: () => orNull(api.list<Estimate>('/api/v1/estimates', { deal_id: dealId, limit: 100 }).then((r) => [...r.items].sort((a, b) => b.revision - a.revision))),
  });
}
