import { describe, expect, it } from 'vitest';
import type { Deal, DealHistoryItem, PipelineStage } from '../../api/types';
import { columnJump, columnStats, commitMove, defaultDealTab, daysInStage, groupByStage, isOverdue, moveDeal, orderedStages, rollbackMove, splitMinutes, stageDurations } from './board';

const stage = (id: number, position: number, kind: PipelineStage['kind'] = 'open', probability = 10): PipelineStage => ({
  id, version: 1, pipeline_id: 1, name: `S${id}`, position, owner_role: 'sales', probability_percent: probability, kind, role: null,
});

const deal = (id: number, stageId: number, amount: number | null, extra: Partial<Deal> = {}): Deal => ({
  id, version: 1, pipeline_id: 1, stage_id: stageId, title: `D${id}`, client_id: null, company: null, contact_id: null, contact_name: null,
  phone: null, email: null, inn: null, source: 'site', amount_kopecks: amount, probability_percent: 10, owner_id: null, next_step: null,
  next_step_on: null, lost_reason: null, closed_at: null, stage_entered_at: '2026-11-20T09:00:00Z', application_id: null, ...extra,
});

describe('kanban columns', () => {
  it('orders stages by position and sums count and amount per column, empty columns included', () => {
    const stages = orderedStages([stage(3, 30, 'won'), stage(1, 10), stage(2, 20)]);
    expect(stages.map((s) => s.id)).toEqual([1, 2, 3]);
    const stats = columnStats([deal(1, 1, 150_000_00), deal(2, 1, null), deal(3, 2, 99_50), deal(4, 1, 1)], stages);
    expect(stats.get(1)).toEqual({ count: 3, amountKopecks: 150_000_01 });
    expect(stats.get(2)).toEqual({ count: 1, amountKopecks: 99_50 });
    expect(stats.get(3)).toEqual({ count: 0, amountKopecks: 0 });
    expect(groupByStage([deal(1, 1, 0), deal(2, 2, 0), deal(3, 1, 0)]).get(1)!.map((d) => d.id)).toEqual([1, 3]);
  });
});

describe('days in stage and overdue', () => {
  const now = new Date('2026-11-25T12:00:00Z');
  it('counts whole days, never negative', () => {
    expect(daysInStage('2026-11-25T11:00:00Z', now)).toBe(0);
    expect(daysInStage('2026-11-24T12:00:00Z', now)).toBe(1);
    expect(daysInStage('2026-11-15T12:00:01Z', now)).toBe(9);
    expect(daysInStage('2026-12-01T00:00:00Z', now)).toBe(0);
    expect(daysInStage(null, now)).toBe(0);
  });
  it('marks a next step before today overdue unless the deal is closed', () => {
    expect(isOverdue('2026-11-24', '2026-11-25')).toBe(true);
    expect(isOverdue('2026-11-25', '2026-11-25')).toBe(false);
    expect(isOverdue(null, '2026-11-25')).toBe(false);
    expect(isOverdue('2026-11-01', '2026-11-25', true)).toBe(false);
  });
  it('gives each history entry its time: until the next entry, the last until now', () => {
    const h: DealHistoryItem[] = [
      { from_stage_id: null, to_stage_id: 1, at: '2026-11-20T12:00:00Z', user_id: 1, user_name: 'A', minutes_in_previous_stage: null },
      { from_stage_id: 1, to_stage_id: 2, at: '2026-11-22T13:30:00Z', user_id: 1, user_name: 'A', minutes_in_previous_stage: 2 * 1440 + 90 },
    ];
    const d = stageDurations(h, now);
    expect(d.map((x) => [x.minutes, x.current])).toEqual([[2970, false], [2 * 1440 + 22 * 60 + 30, true]]);
    expect(splitMinutes(2970)).toEqual({ days: 2, hours: 1, minutes: 30 });
  });
});

