// The service card: the subscription, then one month — the dashboard's period when opened from it —
// with plan vs fact coloured by its light, money for roles that see costs, who spent the hours, the
// 12 months up to it and its time entries (issue 9, item 7).
import { useState } from 'react';
import { ActionIcon, Anchor, Badge, Button, Group, Table, Text, Title, Tooltip } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { useEmployees, useService, useServiceTypes } from '../../api/queries';
import type { Client, PlanFactMonth, PlanFactPerson, ServicePlanFact, TimeEntry } from '../../api/types';
import { useLocale } from '../../i18n';
import { formatDate, formatHours, formatMonth, formatMoney, formatPercent } from '../../lib/format';
import { currentPeriod, shiftPeriod } from '../../lib/period';
import { usePanel } from '../../components/panel';
import { useSession } from '../../api/session';
import { QueryState } from '../../components/QueryState';
import { Fields, Muted, Section, StatusBadge } from '../../components/CardParts';
import { PlanFactBar } from '../../components/PlanFactBar';
import { ServiceTimerButton, useTimeEntryDialog } from '../time';
import { marginPercent, marginTone } from '../dashboard';
import { cardPeriod, lightOf, peopleRows } from './card';
import { MonthChart } from './MonthChart';

export default function ServiceCard({ id }: { id: number }) {
  const { t, locale } = useLocale();
  const { open, canOpen } = usePanel();
  const { session } = useSession();
  const openEntry = useTimeEntryDialog();
  const service = useService(id);
  const types = useServiceTypes();
  const employees = useEmployees();
  const [params] = useSearchParams();
  const now = currentPeriod();
  // Opened from the dashboard: its period; the arrows and the chart move the whole card.
  const [month, setMonth] = useState(() => cardPeriod(params.get('period'), now));
  const s = service.data;
  const type = types.data?.find((x) => x.id === s?.service_type_id);
  const nameOf = (uid: number | null | undefined) => employees.data?.find((e) => e.id === uid)?.name ?? (uid ? `#${uid}` : '—');
  const client = useQuery({ queryKey: ['clients', s?.client_id], queryFn: () => api.get<Client>(`/api/v1/clients/${s!.client_id}`), enabled: !!s });
  // The server's plan-fact per month and the month's people (docs/dashboard.md).
  const history = useQuery({
    queryKey: ['service-history', id, month],
    queryFn: () => api.get<ServicePlanFact>(`/api/v1/services/${id}/plan-fact`, { months: 12, to: month }),
    placeholderData: (prev) => prev,
  });
  const entries = useQuery({
    queryKey: ['time-entries', { service: id, month }],
    queryFn: () => api.list<TimeEntry>('/api/v1/time-entries', { service_id: id, month, sort: 'date', order: 'desc', limit: 500 }),
  });

  const plan: PlanFactMonth[] = history.data?.months ?? [];
  const people: PlanFactPerson[] | null = history.data ? history.data.people ?? null : null;
  const current = plan.find((m) => m.period === month) ?? null;

  const me = session!.user;
  const canWrite = (e: TimeEntry) => session!.permissions.includes('PATCH /api/v1/time-entries/{id}') && (me.role !== 'specialist' || e.user_id === me.id);
  const total = (entries.data?.items ?? []).reduce((a, e) => a + e.duration_minutes, 0);
  const h = t('common.hoursShort');

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
            <Group gap="xs">
              {session!.permissions.includes('POST /api/v1/timer/start') && <ServiceTimerButton serviceId={id} serviceName={s.name} />}
              {session!.permissions.includes('POST /api/v1/time-entries') && (
                <Button size="xs" onClick={() => openEntry({ serviceId: id })} data-testid="service-log-time">
                  + {t('time.quickAdd')}
                </Button>
              )}
            </Group>
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

          <Section
            title={t('serviceCard.monthTitle', { month: formatMonth(month, locale) })}
            right={
              <Group gap={4} wrap="nowrap">
                <ActionIcon variant="subtle" onClick={() => setMonth(shiftPeriod(month, -1))} aria-label={t('common.previousMonth')}>‹</ActionIcon>
                <ActionIcon variant="subtle" onClick={() => setMonth(shiftPeriod(month, 1))} disabled={month >= now} aria-label={t('common.nextMonth')}>›</ActionIcon>
              </Group>
            }
          >
            <QueryState isLoading={history.isLoading} error={history.error} refetch={history.refetch}>
              {current && (
                <div data-testid="service-month" data-light={current.light} style={{ opacity: history.isPlaceholderData ? 0.6 : 1 }}>
                  <MonthSummary m={current} running={month === now} />
                  {current.labour_cost_kopecks !== null && current.margin_kopecks !== null && (
                    <div className="svc-money" data-testid="service-money">
                      <div>
                        <Text size="xs" c="dimmed">{t('serviceCard.fee')}</Text>
                        <Text size="sm" fw={600} className="money">{formatMoney(current.fee_kopecks, locale, true)}</Text>
                      </div>
                      <div>
                        <Text size="xs" c="dimmed">{t('serviceCard.labourCost')}</Text>
                        <Text size="sm" fw={600} className="money">{formatMoney(current.labour_cost_kopecks, locale, true)}</Text>
                      </div>
                      <div>
                        <Text size="xs" c="dimmed">{t('serviceCard.margin')}</Text>
                        <Text size="sm" fw={700} className={marginTone(current.margin_kopecks, current.fee_kopecks) === 'ok' ? 'money' : 'money margin-line'} data-tone={marginTone(current.margin_kopecks, current.fee_kopecks)} style={{ fontSize: 'var(--mantine-font-size-sm)' }}>
                          {formatMoney(current.margin_kopecks, locale, true)}
                          {marginPercent(current.margin_kopecks, current.fee_kopecks) !== null && ` · ${formatPercent(marginPercent(current.margin_kopecks, current.fee_kopecks)!, locale, false)}`}
                        </Text>
                      </div>
                    </div>
                  )}
                </div>
              )}
            </QueryState>
          </Section>

          {people && (
            <Section title={t('serviceCard.people', { month: formatMonth(history.data?.people_period ?? month, locale) })}>
              {people.length === 0 ? (
                <Muted>{t('serviceCard.noPeople')}</Muted>
              ) : (
                <Table fz="sm" data-testid="service-people" highlightOnHover>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('serviceCard.person')}</Table.Th>
                      <Table.Th style={{ textAlign: 'right' }}>{t('serviceCard.hours')}</Table.Th>
                      <Table.Th style={{ width: '32%' }}>{t('serviceCard.share')}</Table.Th>
                      {people.some((p) => p.labour_cost_kopecks !== null) && <Table.Th style={{ textAlign: 'right' }}>{t('serviceCard.cost')}</Table.Th>}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {peopleRows(people).map((p) => (
                      <Table.Tr key={p.user_id} data-user-id={p.user_id} data-minutes={p.minutes}>
                        <Table.Td>
                          {canOpen('employee') ? (
                            <Anchor component="button" type="button" size="sm" onClick={() => open('employee', p.user_id)}>{p.name}</Anchor>
                          ) : (
                            p.name
                          )}
                        </Table.Td>
                        <Table.Td className="num" style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                          {formatHours(p.minutes, locale)} {h}
                        </Table.Td>
                        <Table.Td>
                          <div className="share-bar">
                            <span style={{ width: `${p.share}%` }} />
                            <em className="num">{formatPercent(p.share, locale, false)}</em>
                          </div>
                        </Table.Td>
                        {p.labour_cost_kopecks !== null && (
                          <Table.Td className="money" style={{ textAlign: 'right' }} data-testid="people-cost">
                            {formatMoney(p.labour_cost_kopecks, locale, true)}
                          </Table.Td>
                        )}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Section>
          )}

          <Section title={t('service.chart')}>
            <QueryState isLoading={history.isLoading} error={history.error}>
              <MonthChart months={plan} selected={month} current={now} onSelect={setMonth} t={t} locale={locale} />
            </QueryState>
          </Section>

          <Section title={t('service.entries', { month: formatMonth(month, locale) })} titleTestId="service-entries-title">
            <QueryState isLoading={entries.isLoading} error={entries.error}>
              {entries.data?.items.length ? (
                <Table fz="sm" highlightOnHover data-testid="service-entries">
                  <Table.Tbody>
                    {entries.data.items.map((e) => (
                      <Table.Tr key={e.id}>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(e.date, locale)}</Table.Td>
                        <Table.Td>{nameOf(e.user_id)}</Table.Td>
                        <Table.Td className="num" style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                          {formatHours(e.duration_minutes, locale)} {h}
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
                      <Table.Td className="num" fw={600} style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>{formatHours(total, locale)} {h}</Table.Td>
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

/** The month's plan vs fact: the bar coloured by its light, the overrun badge, and while it runs the projection. */
function MonthSummary({ m, running }: { m: PlanFactMonth; running: boolean }) {
  const { t, locale } = useLocale();
  const share = running && m.planned_minutes > 0 ? m.expected_minutes / m.planned_minutes : undefined;
  const projected = running && m.projected_minutes !== undefined ? m.projected_minutes : null;
  return (
    <>
      <Group gap="sm" wrap="wrap" align="center">
        <div style={{ flex: '1 1 180px', minWidth: 120 }}>
          <PlanFactBar planned={m.planned_minutes} actual={m.actual_minutes} light={m.light} elapsedShare={share} testId="service-month-bar" />
        </div>
        <Text size="sm" className="num" style={{ whiteSpace: 'nowrap' }}>
          {t('serviceCard.planFact', { plan: formatHours(m.planned_minutes, locale), fact: formatHours(m.actual_minutes, locale) })}
        </Text>
        <span className="light-badge" data-light={m.light} style={{ cursor: 'default' }} data-testid="service-month-light">
          {projected !== null && m.planned_minutes > 0 && `${t('serviceCard.factBadge')} `}
          {m.overrun_percent !== null ? formatPercent(m.overrun_percent, locale) : m.actual_minutes > 0 ? t('dashboard.noPlan') : t(`light.${m.light}`)}
        </span>
        {projected !== null && m.planned_minutes > 0 && (
          <span className="light-badge" data-light={m.projected_light ?? lightOf(m.planned_minutes, projected)} style={{ cursor: 'default' }} data-testid="service-month-pace">
            {t('serviceCard.paceBadge')} {formatPercent((projected / m.planned_minutes - 1) * 100, locale)}
          </span>
        )}
      </Group>
      <Text size="xs" c="dimmed" mt={4}>
        {m.overrun_percent === null ? t(`light.${m.light}`) : ''}
        {m.overrun_percent !== null && `${t('formula.overrun', { fact: formatHours(m.actual_minutes, locale), plan: formatHours(m.planned_minutes, locale), value: formatPercent(m.overrun_percent, locale) })}`}
        {projected !== null &&
          m.planned_minutes > 0 &&
          ` · ${t('serviceCard.projection', { hours: formatHours(projected, locale), value: formatPercent((projected / m.planned_minutes - 1) * 100, locale), light: t(`light.${m.projected_light ?? lightOf(m.planned_minutes, projected)}`) })}`}
      </Text>
    </>
  );
}
