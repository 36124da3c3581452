// Sales analytics (/sales/analytics, GET /api/v1/sales/analytics): the funnel of a pipeline's cohort
// (deals created in the period) as a bar chart with conversion, time in each stage, owners, lost
// reasons and totals; period, pipeline and (owner/head) owner pickers kept in the URL.
import { BarChart } from '@mantine/charts';
import { Badge, Group, Paper, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api, orNull } from '../../api/client';
import { useEmployees } from '../../api/queries';
import { useSession } from '../../api/session';
import { Muted } from '../../components/CardParts';
import { QueryState } from '../../components/QueryState';
import { DateField } from '../../components/DateField';
import { useLocale } from '../../i18n';
import { formatMoney, formatNumber, formatPercent } from '../../lib/format';
import { addDays, todayIso } from '../../lib/dates';
import { splitMinutes } from './board';
import { usePipelines } from './api';
import type { Analytics } from './types';

export default function AnalyticsPage() {
  const { t, locale } = useLocale();
  const { session } = useSession();
  const pipelines = usePipelines();
  const employees = useEmployees();
  const [params, setParams] = useSearchParams();
  const today = todayIso(new Date());
  const from = params.get('from') ?? addDays(today, -180);
  const to = params.get('to') ?? today;
  const pipelineId = params.get('pipeline') ?? (pipelines.data?.[0] ? String(pipelines.data[0].id) : null);
  const owner = params.get('owner');
  const boss = session!.user.role === 'owner' || session!.user.role === 'head' || session!.user.role === 'quality';
  const set = (k: string, v: string | null) =>
    setParams((p) => {
      const n = new URLSearchParams(p);
      if (v) n.set(k, v);
      else n.delete(k);
      return n;
    });
  const data = useQuery({
    queryKey: ['sales-analytics', pipelineId, from, to, owner],
    queryFn: () => orNull(api.get<Analytics>('/api/v1/sales/analytics', { pipeline_id: pipelineId, from, to, owner_id: owner })),
    enabled: !!pipelineId,
    placeholderData: keepPreviousData,
  });
  const a = data.data;
  const dur = (m: number | null) => {
    if (m === null || m === undefined) return '—';
    const s = splitMinutes(m);
    return s.days > 0 ? t('deal.duration', { days: s.days, hours: s.hours }) : t('deal.durationShort', { hours: s.hours, minutes: s.minutes });
  };
  const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : formatPercent(v, locale, false));
  // The funnel's bars: reached vs moved on, the stage's conversion in its axis label.
  const funnel = (a?.stages ?? []).filter((s) => s.kind !== 'lost').map((s) => ({ stage: s.kind === 'open' && s.conversion_percent !== null ? `${s.name} → ${pct(s.conversion_percent)}` : s.name, entered: s.entered, moved_on: s.moved_on }));
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="end">
        <Title order={2}>{t('nav.analytics')}</Title>
        <Group gap="xs" align="end">
          {(pipelines.data?.length ?? 0) > 1 && <Select label={t('sales.pipeline')} data={(pipelines.data ?? []).map((p) => ({ value: String(p.id), label: p.name }))} value={pipelineId} onChange={(v) => set('pipeline', v)} allowDeselect={false} w={220} data-testid="an-pipeline" />}
          <DateField label={t('report.from')} value={from} onChange={(v) => v && set('from', v)} required w={150} testId="an-from" />
          <DateField label={t('report.to')} value={to} onChange={(v) => v && set('to', v)} required w={150} testId="an-to" />
          {boss && (
            <Select
              label={t('sales.owner')}
              placeholder={t('sales.allOwners')}
              data={(employees.data ?? []).filter((e) => !e.archived_at && ['owner', 'head', 'sales', 'lead_generator', 'manager'].includes(e.role)).map((e) => ({ value: String(e.id), label: e.name }))}
              value={owner}
              onChange={(v) => set('owner', v)}
              clearable
              searchable
              w={220}
              data-testid="an-owner"
            />
          )}
        </Group>
      </Group>
      <QueryState isLoading={data.isLoading || pipelines.isLoading} error={data.error} refetch={data.refetch}>
        {a === null ? (
          <Muted>{t('common.notAvailableYet')}</Muted>
        ) : a ? (
          <>
            <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} data-testid="an-totals">
              <Figure label={t('an.deals')} value={formatNumber(a.totals.deals, locale)} testId="an-deals" />
              <Figure label={t('an.won')} value={formatNumber(a.totals.won, locale)} testId="an-won" />
              <Figure label={t('an.lost')} value={formatNumber(a.totals.lost, locale)} testId="an-lost" />
              <Figure label={t('an.winRate')} value={pct(a.totals.win_rate_percent)} testId="an-winrate" />
              <Figure label={t('an.wonAmount')} value={formatMoney(a.totals.won_amount_kopecks, locale, true)} testId="an-amount" />
              <Figure label={t('an.proposals')} value={`${formatNumber(a.totals.proposals_accepted, locale)} / ${formatNumber(a.totals.proposals_sent, locale)}`} hint={t('an.proposalsHint')} testId="an-proposals" />
            </SimpleGrid>
            <Paper withBorder radius="md" p="md">
              <Text fw={600} mb="xs">
                {t('an.funnel')}
              </Text>
              <BarChart
                h={260}
                data={funnel}
                dataKey="stage"
                series={[
                  { name: 'entered', label: t('an.entered'), color: 'blue.6' },
                  { name: 'moved_on', label: t('an.movedOn'), color: 'teal.6' },
                ]}
                withLegend
                tickLine="y"
                data-testid="an-funnel"
              />
              <Table mt="sm" fz="sm" data-testid="an-stages">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('deal.stage')}</Table.Th>
                    <Table.Th style={{ textAlign: 'right' }}>{t('an.entered')}</Table.Th>
                    <Table.Th style={{ textAlign: 'right' }}>{t('an.movedOn')}</Table.Th>
                    <Table.Th style={{ textAlign: 'right' }}>{t('an.conversion')}</Table.Th>
                    <Table.Th style={{ textAlign: 'right' }}>{t('an.avg')}</Table.Th>
                    <Table.Th style={{ textAlign: 'right' }}>{t('an.median')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {a.stages.map((s) => (
                    <Table.Tr key={s.stage_id} data-testid="an-stage">
                      <Table.Td>
                        {s.name} {s.kind !== 'open' && <Badge size="xs" variant="light" color={s.kind === 'won' ? 'green' : 'red'}>{t(`sales.kinds.${s.kind}`)}</Badge>}
                      </Table.Td>
                      <Table.Td style={{ textAlign: 'right' }}>{s.entered}</Table.Td>
                      <Table.Td style={{ textAlign: 'right' }}>{s.kind === 'open' ? s.moved_on : '—'}</Table.Td>
                      <Table.Td style={{ textAlign: 'right' }}>{s.kind === 'open' ? pct(s.conversion_percent) : '—'}</Table.Td>
                      <Table.Td style={{ textAlign: 'right' }}>{dur(s.avg_minutes)}</Table.Td>
                      <Table.Td style={{ textAlign: 'right' }}>{dur(s.median_minutes)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Paper>
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <Paper withBorder radius="md" p="md">
                <Text fw={600} mb="xs">
                  {t('an.byOwner')}
                </Text>
                <Table fz="sm" data-testid="an-owners">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('sales.owner')}</Table.Th>
                      <Table.Th style={{ textAlign: 'right' }}>{t('an.deals')}</Table.Th>
                      <Table.Th style={{ textAlign: 'right' }}>{t('an.won')}</Table.Th>
                      <Table.Th style={{ textAlign: 'right' }}>{t('an.lost')}</Table.Th>
                      <Table.Th style={{ textAlign: 'right' }}>{t('an.winRate')}</Table.Th>
                      <Table.Th style={{ textAlign: 'right' }}>{t('an.wonAmount')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {a.owners.map((o) => (
                      <Table.Tr key={o.owner_id ?? 0}>
                        <Table.Td>{o.name || t('an.noOwner')}</Table.Td>
                        <Table.Td style={{ textAlign: 'right' }}>{o.deals}</Table.Td>
                        <Table.Td style={{ textAlign: 'right' }}>{o.won}</Table.Td>
                        <Table.Td style={{ textAlign: 'right' }}>{o.lost}</Table.Td>
                        <Table.Td style={{ textAlign: 'right' }}>{pct(o.win_rate_percent)}</Table.Td>
                        <Table.Td style={{ textAlign: 'right' }} className="money">
                          {formatMoney(o.won_amount_kopecks, locale, true)}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Paper>
              <Paper withBorder radius="md" p="md">
                <Text fw={600} mb="xs">
                  {t('an.lostReasons')}
                </Text>
                {a.lost_reasons.length === 0 ? (
                  <Muted>{t('today.nothing')}</Muted>
                ) : (
                  <BarChart h={Math.max(120, a.lost_reasons.length * 34)} data={a.lost_reasons} dataKey="reason" orientation="vertical" yAxisProps={{ width: 180 }} series={[{ name: 'count', label: t('an.count'), color: 'red.5' }]} data-testid="an-lost-reasons" />
                )}
              </Paper>
            </SimpleGrid>
          </>
        ) : null}
      </QueryState>
    </Stack>
  );
}

function Figure({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId: string }) {
  return (
    <Paper withBorder radius="md" p="sm" title={hint}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl" data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
}
