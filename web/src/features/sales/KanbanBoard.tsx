// The kanban of one pipeline: a column per stage, deals dragged between them (dnd-kit), optimistic
// move with rollback on 409 or any error, the lost column asks for the reason first.
import { memo, useMemo, useState } from 'react';
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { DndContext, DragOverlay, KeyboardSensor, MouseSensor, TouchSensor, pointerWithin, rectIntersection, useDraggable, useDroppable, useSensor, useSensors, type CollisionDetection, type KeyboardCoordinateGetter, type DragEndEvent, type DragStartEvent } from '@dnd-kit/core';
import { useQueries, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client';
import type { Client, Deal, Employee, ListEnvelope, Pipeline, PipelineStage } from '../../api/types';
import { useLocale } from '../../i18n';
import { formatDate, formatMoney } from '../../lib/format';
import { usePanel } from '../../components/panel';
import { MiniAvatar } from '../../components/PersonAvatar';
import { notifications } from '../../components/notify';
import { todayIso } from '../../lib/dates';
import { columnJump, columnStats, daysInStage, groupByStage, isOverdue, moveDeal, rollbackMove, type PendingMove } from './board';
import { salesKeys, type DealFilters } from './api';
import { dealKeys, useStoreDeal } from '../../api/deals';

/** ← / → during a keyboard drag: a whole column at a time (columnJump), not dnd-kit's 25 px. */
const jumpColumns: KeyboardCoordinateGetter = (event, { context }) => {
  const card = context.collisionRect;
  if (!card) return undefined;
  if (event.code === 'ArrowRight' || event.code === 'ArrowLeft') event.preventDefault();
  const columns = [...context.droppableRects.values()].map((r) => ({ left: r.left, top: r.top, width: r.width, height: r.height }));
  return columnJump(event.code, { left: card.left, top: card.top, width: card.width, height: card.height }, columns);
};

const collision: CollisionDetection = (args) => {
  const hits = pointerWithin(args);
  return hits.length ? hits : rectIntersection(args);
};

export function KanbanBoard({ pipeline, deals, total, filters, employees }: { pipeline: Pipeline; deals: Deal[]; total: number; filters: DealFilters; employees: Map<number, Employee> }) {
  const { t, locale } = useLocale();
  const qc = useQueryClient();
  const store = useStoreDeal();
  const { open } = usePanel();
  const [active, setActive] = useState<Deal | null>(null);
  const [lost, setLost] = useState<{ deal: Deal; stage: PipelineStage } | null>(null);
  const [shown, setShown] = useState<Record<number, number>>({});
  // Mouse after 6 px; touch after a 250 ms press, so a swipe still scrolls the column.
  const sensors = useSensors(useSensor(MouseSensor, { activationConstraint: { distance: 6 } }), useSensor(TouchSensor, { activationConstraint: { delay: 250, tolerance: 8 } }), useSensor(KeyboardSensor, { keyboardCodes: { start: ['Space'], cancel: ['Escape'], end: ['Space', 'Enter'] }, coordinateGetter: jumpColumns }));
  const stages = pipeline.stages.filter((s) => !s.archived_at || deals.some((d) => d.stage_id === s.id));
  const byStage = useMemo(() => groupByStage(deals), [deals]);
  const stats = useMemo(() => columnStats(deals, stages), [deals, stages]);
  const now = useMemo(() => new Date(), [deals]);
  const clientNames = useClientNames(deals);
  const today = todayIso(now);
  const key = salesKeys.board(pipeline.id, filters);

  async function move(deal: Deal, stage: PipelineStage, lostReason?: string) {
    await qc.cancelQueries({ queryKey: key });
    let pending: PendingMove | null = null;
    qc.setQueryData<ListEnvelope<Deal>>(key, (old) => {
      if (!old) return old;
      const r = moveDeal(old.items, deal.id, stage, new Date(), lostReason);
      pending = r.pending;
      return { ...old, items: r.deals };
    });
    if (!pending) return;
    const undo: PendingMove = pending;
    try {
      const body: Record<string, unknown> = { stage_id: stage.id, version: deal.version };
      if (stage.kind === 'lost') body.lost_reason = lostReason;
      const saved = await api.patch<Deal>(`/api/v1/deals/${deal.id}`, body);
      store(saved);
      void qc.invalidateQueries({ queryKey: ['deals', 'list'] });
      notifications.show({ message: t('sales.moved', { stage: stage.name }), color: 'green' });
    } catch (e) {
      qc.setQueryData<ListEnvelope<Deal>>(key, (old) => (old ? { ...old, items: rollbackMove(old.items, undo) } : old));
      const conflict = e instanceof ApiError && e.status === 409;
      const detail = e instanceof ApiError && !conflict ? `: ${Object.values(e.fields)[0] ?? e.message}` : '';
      notifications.show({ message: (conflict ? t('sales.moveConflict') : t('sales.moveFailed')) + detail, color: 'red' });
      if (conflict) {
        void qc.invalidateQueries({ queryKey: ['deals'] });
        void qc.invalidateQueries({ queryKey: dealKeys.deal(deal.id) });
      }
    }
  }

  function onDragStart(e: DragStartEvent) {
    setActive(deals.find((d) => d.id === e.active.id) ?? null);
  }
  function onDragEnd(e: DragEndEvent) {
    setActive(null);
    const deal = deals.find((d) => d.id === e.active.id);
    const stage = stages.find((s) => `stage-${s.id}` === e.over?.id);
    if (!deal || !stage || deal.stage_id === stage.id) return;
    if (stage.kind === 'lost') setLost({ deal, stage });
    else void move(deal, stage);
  }

  const ownerOf = (d: Deal) => {
    const e = d.owner_id ? employees.get(d.owner_id) : undefined;
    return d.owner_id ? { id: d.owner_id, name: e?.name ?? d.owner_name ?? `#${d.owner_id}`, photo: e?.photo_url ?? null } : null;
  };

  return (
    <>
      {total > deals.length && (
        <Text size="sm" c="dimmed" mb="xs">
          {t('sales.tooMany', { shown: deals.length, total })}
        </Text>
      )}
      <DndContext sensors={sensors} collisionDetection={collision} onDragStart={onDragStart} onDragEnd={onDragEnd} onDragCancel={() => setActive(null)}>
        <div className="kanban" data-testid="kanban">
          {stages.map((s) => {
            const st = stats.get(s.id) ?? { count: 0, amountKopecks: 0 };
            return (
              <Column key={s.id} stage={s} count={st.count} sum={formatMoney(st.amountKopecks, locale, true)} emptyText={t('sales.emptyColumn')} shown={shown[s.id] ?? COLUMN_PAGE} onMore={() => setShown((m) => ({ ...m, [s.id]: (m[s.id] ?? COLUMN_PAGE) + COLUMN_PAGE }))}>
                {(byStage.get(s.id) ?? []).map((d) => (
                  <DealTile key={d.id} deal={d} who={whoOf(d, clientNames)} owner={ownerOf(d)} today={today} now={now} closed={s.kind !== 'open'} onOpen={() => open('deal', d.id)} />
                ))}
              </Column>
            );
          })}
        </div>
        <DragOverlay dropAnimation={null}>{active && <DealTileBody deal={active} who={whoOf(active, clientNames)} owner={ownerOf(active)} today={today} now={now} closed={false} overlay />}</DragOverlay>
      </DndContext>
      <LostReasonModal
        target={lost}
        onCancel={() => setLost(null)}
        onConfirm={(reason) => {
          const l = lost!;
          setLost(null);
          void move(l.deal, l.stage, reason);
        }}
      />
    </>
  );
}

/** Cards rendered per column at first (a won column of a busy agency holds hundreds); count and sum cover all. */
const COLUMN_PAGE = 60;

function Column({ stage, count, sum, emptyText, shown, onMore, children }: { stage: PipelineStage; count: number; sum: string; emptyText: string; shown: number; onMore: () => void; children: React.ReactNode[] }) {
  const { t } = useLocale();
  const { setNodeRef, isOver } = useDroppable({ id: `stage-${stage.id}` });
  return (
    <section className="kanban-col" data-kind={stage.kind} data-over={isOver || undefined} data-testid="kanban-column" data-stage-id={stage.id} data-stage-name={stage.name}>
      <header className="kanban-head">
        <div className="kanban-title">
          <span title={stage.name}>{stage.name}</span>
          <span className="kanban-count" data-testid="column-count">
            {count}
          </span>
        </div>
        <div className="kanban-sum money" data-testid="column-sum">
          {sum}
        </div>
      </header>
      <div ref={setNodeRef} className="kanban-body">
        {children.length ? children.slice(0, shown) : <div className="kanban-empty">{emptyText}</div>}
        {children.length > shown && (
          <button type="button" className="kanban-more" onClick={onMore} data-testid="column-more">
            {t('common.more', { count: children.length - shown })}
          </button>
        )}
      </div>
    </section>
  );
}

interface Owner {
  id: number;
  name: string;
  photo: string | null;
}

const DealTile = memo(function DealTile({ deal, who, owner, today, now, closed, onOpen }: { deal: Deal; who: string | null; owner: Owner | null; today: string; now: Date; closed: boolean; onOpen: () => void }) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: deal.id });
  return (
    <div
      ref={setNodeRef}
      {...attributes}
      {...listeners}
      className="deal-tile"
      data-dragging={isDragging || undefined}
      data-testid="deal-tile"
      data-deal-id={deal.id}
      onClick={onOpen}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && !isDragging) onOpen();
        else listeners?.onKeyDown?.(e);
      }}
    >
      <DealTileBody deal={deal} who={who} owner={owner} today={today} now={now} closed={closed} />
    </div>
  );
});

