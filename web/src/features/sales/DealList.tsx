// The list view of a pipeline's deals: server-side filters, sort and paging; a row opens the deal panel.
import { Group, Table, Text } from '@mantine/core';
import type { Deal, Employee, Pipeline } from '../../api/types';
import { useLocale } from '../../i18n';
import { formatDate, formatDateTime } from '../../lib/format';
import { usePanel } from '../../components/panel';
import { Money } from '../../components/Money';
import { MiniAvatar } from '../../components/PersonAvatar';
import { QueryState } from '../../components/QueryState';
import { todayIso } from '../../lib/dates';
import { isOverdue } from './board';
import { useDealList, type DealFilters } from './api';
import { useClientNames, whoOf } from './KanbanBoard';
import { ListFooter } from '../../components/ListFooter';

export const LIST_PAGE = 50;
export const kindColor = { open: 'blue', won: 'green', lost: 'red' } as const;

export function DealList({ pipeline, filters, sort, page, onPage, employees }: { pipeline: Pipeline; filters: DealFilters; sort: string; page: number; onPage: (p: number) => void; employees: Map<number, Employee> }) {
  const { t, locale } = useLocale();
  const { open } = usePanel();
  const list = useDealList(pipeline.id, filters, sort, page, LIST_PAGE);
  const clientNames = useClientNames(list.data?.items ?? []);
  const stages = new Map(pipeline.stages.map((s) => [s.id, s]));
  const today = todayIso(new Date());
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / LIST_PAGE));
  return (
    <QueryState isLoading={list.isLoading} error={list.error} refetch={list.refetch}>
      <Table highlightOnHover fz="sm" data-testid="deals-table" verticalSpacing={6}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('sales.title_')}</Table.Th>
            <Table.Th>{t('sales.client')}</Table.Th>
            <Table.Th>{t('sales.stage')}</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>{t('sales.amount')}</Table.Th>
            <Table.Th>{t('sales.owner')}</Table.Th>
            <Table.Th>{t('sales.nextStep')}</Table.Th>
            <Table.Th>{t('sales.source')}</Table.Th>
            <Table.Th>{t('sales.updated')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data?.items.map((d: Deal) => {
            const st = stages.get(d.stage_id);
            const owner = d.owner_id ? (employees.get(d.owner_id)?.name ?? d.owner_name ?? `#${d.owner_id}`) : null;
            const overdue = isOverdue(d.next_step_on, today, st ? st.kind !== 'open' : false);
            return (
              <Table.Tr key={d.id} style={{ cursor: 'pointer' }} onClick={() => open('deal', d.id)} data-testid="deal-row">
                <Table.Td fw={500}>{d.title}</Table.Td>
                <Table.Td>{whoOf(d, clientNames) ?? '—'}</Table.Td>
                <Table.Td>
                  <span className="stage-pill" data-kind={st?.kind ?? 'open'}>
                    {st?.name ?? t('deal.unknownStage', { id: d.stage_id })}
                  </span>
                </Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>
                  <Money kopecks={d.amount_kopecks} />
                </Table.Td>
                <Table.Td>
                  {owner && (
                    <Group gap={6} wrap="nowrap">
                      <MiniAvatar id={d.owner_id!} name={owner} photoUrl={employees.get(d.owner_id!)?.photo_url ?? null} size={22} />
                      <span>{owner}</span>
                    </Group>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={overdue ? 'red' : undefined} fw={overdue ? 600 : undefined}>
                    {d.next_step_on ? formatDate(d.next_step_on, locale) : ''}
                  </Text>
                  {d.next_step && (
                    <Text size="xs" c="dimmed" lineClamp={1}>
                      {d.next_step}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{d.source ? t(`sales.sources.${d.source}`) : ''}</Table.Td>
                <Table.Td>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(d.updated_at, locale)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <ListFooter
        empty={!!list.data && list.data.items.length === 0}
        countLabel={t('sales.deals', { count: list.data?.total ?? 0 })}
        pages={pages}
        page={page}
        onPage={onPage}
      />
    </QueryState>
  );
}
