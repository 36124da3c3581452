// The slide-in side panel lives in the URL (?panel=client:12) so a reload keeps it open.
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

export type PanelKind = 'client' | 'service' | 'employee' | 'deal';
export interface PanelRef {
  kind: PanelKind;
  id: number;
}

export function parsePanel(value: string | null): PanelRef | null {
  const m = value?.match(/^(client|service|employee|deal):(\d+)$/);
  return m ? { kind: m[1] as PanelKind, id: Number(m[2]) } : null;
}

export function usePanel() {
  const [params, setParams] = useSearchParams();
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
  return { current, open, close, tab: params.get('tab'), setTab };
}
