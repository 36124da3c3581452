// The service card: requisites of the subscription, plan vs fact for 12 months, time entries with add/edit/delete.
import { useMemo, useState } from 'react';
import { ActionIcon, Anchor, Badge, Button, Group, Table, Text, Title, Tooltip } from '@mantine/core';
import { BarChart } from '@mantine/charts';
import { useQuery } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client';
import { useEmployees, useService, useServiceTypes } from '../../api/queries';
import type { Client, PlanFactMonth, TimeEntry } from '../../api/types';
import { useLocale } from '../../i18n';
import { formatDate, formatHours, formatMonth, formatMonthShort, formatMoney } from '../../lib/format';
import { currentPeriod, firstDay, lastDay, periodsBack, shiftPeriod } from '../../lib/period';
import { usePanel } from '../../app/panel';
import { useSession } from '../../app/session';
import { QueryState } from '../../components/QueryState';
import { Fields, Muted, Section, StatusBadge } from '../../components/CardParts';
import { useTimeEntryDialog } from '../time/TimeEntryDialog';
import { minutesByMonth, plannedMinutes } from './plan';

export default function ServiceCard({ id }: { id: number }) {
  const { t, locale } = useLocale();
  const { open } = usePanel();
  const { session } = useSession();
  const openEntry = useTimeEntryDialog();
  const service = useService(id);
  const types = useServiceTypes();
  const employees = useEmployees();
  const [month, setMonth] = useState(currentPeriod());
  const last = currentPeriod();
  const months = periodsBack(last, 12);
  const s = service.data;
  const client = useQuery({ queryKey: ['clients', s?.client_id], queryFn: () => api.get<Client>(`/api/v1/clients/${s!.client_id}`), enabled: !!s });
  // The server's plan-fact per month (docs/dashboard.md); an older server without it: computed here from entries.
  const history = useQuery({
    queryKey: ['service-history', id, last],
    queryFn: async (): Promise<{ months: PlanFactMonth[] | null; entries: TimeEntry[] }> => {
      try {
        const r = await api.get<{ months: PlanFactMonth[] }>(`/api/v1/services/${id}/plan-fact`, { months: 12, to: last });
        return { months: r.months, entries: [] };
      } catch (e) {
        if (!(e instanceof ApiError && e.status === 404 && e.message === 'no such path')) throw e;
        const r = await api.list<TimeEntry>('/api/v1/time-entries', { service_id: id, date_from: firstDay(months[0]), date_to: lastDay(last), limit: 1000, sort: 'date' });
        return { months: null, entries: r.items };
      }
    },
  });
  const entries = useQuery({
    queryKey: ['time-entries', { service: id, month }],
    queryFn: () => api.list<TimeEntry>('/api/v1/time-entries', { service_id: id, month, sort: 'date', order: 'desc', limit: 500 }),
  });
  const type = types.data?.find((x) => x.id === s?.service_type_id);
  const nameOf = (uid: number | null | undefined) => employees.data?.find((e) => e.id === uid)?.name ?? (uid ? `#${uid}` : '—');

  const chart = useMemo(() => {
    if (!s || !history.data) return [];
    const hours = (m: number) => Math.round((m / 60) * 10) / 10;
    if (history.data.months)
      return history.data.months.map((m) => ({ month: formatMonthShort(m.period, locale), plan: hours(m.planned_minutes), fact: hours(m.actual_minutes) }));
    const fact = minutesByMonth(history.data.entries);
    return months.map((m) => ({
      month: formatMonthShort(m, locale),
      plan: hours(plannedMinutes(s, type?.planning_rate_kopecks ?? null, m)),
      fact: hours(fact.get(m) ?? 0),
    }));
  }, [s, history.data, type, locale, months.join()]);

  const me = session!.user;
  const canWrite = (e: TimeEntry) => session!.permissions.includes('PATCH /api/v1/time-entries/{id}') && (me.role !== 'specialist' || e.user_id === me.id);
  const total = (entries.data?.items ?? []).reduce((a, e) => a + e.duration_minutes, 0);

  return (
    <QueryState isLoading={service.isLoading} error={service.error} refetch={service.refetch}>
      {s && (
        <div data-testid="service-card-panel">
          <Group justify="space-between" align="start">
            <div>
              <Title order={3}>{s.name}</Title>
              <Group gap="xs" mt={4}>
                {type && <Badge variant="light">{locale === 'en' ? type.name_en || type.name : type.name}</Badge>}
                <StatusBadge status={s.status} label={t(`status.${s.status}`)} />
              </Group>
            </div>
            {session!.permissions.includes('POST /api/v1/time-entries') && (
              <Button size="xs" onClick={() => openEntry({ serviceId: id })} data-testid="service-log-time">
                + {t('time.quickAdd')}
              </Button>
            )}
          </Group>
          <Section title={t('service.card')}>
            <Fields
              items={[
                [t('service.client'), client.data ? <Anchor component="button" type="button" size="sm" onClick={() => open('client', s.client_id)}>{client.data.name}</Anchor> : `#${s.client_id}`],
                [t('service.fee'), <span className="money">{formatMoney(s.monthly_fee_kopecks, locale)}</span>],
                [t('service.specialist'), s.specialist_id ? <Anchor component="button" type="button" size="sm" onClick={() => open('employee', s.specialist_id!)}>{nameOf(s.specialist_id)}</Anchor> : null],
                [t('service.manager'), s.account_manager_id ? <Anchor component="button" type="button" size="sm" onClick={() => open('employee', s.account_manager_id!)}>{nameOf(s.account_manager_id)}</Anchor> : null],
                [t('service.rate'), t('service.perHour', { money: formatMoney(s.planning_rate_kopecks ?? type?.planning_rate_kopecks ?? 0, locale) })],
                [t('service.adBudget'), s.ad_budget_kopecks ? formatMoney(s.ad_budget_kopecks, locale) : null],
                [t('service.starts'), formatDate(s.starts_on, locale)],
                [t('service.ends'), s.ends_on ? formatDate(s.ends_on, locale) : null],
                [t('service.documents'), s.documents_url ? <Anchor href={s.documents_url} target="_blank" rel="noreferrer" size="sm">{s.documents_url}</Anchor> : null],
              ]}
            />
          </Section>
          <Section title={t('service.chart')}>
            <QueryState isLoading={history.isLoading} error={history.error}>
              <BarChart
                h={220}
                data={chart}
                dataKey="month"
                series={[
                  { name: 'plan', label: t('service.plan'), color: 'gray.5' },
                  { name: 'fact', label: t('service.fact'), color: 'blue.6' },
                ]}
                withLegend
                tickLine="y"
                valueFormatter={(v) => formatHours(v * 60, locale)}
                data-testid="service-chart"
              />
            </QueryState>
          </Section>
          <Section
            title={t('service.entries', { month: formatMonth(month, locale) })}
            right={
              <Group gap={4}>
                <ActionIcon variant="subtle" onClick={() => setMonth(shiftPeriod(month, -1))} aria-label={t('common.previousMonth')}>‹</ActionIcon>
                <ActionIcon variant="subtle" onClick={() => setMonth(shiftPeriod(month, 1))} disabled={month >= last} aria-label={t('common.nextMonth')}>›</ActionIcon>
              </Group>
            }
          >
            <QueryState isLoading={entries.isLoading} error={entries.error}>
              {entries.data?.items.length ? (
                <Table fz="sm" highlightOnHover data-testid="service-entries">
                  <Table.Tbody>
                    {entries.data.items.map((e) => (
                      <Table.Tr key={e.id}>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(e.date, locale)}</Table.Td>
                        <Table.Td>{nameOf(e.user_id)}</Table.Td>
                        <Table.Td className="num" style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                          {formatHours(e.duration_minutes, locale)} {t('common.hoursShort')}
                        </Table.Td>
                        <Table.Td><Text size="xs" c="dimmed" lineClamp={2}>{e.note}</Text></Table.Td>
                        <Table.Td style={{ width: 40 }}>
                          {canWrite(e) && (
                            <Tooltip label={t('common.edit')}>
                              <ActionIcon variant="subtle" size="sm" onClick={() => openEntry({ entry: e })} aria-label={t('common.edit')} data-testid="entry-edit">✎</ActionIcon>
                            </Tooltip>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                    <Table.Tr>
                      <Table.Td colSpan={2} fw={600}>{t('common.total')}</Table.Td>
                      <Table.Td className="num" fw={600} style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>{formatHours(total, locale)} {t('common.hoursShort')}</Table.Td>
                      <Table.Td colSpan={2} />
                    </Table.Tr>
                  </Table.Tbody>
                </Table>
              ) : (
                <Muted>{t('service.noEntries')}</Muted>
              )}
            </QueryState>
          </Section>
        </div>
      )}
    </QueryState>
  );
}
