// Sales: a pipeline's deals as a kanban or a list, filters in the URL, the "new application" form.
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Group, Paper, SegmentedControl, Select, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useSearchParams } from 'react-router';
import { useEmployees } from '../../api/queries';
import { dealSources, type Employee } from '../../api/types';
import { useLocale } from '../../i18n';
import { useSession } from '../../api/session';
import { QueryState } from '../../components/QueryState';
import { dealSorts } from './board';
import { useBoardDeals, usePipelines, type DealFilters } from './api';
import { KanbanBoard } from './KanbanBoard';
import { DealList } from './DealList';
import { ApplicationDialog } from './ApplicationDialog';
import './sales.css';

export default function SalesPage() {
  const { t } = useLocale();
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const pipelines = usePipelines();
  const employees = useEmployees();
  const [appOpen, setAppOpen] = useState(false);
  const [q, setQ] = useState(params.get('q') ?? '');
  const [debouncedQ] = useDebouncedValue(q, 300);

  const set = (changes: Record<string, string | null>, resetPage = true) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        for (const [k, v] of Object.entries(changes)) if (v) next.set(k, v);
        else next.delete(k);
        if (resetPage) next.delete('page');
        return next;
      },
      { replace: true },
    );

  useEffect(() => {
    if ((params.get('q') ?? '') !== debouncedQ) set({ q: debouncedQ || null });
  }, [debouncedQ]);

  const list = pipelines.data ?? [];
  const pipeline = list.find((p) => String(p.id) === params.get('pipeline')) ?? list[0] ?? null;
  const view = params.get('view') === 'list' ? 'list' : 'board';
  const num = (k: string) => (params.get(k) ? Number(params.get(k)) : undefined);
  const filters: DealFilters = useMemo(
    () => ({ owner_id: num('owner'), source: params.get('source') ?? undefined, q: params.get('q') ?? undefined, ...(view === 'list' ? { stage_id: num('stage') } : {}) }),
    [params, view],
  );
  const sort = dealSorts.includes(params.get('sort') as never) ? params.get('sort')! : 'updated_at';
  const page = Number(params.get('page') ?? 1) || 1;
  const board = useBoardDeals(view === 'board' && pipeline ? pipeline.id : null, filters);
  const employeeMap = useMemo(() => new Map<number, Employee>((employees.data ?? []).map((e) => [e.id, e])), [employees.data]);
  const ownerOptions = useMemo(
    () => (employees.data ?? []).filter((e) => !e.archived_at && e.role !== 'client').map((e) => ({ value: String(e.id), label: e.name })),
    [employees.data],
  );

  if (pipelines.data === null)
    return (
      <Alert color="gray" title={t('sales.title')} data-testid="sales-unavailable">
        {t('sales.notAvailable')}
      </Alert>
    );

  return (
    <QueryState isLoading={pipelines.isLoading} error={pipelines.error} refetch={pipelines.refetch}>
      <Group justify="space-between" mb="sm" wrap="wrap" gap="sm">
        <Group gap="md" wrap="wrap">
          <Title order={3}>{t('sales.title')}</Title>
          {list.length > 1 && (
            <SegmentedControl
              size="sm"
              value={pipeline ? String(pipeline.id) : ''}
              onChange={(v) => set({ pipeline: v, stage: null })}
              data={list.map((p) => ({ value: String(p.id), label: p.name }))}
              aria-label={t('sales.pipeline')}
              data-testid="pipeline-switch"
            />
          )}
          {list.length === 1 && (
            <Text c="dimmed">
              {t('sales.pipeline')}: {list[0].name}
            </Text>
          )}
        </Group>
        <Group gap="sm">
          <SegmentedControl
            size="sm"
            value={view}
            onChange={(v) => set({ view: v === 'list' ? 'list' : null })}
            data={[
              { value: 'board', label: t('sales.board') },
              { value: 'list', label: t('sales.list') },
            ]}
            data-testid="sales-view"
          />
          {can('POST', '/api/v1/applications') && (
            <Button onClick={() => setAppOpen(true)} data-testid="new-application">
              + {t('sales.newApplication')}
            </Button>
          )}
        </Group>
      </Group>
      <Paper withBorder radius="md" p="xs" mb="sm">
        <Group gap="sm" wrap="wrap">
          <TextInput placeholder={t('sales.searchPlaceholder')} value={q} onChange={(e) => setQ(e.currentTarget.value)} w={280} data-testid="sales-search" aria-label={t('common.search')} />
          <Select
            placeholder={t('sales.allOwners')}
            data={ownerOptions}
            value={params.get('owner')}
            onChange={(v) => set({ owner: v })}
            searchable
            clearable
            w={220}
            aria-label={t('sales.owner')}
            data-testid="owner-filter"
          />
          {view === 'list' && pipeline && (
            <Select
              placeholder={t('sales.allStages')}
              data={pipeline.stages.map((s) => ({ value: String(s.id), label: s.name }))}
              value={params.get('stage')}
              onChange={(v) => set({ stage: v })}
              clearable
              w={200}
              aria-label={t('sales.stage')}
              data-testid="stage-filter"
            />
          )}
          <Select
            placeholder={t('sales.allSources')}
            data={dealSources.map((s) => ({ value: s, label: t(`sales.sources.${s}`) }))}
            value={params.get('source')}
            onChange={(v) => set({ source: v })}
            clearable
            w={170}
            aria-label={t('sales.source')}
            data-testid="source-filter"
          />
          {view === 'list' && (
            <Select
              data={dealSorts.map((s) => ({ value: s, label: t(`sales.sorts.${s}`) }))}
              value={sort}
              onChange={(v) => set({ sort: v === 'updated_at' ? null : v })}
              w={220}
              aria-label={t('sales.sort')}
              data-testid="deal-sort"
            />
          )}
        </Group>
      </Paper>
      {!pipeline && <Text c="dimmed">{t('sales.noPipelines')}</Text>}
      {pipeline && view === 'board' && (
        <QueryState isLoading={board.isLoading} error={board.error} refetch={board.refetch}>
          {board.data && <KanbanBoard pipeline={pipeline} deals={board.data.items} total={board.data.total} filters={filters} employees={employeeMap} />}
        </QueryState>
      )}
      {pipeline && view === 'list' && (
        <Paper withBorder radius="md" p="md">
          <DealList pipeline={pipeline} filters={filters} sort={sort} page={page} onPage={(p) => set({ page: p > 1 ? String(p) : null }, false)} employees={employeeMap} />
        </Paper>
      )}
      <ApplicationDialog opened={appOpen} onClose={() => setAppOpen(false)} />
    </QueryState>
  );
}
