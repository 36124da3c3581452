// "Today": an account manager's columns (GET /api/v1/accounts/today: recommendations past due,
// missed calls, silent clients, services in the red; items open the client or service card) and a
// sales manager's (GET /api/v1/sales/today: overdue next steps, steps due today, tasks, briefs the
// clients returned, proposals waiting; items open the deal card). Which of them show: todaySections.
import { useState } from 'react';
import { Group, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, orNull } from '../../api/client';
import type { Deal } from '../../api/types';
import { useEmployees } from '../../api/queries';
import { usePanel } from '../../components/panel';
import { useSession } from '../../api/session';
import { Muted } from '../../components/CardParts';
import { QueryState } from '../../components/QueryState';
import { useLocale } from '../../i18n';
import { formatDate, formatDateTime, formatMoney } from '../../lib/format';
import { TodayTasksColumn } from './TasksSection';
import { accountItems, AccountsColumns, type AccountsToday, Column, Item, todaySections } from '../accounts';
import type { Today, TodayDeal } from './types';

export default function TodayPage() {
  const { t, locale } = useLocale();
  const { session, can } = useSession();
  const { open } = usePanel();
  const employees = useEmployees();
  const me = session!.user;
  const boss = me.role === 'owner' || me.role === 'head';
  const [owner, setOwner] = useState<string | null>(null);
  const canSales = can('GET', '/api/v1/sales/today');
  const canAccounts = can('GET', '/api/v1/accounts/today');
  const today = useQuery({
    queryKey: ['sales-today', owner],
    queryFn: () => orNull(api.get<Today>('/api/v1/sales/today', { owner_id: owner ?? undefined })),
    refetchInterval: 60_000,
    enabled: canSales,
  });
  const accounts = useQuery({
    queryKey: ['accounts-today', owner],
    queryFn: () => orNull(api.get<AccountsToday>('/api/v1/accounts/today', { owner_id: owner ?? undefined })),
    refetchInterval: 60_000,
    enabled: canAccounts,
  });
  const personId = owner ? Number(owner) : me.id;
  const person = personId === me.id ? me : employees.data?.find((e) => e.id === personId);
  // Does the person own deals at all (the sales columns are theirs then, even on a quiet day)?
  const ownsDeals = useQuery({
    queryKey: ['deals', 'owned', personId],
    queryFn: async () => (await api.list<Deal>('/api/v1/deals', { owner_id: personId, limit: 1 })).total > 0,
    enabled: canSales && can('GET', '/api/v1/deals') && canAccounts,
    staleTime: 5 * 60_000,
  });
  const d = today.data;
  const a = accounts.data;
  const salesItems = d ? d.overdue.length + d.due_today.length + d.briefs_returned.length + d.proposals_waiting.length + ((d as { tasks?: unknown[] }).tasks?.length ?? 0) : null;
  const show = todaySections({ role: person?.role, canAccounts: canAccounts && a !== null, canSales: canSales && d !== null, accountItems: accountItems(a), salesItems, ownsDeals: ownsDeals.data ?? null });
  const both = show.accounts && show.sales;
  const dealItem = (x: TodayDeal, overdue: boolean) => (
    <Item key={x.id} onClick={() => open('deal', x.id)} testId="today-deal">
      <Text size="sm" fw={500} lineClamp={2} title={x.title} style={{ wordBreak: 'break-word' }}>
        {x.title}
      </Text>
      <Text size="xs" c="dimmed" truncate>
        {[x.company, x.stage_name].filter(Boolean).join(' · ')}
      </Text>
      <Group justify="space-between" wrap="nowrap" gap="xs" align="start">
        <Text size="xs" c={overdue ? 'red' : undefined}>
          {x.next_step_on ? formatDate(x.next_step_on, locale) : ''} {x.next_step ?? ''}
        </Text>
        {x.amount_kopecks ? (
          <Text size="xs" fw={500} className="money" style={{ whiteSpace: 'nowrap' }}>
            {formatMoney(x.amount_kopecks, locale, true)}
          </Text>
        ) : null}
      </Group>
    </Item>
  );
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={2}>
          {t('today.title')}
          {(a ?? d) ? <Text span c="dimmed" fz="md" ml="sm">{formatDate((a ?? d)!.date, locale)}</Text> : null}
        </Title>
        {boss && (
          <Select
            placeholder={t('accounts.me')}
            aria-label={t('accounts.person')}
            data={(employees.data ?? []).filter((e) => !e.archived_at && e.id !== me.id && ['owner', 'head', 'manager', 'sales', 'lead_generator', 'quality'].includes(e.role)).map((e) => ({ value: String(e.id), label: `${e.name} · ${t(`roles.${e.role}`)}` }))}
            value={owner}
            onChange={setOwner}
            clearable
            searchable
            w={320}
            maw="100%"
            data-testid="today-owner"
          />
        )}
      </Group>
      {show.accounts && (
        <QueryState isLoading={accounts.isLoading} error={accounts.error} refetch={accounts.refetch}>
          {both && <Title order={4}>{t('accounts.sectionAccounts')}</Title>}
          {a && <AccountsColumns data={a} />}
        </QueryState>
      )}
      {!show.accounts && !show.sales && !today.isLoading && !accounts.isLoading && <Muted>{t('common.notAvailableYet')}</Muted>}
      {show.sales && (
      <QueryState isLoading={today.isLoading} error={today.error} refetch={today.refetch}>
        {both && <Title order={4} mt="sm">{t('accounts.sectionSales')}</Title>}
        {d ? (
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3, xl: 5 }} spacing="md" data-testid="today">
            <Column title={t('today.overdue')} count={d.overdue.length} color="red" testId="today-overdue">
              {d.overdue.map((x) => dealItem(x, true))}
            </Column>
            <Column title={t('today.dueToday')} count={d.due_today.length} color="blue" testId="today-due">
              {d.due_today.map((x) => dealItem(x, false))}
            </Column>
            <TodayTasksColumn today={d} />
            <Column title={t('today.briefsReturned')} count={d.briefs_returned.length} color="green" testId="today-briefs">
              {d.briefs_returned.map((x) => (
                <Item key={x.brief_id} onClick={() => open('deal', x.deal_id, 'brief')} testId="today-brief">
                  <Text size="sm" fw={500} lineClamp={2} title={x.deal_title} style={{ wordBreak: 'break-word' }}>
                    {x.deal_title}
                  </Text>
                  <Text size="xs" c="dimmed" truncate>
                    {x.title}
                  </Text>
                  <Text size="xs">{t('paper.submittedAt', { at: formatDateTime(x.submitted_at, locale) })}</Text>
                </Item>
              ))}
            </Column>
            <Column title={t('today.proposalsWaiting')} count={d.proposals_waiting.length} color="violet" testId="today-proposals">
              {d.proposals_waiting.map((x) => (
                <Item key={x.document_id} onClick={() => open('deal', x.deal_id, 'documents')} testId="today-proposal">
                  <Text size="sm" fw={500} lineClamp={2} title={x.deal_title} style={{ wordBreak: 'break-word' }}>
                    {x.deal_title}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {x.number} · {t('paper.views', { count: x.views })}
                  </Text>
                  <Text size="xs">{x.last_viewed_at ? t('today.lastViewed', { at: formatDateTime(x.last_viewed_at, locale) }) : t('paper.sharedAt', { at: formatDateTime(x.shared_at, locale) })}</Text>
                </Item>
              ))}
            </Column>
          </SimpleGrid>
        ) : null}
      </QueryState>
      )}
    </Stack>
  );
}

