// The director's dashboard: one payload per period; filters, search and sorting run in the browser.
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { ActionIcon, Alert, Group, Kbd, Paper, Select, Skeleton, Stack, Switch, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { MonthPickerInput } from '@mantine/dates';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useSearchParams } from 'react-router';
import type { TFunction } from 'i18next';
import { ApiError } from '../../api/client';
import { useDashboard } from '../../api/queries';
import type { DashboardServiceType } from '../../api/types';
import { useLocale } from '../../i18n';
import { formatMoney, formatNumber, type Locale } from '../../lib/format';
import { currentPeriod, isPeriod, shiftPeriod } from '../../lib/period';
import { usePanel, type PanelKind } from '../../components/panel';
import { useSession } from '../../api/session';
import { ClientItem, type TimerOn } from './ClientItem';
import { useTimer } from '../time';
import { filterClients, indexDashboard, sortClients, type FilteredClient, type SortKey } from './filter';
import { badgeMode, type BadgeMode } from './pace';

declare global {
  interface Window {
    __retainerFilterTimings?: { filterMs: number; commitMs: number; rows: number }[];
  }
}

const sortKeys: SortKey[] = ['overrun', 'margin', 'fee', 'name'];
type SetParam = (key: string, value: string | null) => void;

export function DashboardPage() {
  const { t, locale } = useLocale();
  const [params, setParams] = useSearchParams();
  const period = isPeriod(params.get('period')) ? params.get('period')! : currentPeriod();
  const employeeId = Number(params.get('employee')) || null;
  const serviceTypeId = Number(params.get('type')) || null;
  const sortParam = params.get('sort') as SortKey | null;
  let sort: SortKey = sortParam && sortKeys.includes(sortParam) ? sortParam : 'overrun';
  const attentionOnly = params.get('attention') === '1';
  const [query, setQuery] = useState('');
  const searchRef = useRef<HTMLInputElement>(null);
  const typedAt = useRef<number | null>(null);
  const { open } = usePanel();
  // The timer's button on every row: which service it counts for changes rarely, the seconds never reach the rows.
  const timer = useTimer();
  const clickTimer = useRef(timer.clickService);
  clickTimer.current = timer.clickService;
  const onTimer = useCallback((id: number, name: string) => clickTimer.current(id, name), []);
  const timerServiceId = timer.timer.state !== 'idle' ? timer.timer.service_id : null;
  const timerOn = useMemo<TimerOn | null>(() => (timerServiceId !== null ? { serviceId: timerServiceId, state: timer.timer.state } : null), [timerServiceId, timer.timer.state]);
  const { can } = useSession();
  const canTimer = timer.can && can('POST', '/api/v1/timer/start');

  const setParam = useCallback<SetParam>(
    (key, value) =>
      setParams(
        (p) => {
          const next = new URLSearchParams(p);
          if (value === null || value === '') next.delete(key);
          else next.set(key, value);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  const onQuery = useCallback((q: string) => {
    typedAt.current = performance.now();
    setQuery(q);
  }, []);

  const dashboard = useDashboard(period);
  const data = dashboard.data;
  // Margin is hidden from roles that may not see labour cost, and so is sorting by it.
  const costsVisible = data?.costs_visible !== false;
  if (!costsVisible && sort === 'margin') sort = 'overrun';
  const index = useMemo(() => (data ? indexDashboard(data) : []), [data]);
  const sorted = useMemo(() => sortClients(index, sort), [index, sort]);
  const filterMs = useRef(0);
  const result = useMemo(() => {
    const t0 = performance.now();
    const r = filterClients(sorted, { employeeId, serviceTypeId, query, attentionOnly });
    filterMs.current = performance.now() - t0;
    return r;
  }, [sorted, employeeId, serviceTypeId, query, attentionOnly]);
  const types = useMemo(() => new Map<number, DashboardServiceType>((data?.service_types ?? []).map((x) => [x.id, x])), [data]);

  // Time from the keystroke to the committed DOM, for the browser test's "filter p50".
  useLayoutEffect(() => {
    if (typedAt.current === null) return;
    (window.__retainerFilterTimings ??= []).push({ filterMs: filterMs.current, commitMs: performance.now() - typedAt.current, rows: result.rows.length });
    typedAt.current = null;
  }, [result]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement | null;
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
      if (el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.isContentEditable)) return;
      e.preventDefault();
      searchRef.current?.focus();
      searchRef.current?.select();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const employees = useMemo(
    () =>
      (data?.employees ?? [])
        .slice()
        .sort((a, b) => a.name.localeCompare(b.name, locale))
        .map((e) => ({ value: String(e.id), label: `${e.name} · ${t(`roles.${e.role}`, { defaultValue: e.role })}` })),
    [data, locale, t],
  );
  const typeOptions = useMemo(
    () => (data?.service_types ?? []).map((x) => ({ value: String(x.id), label: locale === 'en' ? x.name_en || x.name : x.name })),
    [data, locale],
  );

  const notAvailable = dashboard.error instanceof ApiError && dashboard.error.status === 404 && dashboard.error.code === 'not_found';

  return (
    <Stack gap="sm">
      <Paper
        p="sm"
        withBorder
        radius="md"
        className="dash-filters"
        style={{ position: 'sticky', top: 'calc(var(--app-shell-header-height, 56px) + 8px)', zIndex: 5, background: 'var(--mantine-color-body)' }}
      >
        <Group justify="space-between" wrap="wrap" gap="sm">
          <PeriodPicker period={period} setParam={setParam} t={t} />
          <Totals loading={!data} turnover={result.totals.turnoverKopecks} clients={result.totals.clients} services={result.totals.services} t={t} locale={locale} />
        </Group>
        <FilterBar
          employees={employees}
          typeOptions={typeOptions}
          employeeId={employeeId}
          serviceTypeId={serviceTypeId}
          sort={sort}
          sortOptions={costsVisible ? sortKeys : sortKeys.filter((k) => k !== 'margin')}
          attentionOnly={attentionOnly}
          setParam={setParam}
          onQuery={onQuery}
          searchRef={searchRef}
          t={t}
        />
      </Paper>

      {notAvailable ? (
        <Alert color="yellow">{t('dashboard.notAvailable')}</Alert>
      ) : dashboard.error ? (
        <Alert color="red" title={t('common.error')}>
          {(dashboard.error as Error).message}
        </Alert>
      ) : dashboard.isLoading ? (
        <Stack>
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} height={140} radius="md" />
          ))}
        </Stack>
      ) : result.rows.length === 0 ? (
        <Paper withBorder p="xl" radius="md">
          <Text c="dimmed" ta="center">
            {index.length === 0 ? t('dashboard.emptyPeriod') : t('dashboard.empty')}
          </Text>
        </Paper>
      ) : (
        <>
          <div className="dash-legend dim" data-testid="legend">
            <span><i className="lg lg-plan" /> {t('dashboard.legendPlan')}</span>
            <span><i className="lg lg-fact" /> {t('dashboard.legendFact')}</span>
            <span><i className="lg lg-over" /> {t('dashboard.legendOver')}</span>
            {badgeMode(data!) === 'pace' && <span><i className="lg lg-today" /> {t('dashboard.legendToday')}</span>}
            <span data-testid="legend-badge"><i className="lg lg-badge" data-mode={badgeMode(data!)} /> {t(badgeMode(data!) === 'pace' ? 'dashboard.legendPace' : 'dashboard.legendFinal')}</span>
          </div>
          <ClientList rows={result.rows} types={types} elapsedShare={data!.elapsed_share} mode={badgeMode(data!)} timerOn={timerOn} onTimer={canTimer ? onTimer : null} open={open} dimmed={dashboard.isPlaceholderData} t={t} locale={locale} />
        </>
      )}
    </Stack>
  );
}

