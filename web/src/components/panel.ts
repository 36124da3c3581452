// The slide-in side panel lives in the URL (?panel=client:12) so a reload keeps it open.
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { useSession } from '../api/session';

export type PanelKind = 'client' | 'service' | 'employee' | 'deal';
export interface PanelRef {
  kind: PanelKind;
  id: number;
}

export function parsePanel(value: string | null): PanelRef | null {
  const m = value?.match(/^(client|service|employee|deal):(\d+)$/);
  return m ? { kind: m[1] as PanelKind, id: Number(m[2]) } : null;
}

/** The route a card loads first: a role without it would only see "not allowed" in the panel. */
export const panelRoute: Record<PanelKind, string> = {
  client: 'GET /api/v1/clients/{id}',
  service: 'GET /api/v1/services/{id}',
  employee: 'GET /api/v1/employees/{id}',
  deal: 'GET /api/v1/deals/{id}',
};

/** Whether a role with these permissions (from /auth/me) may open a card of this kind. */
export function mayOpen(permissions: readonly string[] | undefined, kind: PanelKind): boolean {
  return !!permissions?.includes(panelRoute[kind]);
}

export function usePanel() {
  const [params, setParams] = useSearchParams();
  const { session } = useSession();
  const permissions = session?.permissions;
  const canOpen = useCallback((kind: PanelKind) => mayOpen(permissions, kind), [permissions]);
  const current = parsePanel(params.get('panel'));
  const open = useCallback(
    (kind: PanelKind, id: number, tab?: string) =>
      setParams((p) => {
        const next = new URLSearchParams(p);
        next.set('panel', `${kind}:${id}`);
        if (tab) next.set('tab', tab);
        else next.delete('tab');
        return next;
      }),
    [setParams],
  );
  const close = useCallback(
    () =>
      setParams((p) => {
        const next = new URLSearchParams(p);
        next.delete('panel');
        next.delete('tab');
        return next;
      }),
    [setParams],
  );
  const setTab = useCallback(
    (tab: string | null) =>
      setParams(
        (p) => {
          const next = new URLSearchParams(p);
          if (tab) next.set('tab', tab);
          else next.delete('tab');
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return { current, open, close, tab: params.get('tab'), setTab, canOpen };
}
