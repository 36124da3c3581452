// A server-searched, paged list of records; a row click opens its card in the side panel.
import { useState, type ReactNode } from 'react';
import { Group, Paper, Table, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { useLocale } from '../i18n';
import { QueryState } from './QueryState';
import { ListFooter } from './ListFooter';

export interface Column<T> {
  key: string;
  title: string;
  render: (row: T) => ReactNode;
  align?: 'right';
}

const PAGE = 50;

export function RecordList<T extends { id: number }>({ title, path, columns, onOpen, extraQuery, filters, testId }: {
  title: string;
  path: string;
  columns: Column<T>[];
  onOpen: (row: T) => void;
  extraQuery?: Record<string, string | number | undefined>;
  filters?: ReactNode;
  testId?: string;
}) {
  const { t } = useLocale();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [debounced] = useDebouncedValue(q, 250);
  const list = useQuery({
    queryKey: [path, 'list', debounced, page, extraQuery],
    queryFn: () => api.list<T>(path, { q: debounced || undefined, limit: PAGE, offset: (page - 1) * PAGE, ...extraQuery }),
    placeholderData: keepPreviousData,
  });
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / PAGE));
  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" mb="sm">
        <Title order={3}>{title}</Title>
        <Group>
          {filters}
          <TextInput placeholder={t('list.searchPlaceholder')} value={q} onChange={(e) => { setQ(e.currentTarget.value); setPage(1); }} w={260} data-testid="list-search" />
        </Group>
      </Group>
      <QueryState isLoading={list.isLoading} error={list.error} refetch={list.refetch}>
        <Table highlightOnHover fz="sm" data-testid={testId}>
          <Table.Thead>
            <Table.Tr>
              {columns.map((c) => (
                <Table.Th key={c.key} style={{ textAlign: c.align }}>
                  {c.title}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data?.items.map((row) => (
              <Table.Tr key={row.id} style={{ cursor: 'pointer' }} onClick={() => onOpen(row)}>
                {columns.map((c) => (
                  <Table.Td key={c.key} style={{ textAlign: c.align }}>
                    {c.render(row)}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <ListFooter
          empty={!!list.data && list.data.items.length === 0}
          countLabel={t('list.count', { count: list.data?.total ?? 0 })}
          pages={pages}
          page={page}
          onPage={setPage}
        />
      </QueryState>
    </Paper>
  );
}
