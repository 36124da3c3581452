// One tooltip for the whole page: any element with data-tip shows its text on hover or focus.
// The dashboard renders thousands of hoverable figures; one delegated layer costs nothing per row.
import { useEffect, useRef, useState } from 'react';

interface Tip {
  text: string;
  x: number;
  y: number;
  below: boolean;
}

export function TipLayer() {
  const [tip, setTip] = useState<Tip | null>(null);
  const current = useRef<Element | null>(null);
  useEffect(() => {
    const show = (e: Event) => {
      const el = (e.target as Element | null)?.closest?.('[data-tip]');
      if (!el || el === current.current) return;
      current.current = el;
      const r = el.getBoundingClientRect();
      const below = r.top < 120;
      setTip({ text: el.getAttribute('data-tip') ?? '', x: Math.min(Math.max(r.left + r.width / 2, 170), window.innerWidth - 170), y: below ? r.bottom + 8 : r.top - 8, below });
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
    <div role="tooltip" className="tip-layer" style={{ left: tip.x, top: tip.y, transform: `translate(-50%, ${tip.below ? '0' : '-100%'})` }}>
      {tip.text}
    </div>
  );
}
