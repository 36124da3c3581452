// "Today" of a sales manager (GET /api/v1/sales/today): overdue next steps, steps due today, briefs
// the clients returned, proposals waiting for an answer; every item opens the deal card.
import { useState, type ReactNode } from 'react';
import { Badge, Group, Paper, Select, SimpleGrid, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { useEmployees } from '../../api/queries';
import { usePanel } from '../../app/panel';
import { useSession } from '../../app/session';
import { Muted } from '../../components/CardParts';
import { QueryState } from '../../components/QueryState';
import { useLocale } from '../../i18n';
import { formatDate, formatDateTime, formatMoney } from '../../lib/format';
import { orNull } from './api';
import type { Today, TodayDeal } from './types';
import { TodayTasksColumn } from './TasksSection';

export default function TodayPage() {
  const { t, locale } = useLocale();
  const { session } = useSession();
  const { open } = usePanel();
  const employees = useEmployees();
  const boss = session!.user.role === 'owner' || session!.user.role === 'head';
  const [owner, setOwner] = useState<string | null>(null);
  const today = useQuery({
    queryKey: ['sales-today', owner],
    queryFn: () => orNull(api.get<Today>('/api/v1/sales/today', { owner_id: owner ?? undefined })),
    refetchInterval: 60_000,
  });
  const d = today.data;
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
          {d ? <Text span c="dimmed" fz="md" ml="sm">{formatDate(d.date, locale)}</Text> : null}
        </Title>
        {boss && (
          <Select
            placeholder={t('today.mine')}
            data={(employees.data ?? []).filter((e) => !e.archived_at && ['owner', 'head', 'sales', 'lead_generator', 'manager'].includes(e.role)).map((e) => ({ value: String(e.id), label: e.name }))}
            value={owner}
            onChange={setOwner}
            clearable
            searchable
            w={260}
            data-testid="today-owner"
          />
        )}
      </Group>
      <QueryState isLoading={today.isLoading} error={today.error} refetch={today.refetch}>
        {d === null ? (
          <Muted>{t('common.notAvailableYet')}</Muted>
        ) : d ? (
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
    </Stack>
  );
}

function Column({ title, count, color, testId, children }: { title: string; count: number; color: string; testId: string; children: ReactNode }) {
  const { t } = useLocale();
  return (
    <Paper withBorder radius="md" p="sm" style={{ borderTop: `3px solid var(--mantine-color-${color}-6)` }} data-testid={testId}>
      <Group justify="space-between" mb="xs" wrap="nowrap" gap="xs">
        {/* One line even for the long English titles in a narrow column (the badge used to wrap under). */}
        <Text fw={600} size="sm" truncate title={title}>
          {title}
        </Text>
        <Badge color={color} variant="light" style={{ flexShrink: 0 }}>
          {count}
        </Badge>
      </Group>
      <Stack gap={6}>{count === 0 ? <Muted>{t('today.nothing')}</Muted> : children}</Stack>
    </Paper>
  );
}

function Item({ onClick, testId, children }: { onClick: () => void; testId: string; children: ReactNode }) {
  return (
    <UnstyledButton onClick={onClick} className="today-item" data-testid={testId} style={{ display: 'block', padding: '6px 8px', borderRadius: 6, border: '1px solid var(--mantine-color-default-border)' }}>
      {children}
    </UnstyledButton>
  );
}