function DealTileBody({ deal, who, owner, today, now, closed, overlay }: { deal: Deal; who: string | null; owner: Owner | null; today: string; now: Date; closed: boolean; overlay?: boolean }) {
  const { t, locale } = useLocale();
  const overdue = isOverdue(deal.next_step_on, today, closed);
  const days = daysInStage(deal.stage_entered_at, now);
  return (
    <div className={overlay ? 'deal-tile deal-overlay' : undefined}>
      <div className="deal-title">{deal.title}</div>
      {who && <div className="deal-who">{who}</div>}
      <div className="deal-row">
        <span className="deal-amount money">{deal.amount_kopecks ? formatMoney(deal.amount_kopecks, locale, true) : '—'}</span>
        {owner && (
          <span title={owner.name}>
            <MiniAvatar id={owner.id} name={owner.name} photoUrl={owner.photo} size={22} />
          </span>
        )}
      </div>
      <div className="deal-row deal-meta">
        <span className={overdue ? 'deal-next overdue' : 'deal-next'} title={deal.next_step ?? undefined} data-overdue={overdue || undefined}>
          {deal.next_step_on ? (
            <>
              <ClockIcon />
              {formatDate(deal.next_step_on, locale)}
            </>
          ) : ''}
        </span>
        <span className="deal-days" title={t('sales.daysInStage', { count: days })}>
          {t('sales.daysInStage', { count: days })}
        </span>
      </div>
    </div>
  );
}