describe('optimistic move', () => {
  const now = new Date('2026-11-25T12:00:00Z');
  const board = [deal(1, 1, 100), deal(2, 1, 200), deal(3, 2, 300)];
  it('moves at once, takes the stage probability, and closes on won/lost', () => {
    const { deals, pending } = moveDeal(board, 1, stage(2, 20, 'open', 40), now);
    expect(deals.find((d) => d.id === 1)).toMatchObject({ stage_id: 2, probability_percent: 40, closed_at: null, stage_entered_at: now.toISOString() });
    expect(pending?.previous).toBe(board[0]);
    const lost = moveDeal(board, 2, stage(9, 90, 'lost', 0), now, 'дорого');
    expect(lost.deals[0]).toMatchObject({ stage_id: 9, lost_reason: 'дорого', closed_at: now.toISOString() });
  });
  it('does nothing when dropped on its own column or for an unknown deal', () => {
    expect(moveDeal(board, 1, stage(1, 10), now)).toEqual({ deals: board, pending: null });
    expect(moveDeal(board, 42, stage(2, 20), now).pending).toBeNull();
  });
  it('rolls back only the failed deal; a success takes the server record', () => {
    const a = moveDeal(board, 1, stage(2, 20), now);
    const b = moveDeal(a.deals, 2, stage(3, 30), now);
    const back = rollbackMove(b.deals, a.pending!);
    const stageOf = (list: Deal[]) => Object.fromEntries(list.map((d) => [d.id, d.stage_id]));
    expect(stageOf(back)).toEqual({ 1: 1, 2: 3, 3: 2 });
    expect(back.find((d) => d.id === 1)).toBe(board[0]);
    const saved = { ...b.deals.find((d) => d.id === 2)!, version: 2 };
    expect(commitMove(back, saved).find((d) => d.id === 2)!.version).toBe(2);
  });
  it('puts the moved deal first, so it heads its new column', () => {
    const { deals } = moveDeal(board, 3, stage(1, 10), now);
    expect(groupByStage(deals).get(1)!.map((d) => d.id)).toEqual([3, 1, 2]);
  });
});

describe('the deal card\'s default tab', () => {
  const all = ['overview', 'brief', 'estimate', 'documents'] as const;
  const st = (name: string, kind: PipelineStage['kind'] = 'open', probability = 10, role: PipelineStage['role'] = null) => ({ name, kind, probability_percent: probability, role });
  it('follows the stage role, never its name', () => {
    expect(defaultDealTab(st('Новая заявка'), [...all])).toBe('overview');
    expect(defaultDealTab(st('Бриф', 'open', 35, 'brief'), [...all])).toBe('brief');
    expect(defaultDealTab(st('Расчёт', 'open', 50, 'estimate'), [...all])).toBe('estimate');
    expect(defaultDealTab(st('Прототип и смета', 'open', 45, 'estimate'), [...all])).toBe('estimate');
    expect(defaultDealTab(st('КП отправлено', 'open', 60, 'proposal_sent'), [...all])).toBe('documents');
    expect(defaultDealTab(st('Договор', 'open', 80, 'contract'), [...all])).toBe('documents');
    // Renamed stages keep their role; a name alone decides nothing.
    expect(defaultDealTab(st('Анкета клиента', 'open', 10, 'brief'), [...all])).toBe('brief');
    expect(defaultDealTab(st('Бриф', 'open', 10), [...all])).toBe('overview');
  });
  it('falls back to the probability, and closed deals', () => {
    expect(defaultDealTab(st('Встреча', 'open', 30), [...all])).toBe('brief');
    expect(defaultDealTab(st('Думают', 'open', 70), [...all])).toBe('documents');
    expect(defaultDealTab(st('Выиграна', 'won', 100), [...all])).toBe('documents');
    expect(defaultDealTab(st('Бриф', 'lost', 0), [...all])).toBe('overview');
    expect(defaultDealTab(undefined, [...all])).toBe('overview');
  });
  it('only picks a tab the role has', () => {
    expect(defaultDealTab(st('Бриф', 'open', 35), ['overview', 'documents'])).toBe('overview');
    expect(defaultDealTab(st('Выиграна', 'won', 100), ['overview'])).toBe('overview');
  });
});

describe('keyboard drag on the kanban', () => {
  const cols = [0, 1, 2].map((i) => ({ left: i * 300, top: 100, width: 280, height: 600 }));
  const card = { left: 310, top: 200, width: 260, height: 80 };
  it('jumps a whole column per arrow key', () => {
    expect(columnJump('ArrowRight', card, cols)).toEqual({ x: 610, y: 200 });
    expect(columnJump('ArrowLeft', card, cols)).toEqual({ x: 10, y: 200 });
  });
  it('stays at either end and ignores up / down', () => {
    expect(columnJump('ArrowRight', { ...card, left: 610 }, cols)).toBeUndefined();
    expect(columnJump('ArrowLeft', { ...card, left: 10 }, cols)).toBeUndefined();
    expect(columnJump('ArrowDown', card, cols)).toBeUndefined();
  });
  it('finds the nearest column for a card between two', () => {
    expect(columnJump('ArrowRight', { ...card, left: 160 }, cols)).toEqual({ x: 310, y: 200 });
  });
});
