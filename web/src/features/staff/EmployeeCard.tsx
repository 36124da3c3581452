// The employee card: contact details and load across their services this period (plan vs actual).
import { Anchor, Group, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { useDashboard } from '../../api/queries';
import type { Employee } from '../../api/types';
import { useLocale } from '../../i18n';
import { formatHours, formatMonth } from '../../lib/format';
import { currentPeriod, isPeriod } from '../../lib/period';
import { usePanel } from '../../app/panel';
import { QueryState } from '../../components/QueryState';
import { Fields, Muted, Section } from '../../components/CardParts';
import { PersonAvatar } from '../../components/PersonAvatar';
import { PlanFactBar } from '../../components/PlanFactBar';
import { LightBadge } from '../../components/Lights';
import { Money } from '../../components/Money';

export default function EmployeeCard({ id }: { id: number }) {
  const { t, locale } = useLocale();
  const { open } = usePanel();
  const [params] = useSearchParams();
  const period = isPeriod(params.get('period')) ? params.get('period')! : currentPeriod();
  const employee = useQuery({ queryKey: ['employees', id], queryFn: () => api.get<Employee>(`/api/v1/employees/${id}`) });
  const dashboard = useDashboard(period);
  const rows = (dashboard.data?.clients ?? []).flatMap((c) =>
    c.services.filter((s) => s.specialist?.id === id || s.account_manager_id === id).map((s) => ({ client: c, service: s })),
  );
  const planned = rows.reduce((a, r) => a + r.service.planned_minutes, 0);
  const actual = rows.reduce((a, r) => a + r.service.actual_minutes, 0);
  const light = planned === 0 ? (actual > 0 ? 'red' : 'blue') : actual / planned - 1 <= 0 ? 'blue' : actual / planned - 1 <= 0.2 ? 'yellow' : 'red';

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
          <Section title={t('employee.load', { month: formatMonth(period, locale) })}>
            <QueryState isLoading={dashboard.isLoading} error={dashboard.error}>
              {rows.length === 0 ? (
                <Muted>{t('employee.noServices')}</Muted>
              ) : (
                <>
                  <Group gap="md" mb={4}>
                    <div style={{ flex: 1 }}>
                      <PlanFactBar planned={planned} actual={actual} light={light} elapsedShare={dashboard.data?.elapsed_share} testId="employee-load" />
                    </div>
                    <Text size="sm" fw={600} className="num">
                      {t('dashboard.planFact', { plan: formatHours(planned, locale), fact: formatHours(actual, locale) })}
                    </Text>
                  </Group>
                  <Table fz="sm" highlightOnHover>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('service.card')}</Table.Th>
                        <Table.Th style={{ textAlign: 'right' }}>{t('service.fee')}</Table.Th>
                        <Table.Th style={{ width: '30%' }}>{t('dashboard.planFactTitle')}</Table.Th>
                        <Table.Th />
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {rows.map(({ client, service }) => (
                        <Table.Tr key={service.id} style={{ cursor: 'pointer' }} onClick={() => open('service', service.id)}>
                          <Table.Td>
                            {service.name}
                            <Text size="xs" c="dimmed">{client.name}</Text>
                          </Table.Td>
                          <Table.Td style={{ textAlign: 'right' }}><Money kopecks={service.monthly_fee_kopecks} /></Table.Td>
                          <Table.Td>
                            <PlanFactBar planned={service.planned_minutes} actual={service.actual_minutes} light={service.light} elapsedShare={dashboard.data?.elapsed_share} />
                            <Text size="xs" c="dimmed" className="num" mt={2}>
                              {t('dashboard.planFact', { plan: formatHours(service.planned_minutes, locale), fact: formatHours(service.actual_minutes, locale) })}
                            </Text>
                          </Table.Td>
                          <Table.Td style={{ width: 96, textAlign: 'right' }}><LightBadge service={service} /></Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </>
              )}
            </QueryState>
          </Section>
        </div>
      )}
    </QueryState>
  );
}
