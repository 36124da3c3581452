// Time entries of a month: mine by default; add, edit and delete through the quick form.
import { useState } from 'react';
import { ActionIcon, Anchor, Badge, Button, Group, Paper, Switch, Table, Text, Title } from '@mantine/core';
import { MonthPickerInput } from '@mantine/dates';
import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { keys, useEmployees } from '../../api/queries';
import type { Service, TimeEntry } from '../../api/types';
import { useLocale } from '../../i18n';
import { formatDate, formatHours } from '../../lib/format';
import { currentPeriod } from '../../lib/period';
import { usePanel } from '../../components/panel';
import { useSession } from '../../api/session';
import { QueryState } from '../../components/QueryState';
import { useTimeEntryDialog } from './TimeEntryDialog';

export default function TimePage() {
  const { t, locale } = useLocale();
  const { session } = useSession();
  const { open } = usePanel();
  const openEntry = useTimeEntryDialog();
  const employees = useEmployees();
  const me = session!.user;
  const [month, setMonth] = useState(currentPeriod());
  const [onlyMine, setOnlyMine] = useState(true);
  const entries = useQuery({
    queryKey: ['time-entries', { month, user: onlyMine ? me.id : null }],
    queryFn: () => api.list<TimeEntry>('/api/v1/time-entries', { month, user_id: onlyMine ? me.id : undefined, sort: 'date', order: 'desc', limit: 1000 }),
    placeholderData: keepPreviousData,
  });
  const serviceIds = [...new Set((entries.data?.items ?? []).map((e) => e.service_id))].slice(0, 200);
  const services = useQueries({
    queries: serviceIds.map((id) => ({ queryKey: keys.service(id), queryFn: () => api.get<Service>(`/api/v1/services/${id}`), staleTime: 5 * 60_000 })),
  });
  const serviceName = (id: number) => services.find((q) => q.data?.id === id)?.data?.name ?? `#${id}`;
  const nameOf = (uid: number) => employees.data?.find((e) => e.id === uid)?.name ?? `#${uid}`;
  const total = (entries.data?.items ?? []).reduce((a, e) => a + e.duration_minutes, 0);
  const canEdit = (e: TimeEntry) => session!.permissions.includes('PATCH /api/v1/time-entries/{id}') && (me.role !== 'specialist' || e.user_id === me.id);

  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" mb="sm">
        <Group>
          <Title order={3}>{t('time.title')}</Title>
          <MonthPickerInput value={`${month}-01`} onChange={(v) => v && setMonth(v.slice(0, 7))} valueFormat="MMMM YYYY" w={170} aria-label={t('time.month')} />
          <Switch label={t('time.onlyMine')} checked={onlyMine} onChange={(e) => setOnlyMine(e.currentTarget.checked)} />
        </Group>
        <Group>
          <Text fw={600} className="num" data-testid="time-total">
            {t('time.totalHours', { hours: formatHours(total, locale) })}
          </Text>
          {session!.permissions.includes('POST /api/v1/time-entries') && <Button onClick={() => openEntry()}>+ {t('time.quickAdd')}</Button>}
        </Group>
      </Group>
      <QueryState isLoading={entries.isLoading} error={entries.error} refetch={entries.refetch}>
        {entries.data?.items.length ? (
          <Table highlightOnHover fz="sm" data-testid="time-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('time.date')}</Table.Th>
                <Table.Th>{t('time.service')}</Table.Th>
                <Table.Th>{t('time.employee')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('time.hours')}</Table.Th>
                <Table.Th>{t('time.note')}</Table.Th>
                <Table.Th>{t('time.source')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.data.items.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(e.date, locale)}</Table.Td>
                  <Table.Td>
                    <Anchor component="button" type="button" size="sm" onClick={() => open('service', e.service_id)}>
                      {serviceName(e.service_id)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{nameOf(e.user_id)}</Table.Td>
                  <Table.Td className="num" style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                    {formatHours(e.duration_minutes, locale)} {t('common.hoursShort')}
                  </Table.Td>
                  <Table.Td><Text size="xs" lineClamp={2}>{e.note}</Text></Table.Td>
                  <Table.Td><Badge variant="light" color="gray" size="sm">{t(`time.sources.${e.source}`)}</Badge></Table.Td>
                  <Table.Td>
                    {canEdit(e) && (
                      <ActionIcon variant="subtle" size="sm" onClick={() => openEntry({ entry: e })} aria-label={t('common.edit')}>
                        ✎
                      </ActionIcon>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : (
          <Text c="dimmed" ta="center" p="lg">
            {t('common.nothing')}
          </Text>
        )}
      </QueryState>
    </Paper>
  );
}
