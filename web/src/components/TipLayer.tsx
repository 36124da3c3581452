// One tooltip for the whole page: any element with data-tip shows its text on hover or focus.
// The dashboard renders thousands of hoverable figures; one delegated layer costs nothing per row.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';

interface Tip {
  text: string;
  /** The anchor's centre and edges. */
  x: number;
  top: number;
  bottom: number;
}

const MARGIN = 8;

/** Where the tip goes: centred on the anchor, above it unless there is no room, always inside the window. */
export function placeTip(anchor: { x: number; top: number; bottom: number }, size: { width: number; height: number }, view: { width: number; height: number }) {
  const left = Math.min(Math.max(anchor.x - size.width / 2, MARGIN), Math.max(MARGIN, view.width - size.width - MARGIN));
  const above = anchor.top - MARGIN - size.height;
  const top = above >= MARGIN || anchor.bottom + MARGIN + size.height > view.height ? Math.max(MARGIN, above) : anchor.bottom + MARGIN;
  return { left, top };
}

export function TipLayer() {
  const [tip, setTip] = useState<Tip | null>(null);
  const current = useRef<Element | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState<{ left: number; top: number } | null>(null);
  useLayoutEffect(() => {
    if (!tip || !box.current) return setPos(null);
    const r = box.current.getBoundingClientRect();
    setPos(placeTip(tip, { width: r.width, height: r.height }, { width: window.innerWidth, height: window.innerHeight }));
  }, [tip]);
  useEffect(() => {
    const show = (e: Event) => {
      const el = (e.target as Element | null)?.closest?.('[data-tip]');
      if (!el || el === current.current) return;
      current.current = el;
      const r = el.getBoundingClientRect();
      setTip({ text: el.getAttribute('data-tip') ?? '', x: r.left + r.width / 2, top: r.top, bottom: r.bottom });
    };
    const hide = (e: Event) => {
      const el = (e.target as Element | null)?.closest?.('[data-tip]');
      const to = (e as MouseEvent).relatedTarget as Element | null;
      if (el && to && el.contains(to)) return;
      if (el === current.current) {
        current.current = null;
        setTip(null);
      }
    };
    const clear = () => {
      current.current = null;
      setTip(null);
    };
    document.addEventListener('mouseover', show);
    document.addEventListener('mouseout', hide);
    document.addEventListener('focusin', show);
    document.addEventListener('focusout', hide);
    window.addEventListener('scroll', clear, true);
    return () => {
      document.removeEventListener('mouseover', show);
      document.removeEventListener('mouseout', hide);
      document.removeEventListener('focusin', show);
      document.removeEventListener('focusout', hide);
      window.removeEventListener('scroll', clear, true);
    };
  }, []);
  if (!tip) return null;
  return (
    <div ref={box} role="tooltip" className="tip-layer" style={{ left: pos?.left ?? 0, top: pos?.top ?? 0, visibility: pos ? 'visible' : 'hidden' }}>
      {tip.text}
    </div>
  );
}
