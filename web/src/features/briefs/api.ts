// Queries of briefs and brief templates; a server without the endpoint yet gives null
// ("not connected yet", orNull) instead of an error.
import { useQuery } from '@tanstack/react-query';
import { api, orNull } from '../../api/client';
import type { Brief, BriefTemplate } from './types';

export const briefKeys = {
  briefs: (dealId: number) => ['briefs', dealId] as const,
  templates: ['brief-templates'] as const,
};

export function useBriefs(dealId: number, enabled = true) {
  return useQuery({
    queryKey: briefKeys.briefs(dealId),
    enabled,
    queryFn: () => orNull(api.list<Brief>('/api/v1/briefs', { deal_id: dealId, limit: 100 }).then((r) => r.items)),
    // While a link is out, the answers are looked for every 20 s (the client may submit any moment).
    refetchInterval: (q) => ((q.state.data ?? []).some((b) => b.status === 'sent') ? 20_000 : false),
  });
}

export function useBriefTemplates() {
  return useQuery({
    queryKey: briefKeys.templates,
    queryFn: () => orNull(api.list<BriefTemplate>('/api/v1/brief-templates', { limit: 200 }).then((r) => r.items.filter((x) => !x.archived_at))),
    staleTime: 60_000,
  });
}
