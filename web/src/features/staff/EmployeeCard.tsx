// The employee card: contact details and their load this period — planned vs their own hours per service.
import { Anchor, Group, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import type { Employee, EmployeeLoad, Light } from '../../api/types';
import { useLocale } from '../../i18n';
import { formatHours, formatMonth } from '../../lib/format';
import { currentPeriod, isPeriod } from '../../lib/period';
import { usePanel } from '../../components/panel';
import { useSession } from '../../api/session';
import { QueryState } from '../../components/QueryState';
import { Fields, Muted, Section } from '../../components/CardParts';
import { PersonAvatar } from '../../components/PersonAvatar';
import { PlanFactBar } from '../../components/PlanFactBar';

function lightOf(planned: number, actual: number): Light {
  if (planned === 0) return actual > 0 ? 'red' : 'blue';
  const overrun = actual / planned - 1;
  return overrun <= 0 ? 'blue' : overrun <= 0.2 ? 'yellow' : 'red';
}

/** GET /employees/{id}/load: the employee's services in the period, plan and fact. */
function fetchLoad(id: number, period: string): Promise<EmployeeLoad> {
  return api.get<EmployeeLoad>(`/api/v1/employees/${id}/load`, { period });
}

export default function EmployeeCard({ id }: { id: number }) {
  const { t, locale } = useLocale();
  const { open, canOpen } = usePanel();
  const { can } = useSession();
  // The load needs GET …/load (or, on an older server, the dashboard): a role with neither sees no load block.
  const canLoad = can('GET', '/api/v1/employees/{id}/load') || can('GET', '/api/v1/dashboard');
  const [params] = useSearchParams();
  const period = isPeriod(params.get('period')) ? params.get('period')! : currentPeriod();
  const employee = useQuery({ queryKey: ['employees', id], queryFn: () => api.get<Employee>(`/api/v1/employees/${id}`) });
  const load = useQuery({ queryKey: ['employee-load', id, period], queryFn: () => fetchLoad(id, period), enabled: canLoad });
  const totals = load.data?.totals;
  const h = t('common.hoursShort');

  return (
    <QueryState isLoading={employee.isLoading} error={employee.error} refetch={employee.refetch}>
      {employee.data && (
        <div data-testid="employee-card-panel">
          <Group>
            <PersonAvatar id={employee.data.id} name={employee.data.name} photoUrl={employee.data.photo_url} size={56} />
            <div>
              <Title order={3}>{employee.data.name}</Title>
              <Text c="dimmed" size="sm">
                {employee.data.position || t(`roles.${employee.data.role}`)}
              </Text>
            </div>
          </Group>
          <Section title={t('employee.card')}>
            <Fields
              items={[
                [t('employee.role'), t(`roles.${employee.data.role}`)],
                [t('employee.position'), employee.data.position],
                [t('employee.email'), employee.data.email ? <Anchor href={`mailto:${employee.data.email}`} size="sm">{employee.data.email}</Anchor> : null],
                [t('employee.phone'), employee.data.phone],
              ]}
            />
          </Section>
          {canLoad && (
          <Section title={t('employee.load', { month: formatMonth(period, locale) })}>
            <QueryState isLoading={load.isLoading} error={load.error} refetch={load.refetch}>
              {!load.data?.services.length || !totals ? (
                <Muted>{t('employee.noServices')}</Muted>
              ) : (
                <>
                  <Group gap="md" mb={4} wrap="nowrap">
                    <div style={{ flex: 1 }}>
                      <PlanFactBar planned={totals.planned_minutes} actual={totals.actual_minutes} light={lightOf(totals.planned_minutes, totals.actual_minutes)} testId="employee-load" />
                    </div>
                    <Text size="sm" fw={600} className="num" style={{ whiteSpace: 'nowrap' }}>
                      {formatHours(totals.planned_minutes, locale)} / {formatHours(totals.actual_minutes, locale)} {h}
                    </Text>
                  </Group>
                  <Text size="xs" c="dimmed" mb="xs">
                    {t('employee.loadHint')}
                  </Text>
                  <Table fz="sm" highlightOnHover>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('service.card')}</Table.Th>
                        <Table.Th style={{ width: '34%' }}>{t('employee.ownPlanFact')}</Table.Th>
                        <Table.Th style={{ textAlign: 'right' }}>{t('employee.serviceTotal')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {load.data.services.map((s) => (
                        <Table.Tr key={s.id} style={canOpen('service') ? { cursor: 'pointer' } : undefined} onClick={canOpen('service') ? () => open('service', s.id) : undefined} data-light={s.light}>
                          <Table.Td>
                            {s.name}
                            <Text size="xs" c="dimmed">
                              {s.client_name}
                              {!s.assigned && ` · ${t('employee.helping')}`}
                            </Text>
                          </Table.Td>
                          <Table.Td>
                            <PlanFactBar planned={s.planned_minutes} actual={s.actual_minutes} light={s.assigned ? lightOf(s.planned_minutes, s.actual_minutes) : null} />
                            <Text size="xs" c="dimmed" className="num" mt={2}>
                              {formatHours(s.planned_minutes, locale)} / {formatHours(s.actual_minutes, locale)} {h}
                            </Text>
                          </Table.Td>
                          <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                            <span className="light-badge" data-light={s.light} style={{ cursor: 'default' }}>
                              {formatHours(s.service_planned_minutes, locale)} / {formatHours(s.service_actual_minutes, locale)} {h}
                            </span>
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </>
              )}
            </QueryState>
          </Section>
          )}
        </div>
      )}
    </QueryState>
  );
}
