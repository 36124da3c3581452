// Employees: the agency's people (staff) and, in their own tab, the portal users of client companies
// (role "client"), who are not employees. One cached list (GET /api/v1/employees, up to 1,000, the
// same query the pickers use), searched and paged in the browser by name, e-mail and position.
import { useMemo, useState } from 'react';
import { Group, Paper, SegmentedControl, Table, Text, TextInput, Title } from '@mantine/core';
import type { Employee } from '../../api/types';
import { useEmployees } from '../../api/queries';
import { useLocale } from '../../i18n';
import { usePanel } from '../../components/panel';
import { QueryState } from '../../components/QueryState';
import { ListFooter } from '../../components/ListFooter';
import { PersonAvatar } from '../../components/PersonAvatar';
import { fold } from '../../lib/search';
import { splitPeople } from './people';

const PAGE = 50;

export default function EmployeesPage() {
  const { t } = useLocale();
  const { open, canOpen } = usePanel();
  const employees = useEmployees();
  const [q, setQ] = useState('');
  const [group, setGroup] = useState<'staff' | 'portal'>('staff');
  const [page, setPage] = useState(1);
  const { staff, portal } = useMemo(() => splitPeople(employees.data ?? []), [employees.data]);
  const list = group === 'portal' ? portal : staff;
  const needle = fold(q);
  const shown = useMemo(() => (needle ? list.filter((e) => fold(`${e.name} ${e.email} ${e.position ?? ''}`).includes(needle)) : list), [list, needle]);
  const pages = Math.max(1, Math.ceil(shown.length / PAGE));
  const rows = shown.slice((page - 1) * PAGE, page * PAGE);
  const clickable = canOpen('employee');
  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" mb="sm" gap="sm">
        <Group gap="sm">
          <Title order={3}>{t('list.employees')}</Title>
          {portal.length > 0 && (
            <SegmentedControl
              size="xs"
              value={group}
              onChange={(v) => {
                setGroup(v as 'staff' | 'portal');
                setPage(1);
              }}
              data={[
                { value: 'staff', label: t('people.staff', { count: staff.length }) },
                { value: 'portal', label: t('people.portal', { count: portal.length }) },
              ]}
              data-testid="people-group"
            />
          )}
        </Group>
        <TextInput
          placeholder={t('people.searchPlaceholder')}
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            setPage(1);
          }}
          w={{ base: '100%', xs: 260 }}
          data-testid="list-search"
        />
      </Group>
      {group === 'portal' && (
        <Text size="sm" c="dimmed" mb="xs">
          {t('people.portalHint')}
        </Text>
      )}
      <QueryState isLoading={employees.isLoading} error={employees.error} refetch={employees.refetch}>
        <div className="table-scroll">
          <Table highlightOnHover={clickable} fz="sm" data-testid="employees-table" data-group={group}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('people.name')}</Table.Th>
                <Table.Th>{t('employee.role')}</Table.Th>
                <Table.Th>{t('employee.email')}</Table.Th>
                <Table.Th>{t('employee.phone')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((e: Employee) => (
                <Table.Tr key={e.id} style={clickable ? { cursor: 'pointer' } : undefined} onClick={clickable ? () => open('employee', e.id) : undefined} data-testid="employee-row" data-role={e.role}>
                  <Table.Td>
                    <Group gap="sm" wrap="nowrap">
                      <PersonAvatar id={e.id} name={e.name} photoUrl={e.photo_url} />
                      <div style={{ minWidth: 0 }}>
                        <Text size="sm" fw={500}>
                          {e.name}
                        </Text>
                        {e.position && (
                          <Text size="xs" c="dimmed">
                            {e.position}
                          </Text>
                        )}
                      </div>
                    </Group>
                  </Table.Td>
                  <Table.Td>{t(`roles.${e.role}`)}</Table.Td>
                  <Table.Td>{e.email}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{e.phone ?? ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
        <ListFooter empty={rows.length === 0} countLabel={t('list.count', { count: shown.length })} pages={pages} page={page} onPage={setPage} />
      </QueryState>
    </Paper>
  );
}
