// Tasks of a deal (/api/v1/deal-tasks, docs/paperwork.md "Deal tasks"): open ones by due date (overdue
// in red), done ones collapsed and struck through; add (title, due date, assignee — me by default), tick
// done/undone (optimistic, rolled back on an error or 409), title and due date edited in place, delete.
// Also the "Tasks" column of the Today screen.
import { useState, type ReactNode } from 'react';
import { ActionIcon, Badge, Button, Checkbox, Collapse, Group, Paper, Select, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, orNull } from '../../api/client';
import { fieldMessage } from '../../api/messages';
import { useAgencySettings, useEmployees } from '../../api/queries';
import { usePanel } from '../../components/panel';
import { useSession, useUser } from '../../api/session';
import { Muted, Section } from '../../components/CardParts';
import { QueryState } from '../../components/QueryState';
import { notifications } from '../../components/notify';
import { DateField } from '../../components/DateField';
import { InlineDateEditor } from '../../components/InlineDate';
import { useLocale } from '../../i18n';
import { formatDate } from '../../lib/format';
import { agencyToday } from '../../lib/dates';
import { commitTask, groupTasks, isTaskOverdue, rollbackTask, taskCounts, tickTask, titleProblem, type DealTask, type TodayTask } from './tasks';

export const taskKeys = { deal: (dealId: number) => ['deal-tasks', dealId] as const };

export function useDealTasks(dealId: number) {
  return useQuery({
    queryKey: taskKeys.deal(dealId),
    queryFn: () => orNull(api.list<DealTask>('/api/v1/deal-tasks', { deal_id: dealId, limit: 500 }).then((r) => r.items)),
  });
}

/** The agency's today (its time zone when the role may read the settings, else the browser's). */
function useToday(): string {
  const settings = useAgencySettings();
  return agencyToday(new Date(), settings.data?.timezone_offset_minutes);
}

/** Nothing for a role that may not list deal tasks (permissions from /auth/me). */
export function TasksSection(props: { dealId: number }) {
  const { can } = useSession();
  return can('GET', '/api/v1/deal-tasks') ? <TasksSectionInner {...props} /> : null;
}

function TasksSectionInner({ dealId }: { dealId: number }) {
  const { t } = useLocale();
  const { can } = useSession();
  const tasks = useDealTasks(dealId);
  const today = useToday();
  const [showDone, setShowDone] = useState(false);
  const list = tasks.data ?? [];
  const { open, done } = groupTasks(list);
  const counts = taskCounts(list, today);
  return (
    <Section
      title={t('tasks.title')}
      right={
        counts.open > 0 ? (
          <Group gap={4}>
            <Badge variant="light" data-testid="tasks-open-count">
              {counts.open}
            </Badge>
            {counts.overdue > 0 && (
              <Badge color="red" variant="light" style={{ textTransform: 'none' }} data-testid="tasks-overdue-count">
                {t('tasks.overdueCount', { count: counts.overdue })}
              </Badge>
            )}
          </Group>
        ) : undefined
      }
    >
      <QueryState isLoading={tasks.isLoading} error={tasks.error} refetch={tasks.refetch}>
        {tasks.data === null ? (
          <Muted>{t('common.notAvailableYet')}</Muted>
        ) : (
          <Stack gap={4} data-testid="deal-tasks">
            {open.length === 0 && <Muted>{done.length ? t('tasks.allDone') : t('tasks.none')}</Muted>}
            {open.map((x) => (
              <TaskRow key={x.id} task={x} dealId={dealId} today={today} />
            ))}
            {done.length > 0 && (
              <>
                <UnstyledButton onClick={() => setShowDone((v) => !v)} data-testid="tasks-done-toggle" aria-expanded={showDone}>
                  <Text size="xs" c="dimmed">
                    {showDone ? '▾' : '▸'} {t('tasks.doneCount', { count: done.length })}
                  </Text>
                </UnstyledButton>
                <Collapse expanded={showDone}>
                  <Stack gap={4} data-testid="tasks-done">
                    {done.map((x) => (
                      <TaskRow key={x.id} task={x} dealId={dealId} today={today} />
                    ))}
                  </Stack>
                </Collapse>
              </>
            )}
            {can('POST', '/api/v1/deal-tasks') && <AddTask dealId={dealId} />}
          </Stack>
        )}
      </QueryState>
    </Section>
  );
}

