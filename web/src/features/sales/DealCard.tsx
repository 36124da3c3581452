// The deal card in the side panel (?panel=deal:ID&tab=…): tabs Overview (fields edited in place, stage
// history with the time spent in each stage, comments), Brief, Estimate, Documents (features/briefs,
// estimates, documents); without a tab in the URL the deal's stage picks one (defaultDealTab).
import { useState, type ReactNode } from 'react';
import { ActionIcon, Anchor, Badge, Button, Group, Loader, Select, SimpleGrid, Stack, Tabs, Text, Textarea, TextInput, Timeline, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client';
import { fieldMessage } from '../../api/messages';
import { useDeal, useUpdateDeal } from '../../api/deals';
import { useEmployees } from '../../api/queries';
import type { Client, Deal, DealComment, PipelineStage } from '../../api/types';
import { useLocale } from '../../i18n';
import { formatDate, formatDateTime, formatMoney, formatPercent } from '../../lib/format';
import { usePanel } from '../../components/panel';
import { useSession, useUser } from '../../api/session';
import { QueryState } from '../../components/QueryState';
import { Muted, Section } from '../../components/CardParts';
import { PersonAvatar } from '../../components/PersonAvatar';
import { notifications } from '../../components/notify';
import { InlineDateEditor } from '../../components/InlineDate';
import { todayIso } from '../../lib/dates';
import { parseRubles } from '../../lib/money';
import { dealTabs, defaultDealTab, isOverdue, splitMinutes, stageDurations, type DealTab } from './board';
import { salesKeys, useDealComments, useDealHistory, usePipelines } from './api';
import { kindColor } from './DealList';
import { LostReasonModal } from './KanbanBoard';
import { ApplicationBox } from './ApplicationBox';
import { BriefsSection, useBriefs } from '../briefs';
import { EstimateSection, useEstimates } from '../estimates';
import { DocumentsSection, useDealDocuments } from '../documents';
import { TasksSection } from './TasksSection';
import './sales.css';

export default function DealCard({ id }: { id: number }) {
  const { t, locale } = useLocale();
  const deal = useDeal(id);
  const pipelines = usePipelines();
  const employees = useEmployees();
  const update = useUpdateDeal();
  const { open, tab: urlTab, setTab } = usePanel();
  const { can } = useSession();
  const d = deal.data;
  const client = useQuery({ queryKey: ['clients', d?.client_id ?? 0], queryFn: () => api.get<Client>(`/api/v1/clients/${d!.client_id}`), enabled: !!d?.client_id, staleTime: 5 * 60_000, retry: false });
  const pipeline = pipelines.data?.find((p) => p.id === d?.pipeline_id);
  const stage = pipeline?.stages.find((s) => s.id === d?.stage_id);
  const today = todayIso(new Date());
  const [losing, setLosing] = useState<PipelineStage | null>(null);
  const tabRoute: Record<DealTab, string> = { overview: '/api/v1/deals', brief: '/api/v1/briefs', estimate: '/api/v1/estimates', documents: '/api/v1/documents' };
  const available = dealTabs.filter((x) => can('GET', tabRoute[x]));
  const tab: DealTab = urlTab && (available as string[]).includes(urlTab) ? (urlTab as DealTab) : defaultDealTab(stage, available);
  // How many briefs, estimate revisions and documents the deal has, beside the tab names (the same
  // cached queries the tabs use; only for the tabs the role has).
  const briefCount = useBriefs(id, available.includes('brief')).data?.length;
  const estimateCount = useEstimates(id, available.includes('estimate')).data?.length;
  const docCount = useDealDocuments(id, available.includes('documents')).data?.length;
  const counts: Partial<Record<DealTab, number | undefined>> = { brief: briefCount, estimate: estimateCount, documents: docCount };
  const moveTo = (st: PipelineStage, lostReason?: string) =>
    void save(st.kind === 'lost' ? { stage_id: st.id, lost_reason: lostReason } : { stage_id: st.id })
      .then(() => notifications.show({ message: t('sales.moved', { stage: st.name }), color: 'green' }))
      .catch((e: Error) => notifications.show({ message: e.message, color: 'red' }));

  /** Saves one field; a thrown message is shown under the field (409 reloads the deal). */
  async function save(changes: Partial<Deal>) {
    if (!d) return;
    try {
      await update.mutateAsync({ deal: d, changes });
    } catch (e) {
      if (e instanceof ApiError) {
        if (e.status === 409) {
          void deal.refetch();
          throw new Error(t('common.conflict'));
        }
        const f = Object.values(e.fields)[0];
        throw new Error(f ? fieldMessage(f, t, locale) : e.message);
      }
      throw e;
    }
  }

  const owners = (employees.data ?? []).filter((e) => !e.archived_at && e.role !== 'client').map((e) => ({ value: String(e.id), label: e.name }));
  const owner = d?.owner_id ? employees.data?.find((e) => e.id === d.owner_id) : undefined;

  return (
    <QueryState isLoading={deal.isLoading} error={deal.error} refetch={deal.refetch}>
      {d && (
        <div data-testid="deal-card-panel">
          <InlineText value={d.title} onSave={(v) => save({ title: v })} required testId="deal-title" display={<Title order={3}>{d.title}</Title>} />
          <Group gap="xs" mt={4}>
            {stage && (
              <Badge color={kindColor[stage.kind]} variant="light" style={{ textTransform: 'none' }} data-testid="deal-stage">
                {stage.name}
              </Badge>
            )}
            {pipeline && <Muted>{pipeline.name}</Muted>}
            {d.client_id && (
              <Anchor size="sm" onClick={() => open('client', d.client_id!)} title={t('deal.openClient')} data-testid="deal-client">
                {client.data?.name ?? d.client_name ?? `${t('deal.client')} #${d.client_id}`}
              </Anchor>
            )}
          </Group>
          {d.lost_reason && stage?.kind === 'lost' && (
            <Text size="sm" c="red" mt={6} data-testid="deal-lost-reason">
              {t('deal.lostReason')}: {d.lost_reason}
            </Text>
          )}
          <ApplicationBox dealId={d.id} applicationId={d.application_id ?? null} />

          {pipelines.isLoading && !urlTab ? (
            <Loader size="sm" mt="md" />
          ) : (
            <Tabs value={tab} onChange={(v) => v && setTab(v)} mt="md" keepMounted={false} data-testid="deal-tabs" data-tab={tab}>
              <Tabs.List>
                {available.map((x) => (
                  <Tabs.Tab key={x} value={x} data-testid={`deal-tab-${x}`} rightSection={counts[x] ? <Badge size="xs" variant="light" color="gray" circle data-testid="deal-tab-count">{counts[x]}</Badge> : undefined}>
                    {t(`deal.tabs.${x}`)}
                  </Tabs.Tab>
                ))}
              </Tabs.List>
              <Tabs.Panel value="overview">
                  <Section title={t('deal.fields')}>
                    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing={8}>
                      <Labelled label={t('deal.amount')}>
                        <InlineText
                          value={d.amount_kopecks ? String(d.amount_kopecks / 100) : ''}
                          display={d.amount_kopecks ? <span className="money">{formatMoney(d.amount_kopecks, locale)}</span> : null}
                          testId="deal-amount"
                          onSave={async (v) => {
                            const k = parseRubles(v);
                            if (k !== null && Number.isNaN(k)) throw new Error(t('deal.invalidAmount'));
                            await save({ amount_kopecks: k });
                          }}
                        />
                      </Labelled>
                      <Labelled label={t('deal.probability')}>
                        <InlineText
                          value={d.probability_percent === null ? '' : String(d.probability_percent)}
                          display={d.probability_percent === null ? null : formatPercent(d.probability_percent, locale, false)}
                          testId="deal-probability"
                          onSave={async (v) => {
                            const n = v.trim() === '' ? null : Number(v);
                            if (n !== null && (!Number.isInteger(n) || n < 0 || n > 100)) throw new Error(t('deal.invalidProbability'));
                            await save({ probability_percent: n });
                          }}
                        />
                      </Labelled>
                      <Labelled label={t('deal.nextStep')}>
                        <InlineText value={d.next_step ?? ''} testId="deal-next-step" onSave={(v) => save({ next_step: v || null })} />
                      </Labelled>
                      <Labelled label={t('deal.nextStepOn')}>
                        <InlineDate
                          value={d.next_step_on}
                          testId="deal-next-step-on"
                          today={today}
                          display={d.next_step_on ? <span style={{ color: isOverdue(d.next_step_on, today, stage ? stage.kind !== 'open' : false) ? 'var(--mantine-color-red-7)' : undefined }}>{formatDate(d.next_step_on, locale)}</span> : null}
                          onSave={(v) => save({ next_step_on: v })}
                        />
                      </Labelled>
                      <Labelled label={t('deal.owner')}>
                        <Select
                          data={owners}
                          value={d.owner_id ? String(d.owner_id) : null}
                          onChange={(v) => void save({ owner_id: v ? Number(v) : null }).catch((e: Error) => notifications.show({ message: e.message, color: 'red' }))}
                          searchable
                          size="xs"
                          variant="filled"
                          leftSection={owner ? <PersonAvatar id={owner.id} name={owner.name} photoUrl={owner.photo_url} size={18} /> : undefined}
                          placeholder={d.owner_name ?? '—'}
                          comboboxProps={{ zIndex: 400 }}
                          data-testid="deal-owner"
                          allowDeselect={false}
                        />
                      </Labelled>
                      <Labelled label={t('deal.stage')}>
                        <Select
                          data={(pipeline?.stages ?? []).map((st) => ({ value: String(st.id), label: st.name }))}
                          value={String(d.stage_id)}
                          onChange={(v) => {
                            const st = pipeline?.stages.find((x) => String(x.id) === v);
                            if (!st || st.id === d.stage_id) return;
                            if (st.kind === 'lost') setLosing(st);
                            else moveTo(st);
                          }}
                          size="xs"
                          variant="filled"
                          allowDeselect={false}
                          comboboxProps={{ zIndex: 400 }}
                          data-testid="deal-stage-select"
                        />
                      </Labelled>
                      <Labelled label={t('deal.source')}>
                        <Text size="sm">{d.source ? t(`sales.sources.${d.source}`) : '—'}</Text>
                      </Labelled>
                    </SimpleGrid>
                  </Section>

                  <Section title={t('deal.contactData')}>
                    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing={8}>
                      <Labelled label={t('deal.company')}>
                        <InlineText value={d.company ?? ''} testId="deal-company" onSave={(v) => save({ company: v || null })} />
                      </Labelled>
                      <Labelled label={t('deal.contact')}>
                        <InlineText value={d.contact_name ?? ''} testId="deal-contact" onSave={(v) => save({ contact_name: v || null })} />
                      </Labelled>
                      <Labelled label={t('deal.phone')}>
                        <InlineText value={d.phone ?? ''} type="tel" testId="deal-phone" onSave={(v) => save({ phone: v || null })} />
                      </Labelled>
                      <Labelled label={t('deal.email')}>
                        <InlineText value={d.email ?? ''} type="email" testId="deal-email" onSave={(v) => save({ email: v || null })} />
                      </Labelled>
                      <Labelled label={t('deal.inn')}>
                        <InlineText value={d.inn ?? ''} testId="deal-inn" onSave={(v) => save({ inn: v || null })} />
                      </Labelled>
                      <Labelled label={t('deal.created')}>
                        <Text size="sm">{formatDateTime(d.created_at, locale)}</Text>
                      </Labelled>
                    </SimpleGrid>
                  </Section>

                  <TasksSection dealId={d.id} />
                  <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
                    <History id={d.id} stageName={(sid) => pipeline?.stages.find((s) => s.id === sid)?.name ?? t('deal.unknownStage', { id: sid })} />
                    <Comments id={d.id} />
                  </SimpleGrid>
              </Tabs.Panel>
              <Tabs.Panel value="brief">
                <BriefsSection dealId={d.id} />
              </Tabs.Panel>
              <Tabs.Panel value="estimate">
                <EstimateSection dealId={d.id} />
              </Tabs.Panel>
              <Tabs.Panel value="documents">
                <DocumentsSection dealId={d.id} />
              </Tabs.Panel>
            </Tabs>
          )}
          <LostReasonModal
            target={losing ? { deal: d, stage: losing } : null}
            onCancel={() => setLosing(null)}
            onConfirm={(reason) => {
              const st = losing!;
              setLosing(null);
              moveTo(st, reason);
            }}
          />
        </div>
      )}
    </QueryState>
  );
}

function Labelled({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div style={{ minWidth: 0 }}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      {children}
    </div>
  );
}

/** A date shown formatted; a click opens the shared date field (InlineDateEditor): Enter, leaving or a
 * pick saves (a past date after a yes), Esc cancels the edit only. */
function InlineDate({ value, display, onSave, testId, today }: { value: string | null; display: ReactNode; onSave: (v: string | null) => Promise<void>; testId: string; today: string }) {
  const { t } = useLocale();
  const [editing, setEditing] = useState(false);
  if (!editing)
    return (
      <button type="button" className="inline-edit" title={t('deal.clickToEdit')} data-testid={testId} onClick={() => setEditing(true)}>
        {display ?? <span className="inline-empty">—</span>}
        <EditMark />
      </button>
    );
  return <InlineDateEditor value={value} onSave={onSave} onDone={() => setEditing(false)} testId={`${testId}-input`} today={today} w={190} />;
}

/** The pencil beside an editable value: the field says it can be edited before it is hovered. */
function EditMark() {
  return (
    <svg className="inline-edit-mark" width="12" height="12" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden>
      <path d="M12 20h9" />
      <path d="M16.5 3.5a2.1 2.1 0 0 1 3 3L7 19l-4 1 1-4Z" />
    </svg>
  );
}

/** Text shown as is; a click turns it into an input; Enter or leaving the field saves, Esc cancels the
 * edit only (the input stops Mantine's window-level Esc, so the panel stays open; a second Esc closes it). */
function InlineText({ value, display, onSave, type = 'text', required, testId }: { value: string; display?: ReactNode; onSave: (v: string) => Promise<void>; type?: string; required?: boolean; testId: string }) {
  const { t } = useLocale();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(value);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const commit = async () => {
    if (busy) return;
    if (draft.trim() === value.trim()) {
      setEditing(false);
      setError(null);
      return;
    }
    if (required && !draft.trim()) {
      setError(t('time.required'));
      return;
    }
    setBusy(true);
    try {
      await onSave(draft.trim());
      setEditing(false);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  if (!editing)
    return (
      <button
        type="button"
        className="inline-edit"
        title={t('deal.clickToEdit')}
        data-testid={testId}
        onClick={() => {
          setDraft(value);
          setEditing(true);
        }}
      >
        {display !== undefined && display !== null ? display : value || <span className="inline-empty">—</span>}
        <EditMark />
      </button>
    );
  return (
    <TextInput
      size="xs"
      type={type}
      autoFocus
      value={draft}
      onChange={(e) => setDraft(e.currentTarget.value)}
      onBlur={() => void commit()}
      onKeyDown={(e) => {
        if (e.key === 'Enter') void commit();
        if (e.key === 'Escape') {
          e.stopPropagation();
          setEditing(false);
          setError(null);
        }
      }}
      data-mantine-stop-propagation="true"
      error={error}
      rightSection={busy ? <Loader size={12} /> : undefined}
      data-testid={`${testId}-input`}
    />
  );
}

function History({ id, stageName }: { id: number; stageName: (id: number) => string }) {
  const { t, locale } = useLocale();
  const history = useDealHistory(id);
  const items = history.data ? stageDurations(history.data, new Date()) : [];
  const duration = (m: number) => {
    const s = splitMinutes(m);
    return s.days > 0 ? t('deal.duration', { days: s.days, hours: s.hours }) : t('deal.durationShort', { hours: s.hours, minutes: s.minutes });
  };
  return (
    <Section title={t('deal.history')}>
      <QueryState isLoading={history.isLoading} error={history.error} refetch={history.refetch}>
        {items.length === 0 ? (
          <Muted>{t('deal.noHistory')}</Muted>
        ) : (
          <Timeline active={items.length - 1} bulletSize={14} lineWidth={2} data-testid="deal-history" mt={-8} styles={{ item: { marginTop: 14 } }}>
            {items.map(({ item, minutes, current }, i) => (
              <Timeline.Item
                key={i}
                title={
                  <Text size="sm" fw={500}>
                    {item.from_stage_id === null ? t('deal.created_', { stage: stageName(item.to_stage_id) }) : t('deal.moved', { from: stageName(item.from_stage_id), to: stageName(item.to_stage_id) })}
                  </Text>
                }
              >
                <Text size="xs" c="dimmed">
                  {formatDateTime(item.at, locale)}
                  {item.user_name ? ` · ${item.user_name}` : ''}
                </Text>
                <Text size="xs" c={current ? 'blue' : undefined}>
                  {t('deal.inStage', { time: duration(minutes) })}
                  {current ? ` (${t('deal.now')})` : ''}
                </Text>
              </Timeline.Item>
            ))}
          </Timeline>
        )}
      </QueryState>
    </Section>
  );
}

function Comments({ id }: { id: number }) {
  const { t } = useLocale();
  const qc = useQueryClient();
  const comments = useDealComments(id);
  const employees = useEmployees();
  const [body, setBody] = useState('');
  const add = useMutation({
    mutationFn: (text: string) => api.post<DealComment>('/api/v1/deal-comments', { deal_id: id, body: text }),
    onSuccess: (c) => {
      qc.setQueryData<DealComment[]>(salesKeys.comments(id), (old) => [...(old ?? []), c]);
      void qc.invalidateQueries({ queryKey: salesKeys.comments(id) });
      setBody('');
    },
    onError: (e) => notifications.show({ message: e instanceof ApiError ? (Object.values(e.fields)[0] ?? e.message) : t('common.serverError'), color: 'red' }),
  });
  const list = comments.data ?? [];
  return (
    <Section title={t('deal.comments')}>
      <QueryState isLoading={comments.isLoading} error={comments.error} refetch={comments.refetch}>
        <Stack gap={8} data-testid="deal-comments">
          {list.length === 0 && <Muted>{t('deal.noComments')}</Muted>}
          {list.map((c) => {
            const author = employees.data?.find((e) => e.id === c.author_id);
            const name = author?.name ?? c.author_name ?? (c.author_id ? `#${c.author_id}` : t('deal.systemAuthor'));
            return <CommentItem key={c.id} comment={c} dealId={id} name={name} photoUrl={author?.photo_url ?? null} />;
          })}
        </Stack>
      </QueryState>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (body.trim()) add.mutate(body.trim());
        }}
      >
        <Stack gap={6} mt="xs">
          <Textarea
            placeholder={t('deal.commentPlaceholder')}
            autosize
            minRows={2}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && body.trim()) add.mutate(body.trim());
            }}
            data-testid="comment-input"
          />
          <Group justify="flex-end">
            <Button type="submit" size="xs" loading={add.isPending} disabled={!body.trim()} data-testid="comment-send">
              {t('deal.send')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

/**
 * One comment; its author may edit it (PATCH with the version) or delete it (DELETE, after a second
 * click). Others' comments have no controls; a 403 or 409 from the server says why and reloads.
 */
function CommentItem({ comment: c, dealId, name, photoUrl }: { comment: DealComment; dealId: number; name: string; photoUrl: string | null }) {
  const { t, locale } = useLocale();
  const qc = useQueryClient();
  const user = useUser();
  const { can } = useSession();
  const mine = c.author_id !== null && c.author_id === user.id;
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(c.body);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reload = () => qc.invalidateQueries({ queryKey: salesKeys.comments(dealId) });
  const failure = (e: unknown) => {
    if (e instanceof ApiError) {
      if (e.status === 409) return t('deal.commentConflict');
      if (e.status === 403) return t('deal.commentForbidden');
      if (e.status === 404) return t('deal.commentGone');
      const f = Object.values(e.fields)[0];
      return f ?? e.message;
    }
    return t('common.serverError');
  };
  async function saveEdit() {
    const text = draft.trim();
    if (!text) return setError(t('time.required'));
    if (text === c.body) return setEditing(false);
    setBusy(true);
    try {
      const saved = await api.patch<DealComment>(`/api/v1/deal-comments/${c.id}`, { body: text, version: c.version });
      qc.setQueryData<DealComment[]>(salesKeys.comments(dealId), (old) => old?.map((x) => (x.id === saved.id ? saved : x)));
      setEditing(false);
      setError(null);
    } catch (e) {
      setError(failure(e));
      if (e instanceof ApiError && [403, 404, 409].includes(e.status)) void reload();
    } finally {
      setBusy(false);
    }
  }
  async function remove() {
    setBusy(true);
    try {
      await api.del(`/api/v1/deal-comments/${c.id}`);
      qc.setQueryData<DealComment[]>(salesKeys.comments(dealId), (old) => old?.filter((x) => x.id !== c.id));
      notifications.show({ message: t('deal.commentDeleted'), color: 'green' });
    } catch (e) {
      notifications.show({ message: failure(e), color: 'red' });
      setConfirming(false);
      void reload();
    } finally {
      setBusy(false);
    }
  }
  const edited = c.version > 1;
  return (
    <div className="deal-comment" data-testid="deal-comment" data-comment-id={c.id} data-mine={mine ? '1' : '0'}>
      {/* On a narrow panel "Edit / Delete" go to the next line instead of squeezing the author's name. */}
      <Group gap={6} wrap="wrap" justify="space-between" style={{ rowGap: 0 }}>
        <Group gap={6} wrap="nowrap" style={{ minWidth: 0, flex: '1 1 auto' }}>
          <PersonAvatar id={c.author_id ?? 0} name={name || '?'} photoUrl={photoUrl} size={20} />
          <Text size="xs" fw={500} truncate>
            {name}
          </Text>
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {formatDateTime(c.created_at, locale)}
            {edited ? ` · ${t('deal.commentEdited')}` : ''}
          </Text>
        </Group>
        {mine && !editing && (
          <Group gap={2} wrap="nowrap" className="deal-comment-actions" ml="auto">
            {confirming ? (
              <>
                <Button size="compact-xs" color="red" variant="light" loading={busy} onClick={() => void remove()} data-testid="comment-delete-confirm">
                  {t('deal.commentDeleteConfirm')}
                </Button>
                <Button size="compact-xs" variant="subtle" color="gray" onClick={() => setConfirming(false)}>
                  {t('common.cancel')}
                </Button>
              </>
            ) : (
              <>
                {can('PATCH', '/api/v1/deal-comments/{id}') && (
                  <ActionIcon
                    size="sm"
                    variant="subtle"
                    aria-label={t('common.edit')}
                    title={t('common.edit')}
                    onClick={() => {
                      setDraft(c.body);
                      setError(null);
                      setEditing(true);
                    }}
                    data-testid="comment-edit"
                  >
                    <svg width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden>
                      <path d="M12 20h9" />
                      <path d="M16.5 3.5a2.1 2.1 0 0 1 3 3L7 19l-4 1 1-4Z" />
                    </svg>
                  </ActionIcon>
                )}
                {can('DELETE', '/api/v1/deal-comments/{id}') && (
                  <ActionIcon size="sm" variant="subtle" color="red" aria-label={t('common.delete')} title={t('common.delete')} onClick={() => setConfirming(true)} data-testid="comment-delete">
                    <svg width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden>
                      <path d="M3 6h18" />
                      <path d="M8 6V4h8v2" />
                      <path d="M19 6l-1 14H6L5 6" />
                    </svg>
                  </ActionIcon>
                )}
              </>
            )}
          </Group>
        )}
      </Group>
      {editing ? (
        <Stack gap={4} mt={4}>
          <Textarea
            autosize
            minRows={2}
            autoFocus
            value={draft}
            onChange={(e) => setDraft(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void saveEdit();
              if (e.key === 'Escape') {
                e.stopPropagation();
                setEditing(false);
                setError(null);
              }
            }}
            error={error}
            data-mantine-stop-propagation="true"
            data-testid="comment-edit-input"
          />
          <Group justify="flex-end" gap={4}>
            <Button size="compact-xs" variant="subtle" color="gray" onClick={() => { setEditing(false); setError(null); }} data-testid="comment-cancel">
              {t('common.cancel')}
            </Button>
            <Button size="compact-xs" loading={busy} onClick={() => void saveEdit()} data-testid="comment-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Text size="sm" mt={2} style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }} data-testid="comment-body">
          {c.body}
        </Text>
      )}
    </div>
  );
}