const PeriodPicker = memo(function PeriodPicker({ period, setParam, t }: { period: string; setParam: SetParam; t: TFunction }) {
  return (
    <Group gap="xs" wrap="wrap">
      <Title order={3}>{t('dashboard.title')}</Title>
      <Group gap="xs" wrap="nowrap">
      <Tooltip label={t('common.previousMonth')}>
        <ActionIcon variant="subtle" onClick={() => setParam('period', shiftPeriod(period, -1))} aria-label={t('common.previousMonth')}>
          ‹
        </ActionIcon>
      </Tooltip>
      <MonthPickerInput
        value={`${period}-01`}
        onChange={(v) => v && setParam('period', v.slice(0, 7))}
        valueFormat="MMMM YYYY"
        w={170}
        size="sm"
        aria-label={t('common.period')}
        data-testid="period-picker"
      />
      <Tooltip label={t('common.nextMonth')}>
        <ActionIcon variant="subtle" onClick={() => setParam('period', shiftPeriod(period, 1))} aria-label={t('common.nextMonth')}>
          ›
        </ActionIcon>
      </Tooltip>
      </Group>
    </Group>
  );
});

/** Turnover in whole rubles (a prorated past month has kopecks nobody needs here); a placeholder until the payload is in, never "0 ₽ · 0 · 0". */
function Totals({ loading, turnover, clients, services, t, locale }: { loading: boolean; turnover: number; clients: number; services: number; t: TFunction; locale: Locale }) {
  return (
    <div className="totals" data-testid="totals" aria-busy={loading || undefined}>
      <Stat loading={loading} label={t('dashboard.turnover')} value={formatMoney(turnover, locale, true)} testId="total-turnover" width={110} />
      <Stat loading={loading} label={t('dashboard.clients')} value={formatNumber(clients, locale)} testId="total-clients" width={40} />
      <Stat loading={loading} label={t('dashboard.services')} value={formatNumber(services, locale)} testId="total-services" width={40} />
    </div>
  );
}

