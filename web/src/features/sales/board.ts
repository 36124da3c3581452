// Pure helpers of the sales screens: column sums, days in stage, overdue next steps, the optimistic move.
import type { Deal, DealHistoryItem, PipelineStage } from '../../api/types';

export interface ColumnStats {
  count: number;
  amountKopecks: number;
}

/** Stages of a pipeline in board order (position; archived stages without deals are dropped by the caller). */
export function orderedStages(stages: PipelineStage[]): PipelineStage[] {
  return [...stages].sort((a, b) => a.position - b.position || a.id - b.id);
}

/** Deal count and Σ amount per stage id; every given stage gets an entry, even an empty one. */
export function columnStats(deals: Deal[], stages: PipelineStage[]): Map<number, ColumnStats> {
  const out = new Map<number, ColumnStats>();
  for (const s of stages) out.set(s.id, { count: 0, amountKopecks: 0 });
  for (const d of deals) {
    let c = out.get(d.stage_id);
    if (!c) {
      c = { count: 0, amountKopecks: 0 };
      out.set(d.stage_id, c);
    }
    c.count++;
    c.amountKopecks += d.amount_kopecks ?? 0;
  }
  return out;
}

/** Deals grouped by stage id, each column in the given order. */
export function groupByStage(deals: Deal[]): Map<number, Deal[]> {
  const out = new Map<number, Deal[]>();
  for (const d of deals) {
    const list = out.get(d.stage_id);
    if (list) list.push(d);
    else out.set(d.stage_id, [d]);
  }
  return out;
}

const DAY = 86_400_000;

/** Whole days since the deal entered its stage (0 on the first day; never negative). */
export function daysInStage(stageEnteredAt: string | null | undefined, now: Date): number {
  if (!stageEnteredAt) return 0;
  const t = Date.parse(stageEnteredAt);
  if (Number.isNaN(t)) return 0;
  return Math.max(0, Math.floor((now.getTime() - t) / DAY));
}

/** A next step date before today is overdue — unless the deal is closed (won/lost). */
export function isOverdue(nextStepOn: string | null | undefined, today: string, closed = false): boolean {
  return !!nextStepOn && !closed && nextStepOn.slice(0, 10) < today;
}

/** Minutes in each stage of the history: entry i lasted until entry i+1 (its minutes_in_previous_stage), the last one until now. */
export function stageDurations(history: DealHistoryItem[], now: Date): { item: DealHistoryItem; minutes: number; current: boolean }[] {
  return history.map((item, i) => {
    const next = history[i + 1];
    if (next) {
      const m = next.minutes_in_previous_stage ?? Math.max(0, Math.round((Date.parse(next.at) - Date.parse(item.at)) / 60_000));
      return { item, minutes: m, current: false };
    }
    return { item, minutes: Math.max(0, Math.round((now.getTime() - Date.parse(item.at)) / 60_000)), current: true };
  });
}

/** "2 д 3 ч" style split of minutes into days / hours / minutes for the timeline. */
export function splitMinutes(minutes: number): { days: number; hours: number; minutes: number } {
  const m = Math.max(0, Math.round(minutes));
  return { days: Math.floor(m / 1440), hours: Math.floor((m % 1440) / 60), minutes: m % 60 };
}

// Optimistic move: the board shows the move at once and keeps what it replaced, so a 409 or any
// error puts exactly that deal back (other deals moved meanwhile stay where they are).
export interface PendingMove {
  dealId: number;
  previous: Deal;
}

