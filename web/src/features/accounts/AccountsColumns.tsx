// Today of an account manager (GET /api/v1/accounts/today): recommendations past due without an
// answer, missed calls to return (newest first), clients without contact for N days, this month's
// services red or projected red. Each item opens the client card (on its recommendations or calls
// tab) or the service card.
import { Badge, Group, SimpleGrid, Text } from '@mantine/core';
import { usePanel } from '../../components/panel';
import { useLocale } from '../../i18n';
import { formatDate, formatDateTime, formatHours } from '../../lib/format';
import { shortServiceName } from '../../lib/names';
import { newestFirst } from './today';
import { Column, Item } from './TodayColumn';
import type { AccountsToday } from './types';

export function AccountsColumns({ data: d }: { data: AccountsToday }) {
  const { t, locale } = useLocale();
  const { open, canOpen } = usePanel();
  const client = (id: number, tab?: string) => (canOpen('client') ? () => open('client', id, tab) : undefined);
  const calls = newestFirst(d.calls_missed);
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md" data-testid="accounts-today">
      <Column title={t('accounts.recsOverdue')} count={d.recommendations_overdue.length} color="red" testId="accounts-recs">
        {d.recommendations_overdue.map((r) => (
          <Item key={r.id} onClick={client(r.client_id, 'recs')} testId="accounts-rec" data={{ 'client-id': r.client_id }}>
            <Text size="sm" fw={500} lineClamp={2} title={r.title} style={{ wordBreak: 'break-word' }}>
              {r.title}
            </Text>
            <Text size="xs" c="dimmed" truncate>
              {r.client_name}
            </Text>
            <Text size="xs" c="red">
              {t('accounts.dueOn', { date: formatDate(r.due_on, locale) })} · {t('accounts.daysOverdue', { count: r.days_overdue })}
            </Text>
          </Item>
        ))}
      </Column>
      <Column title={t('accounts.callsMissed')} count={calls.length} color="orange" testId="accounts-calls">
        {calls.map((c) => (
          <Item key={c.id} onClick={client(c.client_id, 'calls')} testId="accounts-call" data={{ 'client-id': c.client_id, 'call-id': c.id }}>
            <Text size="sm" fw={500} truncate title={c.client_name}>
              {c.client_name}
            </Text>
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <Text size="xs" className="money" style={{ whiteSpace: 'nowrap' }}>
                {c.phone ?? t('accounts.noPhone')}
              </Text>
              <Text size="xs" c="orange.8" style={{ whiteSpace: 'nowrap' }} data-testid="accounts-call-at">
                {formatDateTime(c.started_at, locale)}
              </Text>
            </Group>
          </Item>
        ))}
      </Column>
      <Column title={t('accounts.clientsSilent')} count={d.clients_silent.length} color="yellow" testId="accounts-silent" hint={t('accounts.silentHint', { days: d.silent_days })}>
        {d.clients_silent.map((c) => (
          <Item key={c.client_id} onClick={client(c.client_id)} testId="accounts-silent-client" data={{ 'client-id': c.client_id }}>
            <Text size="sm" fw={500} truncate title={c.client_name}>
              {c.client_name}
            </Text>
            <Text size="xs" c="dimmed">
              {c.last_contact_on && c.days_silent !== null
                ? `${t('accounts.silentFor', { count: c.days_silent })} · ${t('accounts.lastContact', { date: formatDate(c.last_contact_on, locale) })}`
                : t('accounts.neverContacted')}
            </Text>
          </Item>
        ))}
      </Column>
      <Column title={t('accounts.servicesAtRisk')} count={d.services_at_risk.length} color="grape" testId="accounts-services">
        {d.services_at_risk.map((s) => (
          <Item key={s.service_id} onClick={canOpen('service') ? () => open('service', s.service_id) : undefined} testId="accounts-service" data={{ 'service-id': s.service_id }}>
            <Text size="sm" fw={500} lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
              {shortServiceName(s.service_name, s.client_name)}
            </Text>
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <Text size="xs" c="dimmed" truncate>
                {s.client_name}
              </Text>
              <Badge size="xs" color="red" variant={s.light === 'red' ? 'filled' : 'light'} style={{ flexShrink: 0, textTransform: 'none' }}>
                {s.light === 'red' ? t('accounts.redNow') : t('accounts.projectedRed')}
              </Badge>
            </Group>
            <Text size="xs">
              {t('accounts.hours', { actual: formatHours(s.actual_minutes, locale), planned: formatHours(s.planned_minutes, locale), projected: formatHours(s.projected_minutes, locale) })}
              {s.projected_overrun_percent !== null ? (
                <Text span size="xs" c="red" fw={600}>
                  {' · '}
                  {t('accounts.overrun', { percent: Math.round(s.projected_overrun_percent) })}
                </Text>
              ) : null}
            </Text>
          </Item>
        ))}
      </Column>
    </SimpleGrid>
  );
}