function Stat({ loading, label, value, testId, width }: { loading: boolean; label: string; value: string; testId: string; width: number }) {
  return (
    <div className="stat">
      <div className="stat-label">{label}</div>
      {loading ? (
        <Skeleton height={22} width={width} mt={4} ml="auto" data-testid={`${testId}-loading`} />
      ) : (
        <div className="stat-value money" data-testid={testId}>
          {value}
        </div>
      )}
    </div>
  );
}

interface FilterBarProps {
  employees: { value: string; label: string }[];
  typeOptions: { value: string; label: string }[];
  employeeId: number | null;
  serviceTypeId: number | null;
  sort: SortKey;
  sortOptions: SortKey[];
  attentionOnly: boolean;
  setParam: SetParam;
  onQuery: (q: string) => void;
  searchRef: RefObject<HTMLInputElement | null>;
  t: TFunction;
}

/** Filters; the search input is uncontrolled so typing re-renders only the totals and the list. */
const FilterBar = memo(function FilterBar({ employees, typeOptions, employeeId, serviceTypeId, sort, sortOptions, attentionOnly, setParam, onQuery, searchRef, t }: FilterBarProps) {
  return (
    <Group mt="sm" gap="sm" wrap="wrap" align="end">
      <Select
        placeholder={t('dashboard.allEmployees')}
        aria-label={t('dashboard.employee')}
        data={employees}
        value={employeeId ? String(employeeId) : null}
        onChange={(v) => setParam('employee', v)}
        searchable
        clearable
        w={250}
        data-testid="employee-filter"
      />
      <Select
        placeholder={t('dashboard.allServiceTypes')}
        aria-label={t('dashboard.serviceType')}
        data={typeOptions}
        value={serviceTypeId ? String(serviceTypeId) : null}
        onChange={(v) => setParam('type', v)}
        clearable
        w={190}
        data-testid="type-filter"
      />
      <TextInput
        ref={searchRef}
        placeholder={t('dashboard.searchPlaceholder')}
        aria-label={t('common.search')}
        defaultValue=""
        onChange={(e) => onQuery(e.currentTarget.value)}
        rightSection={
          <Tooltip label={t('dashboard.searchHint')}>
            <Kbd size="xs">/</Kbd>
          </Tooltip>
        }
        style={{ flex: 1, minWidth: 200 }}
        data-testid="dashboard-search"
      />
      <Select
        aria-label={t('dashboard.sort')}
        data={sortOptions.map((k) => ({ value: k, label: t(`dashboard.sort${k[0].toUpperCase()}${k.slice(1)}`) }))}
        value={sort}
        onChange={(v) => setParam('sort', v === 'overrun' ? null : v)}
        allowDeselect={false}
        leftSection={<Text size="xs" c="dimmed">⇅</Text>}
        w={160}
        data-testid="sort"
      />
      <Switch label={t('dashboard.attention')} checked={attentionOnly} onChange={(e) => setParam('attention', e.currentTarget.checked ? '1' : null)} data-testid="attention" mb={8} />
    </Group>
  );
});

interface ListProps {
  rows: FilteredClient[];
  types: Map<number, DashboardServiceType>;
  elapsedShare: number;
  mode: BadgeMode;
  timerOn: TimerOn | null;
  onTimer: ((serviceId: number, serviceName: string) => void) | null;
  open: (kind: PanelKind, id: number, tab?: string) => void;
  dimmed: boolean;
  t: TFunction;
  locale: Locale;
}

/** The window-scrolled virtual list: only the cards near the viewport exist in the DOM. */
function ClientList({ rows, types, elapsedShare, mode, timerOn, onTimer, open, dimmed, t, locale }: ListProps) {
  const listRef = useRef<HTMLDivElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  useLayoutEffect(() => {
    if (listRef.current) setScrollMargin(listRef.current.offsetTop);
  }, []);
  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize: (i) => 44 + rows[i].services.length * 63 + 12,
    overscan: 3,
    scrollMargin,
    getItemKey: (i) => rows[i].client.id,
  });
  return (
    <div ref={listRef} style={{ position: 'relative', height: virtualizer.getTotalSize(), opacity: dimmed ? 0.6 : 1 }} data-testid="client-list">
      {virtualizer.getVirtualItems().map((item) => {
        const row = rows[item.index];
        return (
          <div
            key={item.key}
            data-index={item.index}
            ref={virtualizer.measureElement}
            style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start - virtualizer.options.scrollMargin}px)`, paddingBottom: 12 }}
          >
            <ClientItem client={row.client} services={row.services} types={types} elapsedShare={elapsedShare} mode={mode} timerOn={timerOn} onTimer={onTimer} open={open} t={t} locale={locale} />
          </div>
        );
      })}
    </div>
  );
}