export function moveDeal(deals: Deal[], dealId: number, stage: Pick<PipelineStage, 'id' | 'probability_percent' | 'kind'>, now: Date, lostReason?: string): { deals: Deal[]; pending: PendingMove | null } {
  const previous = deals.find((d) => d.id === dealId);
  if (!previous || previous.stage_id === stage.id) return { deals, pending: null };
  const closed = stage.kind !== 'open';
  const moved: Deal = {
    ...previous,
    stage_id: stage.id,
    stage_entered_at: now.toISOString(),
    probability_percent: stage.probability_percent,
    closed_at: closed ? now.toISOString() : null,
    lost_reason: stage.kind === 'lost' ? (lostReason ?? previous.lost_reason) : previous.lost_reason,
  };
  // First in the list, so it heads its new column (as the server's updated_at order will have it).
  return { deals: [moved, ...deals.filter((d) => d.id !== dealId)], pending: { dealId, previous } };
}

/** The server's answer replaces the optimistic record. */
export function commitMove(deals: Deal[], saved: Deal): Deal[] {
  return deals.map((d) => (d.id === saved.id ? saved : d));
}

/** A failed move restores the deal as it was before the drag. */
export function rollbackMove(deals: Deal[], pending: PendingMove): Deal[] {
  return deals.map((d) => (d.id === pending.dealId ? pending.previous : d));
}

export type DealSort = 'updated_at' | 'amount_kopecks' | 'next_step_on' | 'stage_entered_at' | 'title';
export const dealSorts: DealSort[] = ['updated_at', 'amount_kopecks', 'next_step_on', 'stage_entered_at', 'title'];

export type DealTab = 'overview' | 'brief' | 'estimate' | 'documents';
export const dealTabs: DealTab[] = ['overview', 'brief', 'estimate', 'documents'];

/**
 * The deal card's tab when the URL names none: the work of the deal's stage. Stage names are the
 * agency's own, so a name that says it wins (бриф/brief, смет/расчёт/estimate, КП/договор/proposal/
 * contract), else the stage's probability (the demo's 30–35 % brief, 45–50 % estimate, 60 %+
 * proposal); won deals open on their documents, lost ones and the first stages on the overview.
 * Only tabs in `available` (the role's permissions) are chosen.
 */
export function defaultDealTab(stage: Pick<PipelineStage, 'role' | 'kind' | 'probability_percent'> | undefined, available: DealTab[]): DealTab {
  const pick = (t: DealTab): DealTab => (available.includes(t) ? t : 'overview');
  if (!stage || stage.kind === 'lost') return 'overview';
  if (stage.kind === 'won') return pick('documents');
  // The stage's role says what it is for; its name is the agency's to choose and means nothing.
  if (stage.role === 'brief') return pick('brief');
  if (stage.role === 'estimate') return pick('estimate');
  if (stage.role === 'proposal_sent' || stage.role === 'contract') return pick('documents');
  const p = stage.probability_percent;
  if (p >= 60) return pick('documents');
  if (p >= 45) return pick('estimate');
  if (p >= 30) return pick('brief');
  return 'overview';
}

/** A rectangle on the screen (a kanban column or the dragged card). */
export interface ScreenRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * Keyboard drag on the kanban: ← / → move the card to the middle of the previous / next column (not
 * 25 px, dnd-kit's default); other keys move nothing. Undefined = stay.
 */
export function columnJump(code: string, card: ScreenRect, columns: ScreenRect[]): { x: number; y: number } | undefined {
  if (code !== 'ArrowRight' && code !== 'ArrowLeft') return undefined;
  if (!columns.length) return undefined;
  const sorted = [...columns].sort((a, b) => a.left - b.left);
  const cx = card.left + card.width / 2;
  let current = sorted.findIndex((c) => cx >= c.left && cx <= c.left + c.width);
  if (current < 0) {
    let best = Infinity;
    sorted.forEach((c, i) => {
      const d = Math.abs(c.left + c.width / 2 - cx);
      if (d < best) {
        best = d;
        current = i;
      }
    });
  }
  const next = current + (code === 'ArrowRight' ? 1 : -1);
  if (next < 0 || next >= sorted.length) return undefined;
  const target = sorted[next];
  return { x: target.left + (target.width - card.width) / 2, y: card.top };
}