export function LostReasonModal({ target, onCancel, onConfirm }: { target: { deal: Deal; stage: PipelineStage } | null; onCancel: () => void; onConfirm: (reason: string) => void }) {
  const { t } = useLocale();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    if (!reason.trim()) {
      setError(t('time.required'));
      return;
    }
    onConfirm(reason.trim());
    setReason('');
    setError(null);
  };
  return (
    <Modal opened={!!target} onClose={onCancel} title={t('sales.lostTitle')} zIndex={300} data-testid="lost-modal">
      <Stack>
        {target && (
          <Text size="sm" fw={500}>
            {target.deal.title}
          </Text>
        )}
        <Textarea
          label={t('sales.lostReason')}
          description={t('sales.lostHint')}
          required
          autosize
          minRows={3}
          value={reason}
          onChange={(e) => {
            setReason(e.currentTarget.value);
            setError(null);
          }}
          error={error}
          data-autofocus
          data-testid="lost-reason"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button color="red" onClick={submit} data-testid="lost-confirm">
            {target ? t('sales.lostConfirm', { stage: target.stage.name }) : ''}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function ClockIcon() {
  return (
    <svg className="deal-clock" width="12" height="12" viewBox="0 0 16 16" aria-hidden>
      <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <path d="M8 4.5V8l2.5 1.8" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
    </svg>
  );
}

/** The client's name where the deal names no company (the server does not embed it): one cached request per client. */
export function useClientNames(deals: Deal[]): Map<number, string> {
  const ids = useMemo(() => [...new Set(deals.filter((d) => d.client_id && !d.company && !d.client_name).map((d) => d.client_id!))].slice(0, 100), [deals]);
  const results = useQueries({
    queries: ids.map((id) => ({ queryKey: ['clients', id], queryFn: () => api.get<Client>(`/api/v1/clients/${id}`), staleTime: 5 * 60_000, retry: false })),
  });
  const names = new Map<number, string>();
  results.forEach((r, i) => r.data && names.set(ids[i], r.data.name));
  return names;
}

export function whoOf(d: Deal, names: Map<number, string>): string | null {
  return d.client_name || d.company || (d.client_id ? names.get(d.client_id) : undefined) || d.contact_name || null;
}