/** The text of a failed task write and whether the list should be reloaded. */
function useTaskFailure() {
  const { t, locale } = useLocale();
  return (e: unknown): { message: string; reload: boolean; fields: Record<string, string> } => {
    if (e instanceof ApiError) {
      if (e.status === 409) return { message: t('tasks.conflict'), reload: true, fields: {} };
      if (e.status === 404) return { message: t('tasks.gone'), reload: true, fields: {} };
      if (e.status === 403) return { message: t('common.forbidden'), reload: true, fields: {} };
      const fields = Object.fromEntries(Object.entries(e.fields).map(([k, v]) => [k, fieldMessage(v, t, locale)]));
      const first = Object.entries(fields)[0];
      return { message: first ? `${t(`tasks.fields.${first[0]}`, { defaultValue: first[0] })}: ${first[1]}` : e.message, reload: false, fields };
    }
    return { message: t('common.serverError'), reload: false, fields: {} };
  };
}

function TaskRow({ task: x, dealId, today }: { task: DealTask; dealId: number; today: string }) {
  const { t, locale } = useLocale();
  const { can } = useSession();
  const qc = useQueryClient();
  const employees = useEmployees();
  const failure = useTaskFailure();
  const key = taskKeys.deal(dealId);
  const canEdit = can('PATCH', '/api/v1/deal-tasks/{id}');
  const canDelete = can('DELETE', '/api/v1/deal-tasks/{id}');
  const [editing, setEditing] = useState<'title' | 'due_on' | null>(null);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [ticking, setTicking] = useState(false);
  const overdue = isTaskOverdue(x, today);
  const assignee = employees.data?.find((e) => e.id === x.assignee_id);
  const afterChange = () => void qc.invalidateQueries({ queryKey: ['sales-today'] });

  async function tick(done: boolean) {
    setTicking(true);
    await qc.cancelQueries({ queryKey: key });
    let previous: DealTask | null = null;
    qc.setQueryData<DealTask[] | null>(key, (old) => {
      if (!old) return old;
      const r = tickTask(old, x.id, done, new Date());
      previous = r.previous;
      return r.tasks;
    });
    try {
      const saved = await api.patch<DealTask>(`/api/v1/deal-tasks/${x.id}`, { done, version: x.version });
      qc.setQueryData<DealTask[] | null>(key, (old) => (old ? commitTask(old, saved) : old));
      afterChange();
    } catch (e) {
      if (previous) {
        const p: DealTask = previous;
        qc.setQueryData<DealTask[] | null>(key, (old) => (old ? rollbackTask(old, p) : old));
      }
      const f = failure(e);
      notifications.show({ message: f.message, color: 'red' });
      if (f.reload) void qc.invalidateQueries({ queryKey: key });
    } finally {
      setTicking(false);
    }
  }

  async function saveField() {
    const field = editing!;
    const value = draft.trim();
    if (field === 'title') {
      const problem = titleProblem(value);
      if (problem) return setError(t(`tasks.${problem}`));
      if (value === x.title) return setEditing(null);
    } else if ((value || null) === x.due_on) return setEditing(null);
    setBusy(true);
    try {
      const saved = await api.patch<DealTask>(`/api/v1/deal-tasks/${x.id}`, { [field]: field === 'title' ? value : value || null, version: x.version });
      qc.setQueryData<DealTask[] | null>(key, (old) => (old ? commitTask(old, saved) : old));
      setEditing(null);
      setError(null);
      afterChange();
    } catch (e) {
      const f = failure(e);
      setError(f.fields[field] ?? f.message);
      if (f.reload) void qc.invalidateQueries({ queryKey: key });
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    setBusy(true);
    try {
      await api.del(`/api/v1/deal-tasks/${x.id}`);
      qc.setQueryData<DealTask[] | null>(key, (old) => (old ? old.filter((y) => y.id !== x.id) : old));
      afterChange();
    } catch (e) {
      const f = failure(e);
      notifications.show({ message: f.message, color: 'red' });
      if (f.reload) void qc.invalidateQueries({ queryKey: key });
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  }

  const startEdit = (field: 'title' | 'due_on') => {
    if (!canEdit) return;
    setDraft(field === 'title' ? x.title : (x.due_on ?? ''));
    setError(null);
    setEditing(field);
  };
  async function saveDue(iso: string | null) {
    try {
      const saved = await api.patch<DealTask>(`/api/v1/deal-tasks/${x.id}`, { due_on: iso, version: x.version });
      qc.setQueryData<DealTask[] | null>(key, (old) => (old ? commitTask(old, saved) : old));
      afterChange();
    } catch (e) {
      const f = failure(e);
      if (f.reload) void qc.invalidateQueries({ queryKey: key });
      throw new Error(f.fields.due_on ?? f.message);
    }
  }
  const editor = (field: 'title' | 'due_on') =>
    field === 'due_on' ? (
      <InlineDateEditor value={x.due_on} onSave={saveDue} onDone={() => setEditing(null)} testId="task-due-input" today={today} ariaLabel={t('tasks.fields.due_on')} w={170} />
    ) : (
    <TextInput
      size="xs"
      type="text"
      autoFocus
      value={draft}
      onChange={(e) => setDraft(e.currentTarget.value)}
      onBlur={() => void saveField()}
      onKeyDown={(e) => {
        if (e.key === 'Enter') void saveField();
        if (e.key === 'Escape') {
          e.stopPropagation();
          setEditing(null);
          setError(null);
        }
      }}
      error={error}
      disabled={busy}
      maxLength={400}
      style={{ flex: 1, minWidth: 0 }}
      aria-label={t(`tasks.fields.${field}`)}
      data-mantine-stop-propagation="true"
      data-testid="task-title-input"
    />
  );

  return (
    <Paper
      withBorder
      radius="sm"
      px="xs"
      py={4}
      data-testid="task-item"
      data-task-id={x.id}
      data-done={x.done ? '1' : '0'}
      data-overdue={overdue ? '1' : '0'}
      style={overdue ? { borderColor: 'var(--mantine-color-red-4)' } : undefined}
    >
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Checkbox
          mt={3}
          size="xs"
          checked={x.done}
          disabled={!canEdit || ticking}
          onChange={(e) => void tick(e.currentTarget.checked)}
          aria-label={x.done ? t('tasks.markOpen') : t('tasks.markDone')}
          title={x.done ? t('tasks.markOpen') : t('tasks.markDone')}
          data-testid="task-done"
        />
        <div style={{ flex: 1, minWidth: 0 }}>
          {editing === 'title' ? (
            editor('title')
          ) : (
            <Text
              size="sm"
              onClick={() => startEdit('title')}
              title={canEdit ? t('deal.clickToEdit') : undefined}
              td={x.done ? 'line-through' : undefined}
              c={x.done ? 'dimmed' : undefined}
              className={canEdit ? 'task-editable' : undefined}
              style={{ cursor: canEdit ? 'text' : undefined, wordBreak: 'break-word' }}
              data-testid="task-title"
            >
              {x.title}
            </Text>
          )}
          <Group gap={6} wrap="wrap">
            {editing === 'due_on' ? (
              editor('due_on')
            ) : (
              <Text
                size="xs"
                c={overdue ? 'red' : 'dimmed'}
                fw={overdue ? 600 : undefined}
                onClick={() => startEdit('due_on')}
                title={canEdit ? t('deal.clickToEdit') : undefined}
                className={canEdit ? 'task-editable' : undefined}
                style={{ cursor: canEdit ? 'pointer' : undefined }}
                data-testid="task-due"
              >
                {x.due_on ? formatDate(x.due_on, locale) : t('tasks.noDue')}
                {overdue ? ` · ${t('tasks.overdue')}` : ''}
              </Text>
            )}
            <Text size="xs" c="dimmed" data-testid="task-assignee">
              {assignee?.name ?? (x.assignee_id ? `#${x.assignee_id}` : '')}
            </Text>
          </Group>
        </div>
        {canDelete &&
          (confirming ? (
            <Group gap={2} wrap="nowrap">
              <Button size="compact-xs" color="red" variant="light" loading={busy} onClick={() => void remove()} data-testid="task-delete-confirm">
                {t('tasks.deleteConfirm')}
              </Button>
              <Button size="compact-xs" variant="subtle" color="gray" onClick={() => setConfirming(false)}>
                {t('common.cancel')}
              </Button>
            </Group>
          ) : (
            <ActionIcon size="sm" variant="subtle" color="gray" onClick={() => setConfirming(true)} aria-label={t('common.delete')} title={t('common.delete')} data-testid="task-delete">
              ×
            </ActionIcon>
          ))}
      </Group>
    </Paper>
  );
}

function AddTask({ dealId }: { dealId: number }) {
  const { t, locale } = useLocale();
  const todayHere = useToday();
  const qc = useQueryClient();
  const me = useUser();
  const employees = useEmployees();
  const failure = useTaskFailure();
  const [title, setTitle] = useState('');
  const [due, setDue] = useState('');
  const [dueInvalid, setDueInvalid] = useState(false);
  const [assignee, setAssignee] = useState<string | null>(String(me.id));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const people = (employees.data ?? [])
    .filter((e) => !e.archived_at && e.role !== 'client')
    .map((e) => ({ value: String(e.id), label: e.id === me.id ? `${e.name} (${t('tasks.me')})` : e.name }));
  if (!people.some((p) => p.value === String(me.id))) people.unshift({ value: String(me.id), label: `${me.name} (${t('tasks.me')})` });

  async function submit() {
    const problem = titleProblem(title);
    if (problem) return setErrors({ title: t(`tasks.${problem}`) });
    if (dueInvalid) return;
    if (due && due < todayHere && !window.confirm(t('dates.pastConfirm', { date: formatDate(due, locale) }))) return;
    setBusy(true);
    try {
      const saved = await api.post<DealTask>('/api/v1/deal-tasks', { deal_id: dealId, title: title.trim(), due_on: due || null, assignee_id: assignee ? Number(assignee) : me.id });
      qc.setQueryData<DealTask[] | null>(taskKeys.deal(dealId), (old) => (old ? commitTask(old, saved) : old));
      void qc.invalidateQueries({ queryKey: taskKeys.deal(dealId) });
      void qc.invalidateQueries({ queryKey: ['sales-today'] });
      setTitle('');
      setDue('');
      setAssignee(String(me.id));
      setErrors({});
    } catch (e) {
      const f = failure(e);
      if (Object.keys(f.fields).length) setErrors(f.fields);
      else notifications.show({ message: f.message, color: 'red' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      data-testid="task-add"
    >
      <Group gap="xs" align="flex-start" mt={4} wrap="wrap">
        <TextInput
          size="xs"
          placeholder={t('tasks.placeholder')}
          aria-label={t('tasks.fields.title')}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={errors.title}
          style={{ flex: '1 1 220px', minWidth: 0 }}
          data-testid="task-new-title"
        />
        <DateField
          size="xs"
          aria-label={t('tasks.fields.due_on')}
          title={t('tasks.fields.due_on')}
          value={due || null}
          onChange={(v) => setDue(v ?? '')}
          onInvalidChange={setDueInvalid}
          yearsAround={5}
          error={errors.due_on}
          w={160}
          testId="task-new-due"
        />
        <Select
          size="xs"
          aria-label={t('tasks.fields.assignee_id')}
          placeholder={t('tasks.fields.assignee_id')}
          data={people}
          value={assignee}
          onChange={setAssignee}
          searchable
          allowDeselect={false}
          comboboxProps={{ zIndex: 400 }}
          error={errors.assignee_id}
          w={200}
          data-testid="task-new-assignee"
        />
        <Button size="xs" type="submit" loading={busy} disabled={!title.trim()} data-testid="task-new-submit">
          {t('tasks.add')}
        </Button>
      </Group>
      {errors.deal_id && (
        <Text size="xs" c="red" mt={2}>
          {errors.deal_id}
        </Text>
      )}
    </form>
  );
}

/** The Today screen's "Tasks" column: `tasks` of GET /api/v1/sales/today (nothing on an older server). */
export function TodayTasksColumn({ today }: { today: object }) {
  const { t, locale } = useLocale();
  const { open } = usePanel();
  const tasks = (today as { tasks?: TodayTask[] }).tasks;
  if (!tasks) return null;
  return (
    <Paper withBorder radius="md" p="sm" style={{ borderTop: '3px solid var(--mantine-color-orange-6)' }} data-testid="today-tasks">
      <Group justify="space-between" mb="xs" wrap="nowrap" gap="xs">
        <Text fw={600} size="sm" truncate title={t('tasks.todayTitle')}>
          {t('tasks.todayTitle')}
        </Text>
        <Badge color="orange" variant="light" style={{ flexShrink: 0 }}>
          {tasks.length}
        </Badge>
      </Group>
      <Stack gap={6}>
        {tasks.length === 0 ? (
          <Muted>{t('today.nothing')}</Muted>
        ) : (
          tasks.map((x) => (
            <TodayItem key={x.task_id} onClick={() => open('deal', x.deal_id, 'overview')} taskId={x.task_id} overdue={x.overdue}>
              <Text size="sm" fw={500} style={{ wordBreak: 'break-word' }}>
                {x.title}
              </Text>
              <Text size="xs" c="dimmed" truncate>
                {x.deal_title}
              </Text>
              <Text size="xs" c={x.overdue ? 'red' : undefined} fw={x.overdue ? 600 : undefined}>
                {formatDate(x.due_on, locale)}
                {x.overdue ? ` · ${t('tasks.overdue')}` : ''}
              </Text>
            </TodayItem>
          ))
        )}
      </Stack>
    </Paper>
  );
}

function TodayItem({ onClick, taskId, overdue, children }: { onClick: () => void; taskId: number; overdue: boolean; children: ReactNode }) {
  return (
    <UnstyledButton
      onClick={onClick}
      className="today-item"
      data-testid="today-task"
      data-task-id={taskId}
      data-overdue={overdue ? '1' : '0'}
      style={{ display: 'block', padding: '6px 8px', borderRadius: 6, border: `1px solid ${overdue ? 'var(--mantine-color-red-4)' : 'var(--mantine-color-default-border)'}` }}
    >
      {children}
    </UnstyledButton>
  );
}
