// The client card in the side panel: requisites, contacts, services, recent time, calls, recommendations, history.
import { useState } from 'react';
import { Anchor, Badge, Button, Group, Table, Tabs, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, optionalList } from '../../api/client';
import { useEmployees, useServiceTypes } from '../../api/queries';
import type { AuditItem, Call, Client, Contact, Recommendation, Service, TimeEntry } from '../../api/types';
import { useLocale } from '../../i18n';
import { formatDate, formatDateTime, formatHours } from '../../lib/format';
import { usePanel } from '../../components/panel';
import { useSession } from '../../api/session';
import { QueryState } from '../../components/QueryState';
import { Fields, Muted, Section, StatusBadge } from '../../components/CardParts';
import { Money } from '../../components/Money';
import { RequisitesDialog } from './RequisitesDialog';

export default function ClientCard({ id }: { id: number }) {
  const { t, locale } = useLocale();
  const { can, session } = useSession();
  const { open, tab, setTab, canOpen } = usePanel();
  const [editing, setEditing] = useState(false);
  const employees = useEmployees();
  const types = useServiceTypes();
  const nameOf = (uid: number | null | undefined) => employees.data?.find((e) => e.id === uid)?.name ?? (uid ? `#${uid}` : '—');
  const client = useQuery({ queryKey: ['clients', id], queryFn: () => api.get<Client>(`/api/v1/clients/${id}`) });
  const contacts = useQuery({ queryKey: ['contacts', { client: id }], queryFn: () => api.list<Contact>('/api/v1/contacts', { client_id: id, limit: 100 }), enabled: can('GET', '/api/v1/contacts') });
  // Tabs for what the role may read (permissions from /auth/me): no request that would answer 403.
  const canServices = can('GET', '/api/v1/services');
  const canTime = can('GET', '/api/v1/time-entries');
  const canCalls = can('GET', '/api/v1/calls');
  const canRecs = can('GET', '/api/v1/recommendations');
  const services = useQuery({
    queryKey: ['services', { client: id }],
    queryFn: () => api.list<Service>('/api/v1/services', { client_id: id, limit: 200 }),
    enabled: can('GET', '/api/v1/services'),
  });

  const time = useQuery({
    queryKey: ['client-time', id],
    queryFn: () => api.list<TimeEntry>('/api/v1/time-entries', { client_id: id, sort: 'date', order: 'desc', limit: 20 }),
    enabled: can('GET', '/api/v1/time-entries'),
  });
  const calls = useQuery({ queryKey: ['calls', { client: id }], queryFn: () => optionalList<Call>('/api/v1/calls', { client_id: id, limit: 50 }), enabled: canCalls });
  const recs = useQuery({ queryKey: ['recommendations', { client: id }], queryFn: () => optionalList<Recommendation>('/api/v1/recommendations', { client_id: id, limit: 50 }), enabled: canRecs });
  const canAudit = can('GET', '/api/v1/audit');
  const audit = useQuery({
    queryKey: ['audit', 'clients', id],
    queryFn: () => api.list<AuditItem>('/api/v1/audit', { entity: 'clients', id, limit: 50 }),
    enabled: canAudit,
  });
  const serviceName = (sid: number) => services.data?.items.find((s) => s.id === sid)?.name ?? `#${sid}`;
  const typeName = (tid: number) => {
    const ty = types.data?.find((x) => x.id === tid);
    return ty ? (locale === 'en' ? ty.name_en || ty.name : ty.name) : '';
  };

  return (
    <QueryState isLoading={client.isLoading} error={client.error} refetch={client.refetch}>
      {client.data && (
        <div data-testid="client-card-panel">
          <Group justify="space-between" align="start">
            <div>
              <Title order={3}>{client.data.name}</Title>
              {client.data.legal_name && <Muted>{client.data.legal_name}</Muted>}
            </div>
            <StatusBadge status={client.data.status} label={t(`status.${client.data.status}`)} />
          </Group>
          <Group gap="lg" mt="xs">
            <Text size="sm">
              {t('client.account_manager')}:{' '}
              {client.data.account_manager_id ? (
                <Anchor component="button" type="button" size="sm" onClick={() => open('employee', client.data!.account_manager_id!)}>
                  {nameOf(client.data.account_manager_id)}
                </Anchor>
              ) : (
                '—'
              )}
            </Text>
            {client.data.tags?.map((tag) => (
              <Badge key={tag} variant="outline" size="sm">
                {tag}
              </Badge>
            ))}
          </Group>
          <Tabs value={tab && ([['services', canServices], ['time', canTime], ['calls', canCalls], ['recs', canRecs], ['audit', canAudit]] as const).some(([k, ok]) => k === tab && ok) ? tab : 'overview'} onChange={(v) => setTab(v === 'overview' ? null : v)} mt="md" keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="overview">{t('client.requisites')}</Tabs.Tab>
              {canServices && (
                <Tabs.Tab value="services">
                  {t('client.services')} {services.data ? `(${services.data.total})` : ''}
                </Tabs.Tab>
              )}
              {canTime && <Tabs.Tab value="time">{t('client.recentTime')}</Tabs.Tab>}
              {canCalls && <Tabs.Tab value="calls">{t('client.calls')}</Tabs.Tab>}
              {canRecs && <Tabs.Tab value="recs">{t('client.recommendations')}</Tabs.Tab>}
              {canAudit && <Tabs.Tab value="audit">{t('client.audit')}</Tabs.Tab>}
            </Tabs.List>
            <Tabs.Panel value="overview" pt="sm">
              {/* Sales roles may change only a prospect (status lead): the server answers 403 otherwise. */}
              {can('PATCH', '/api/v1/clients/{id}') && (client.data.status === 'lead' || !['sales', 'lead_generator'].includes(session!.user.role)) && (
                <Group justify="flex-end" mb={4}>
                  <Button size="xs" variant="light" onClick={() => setEditing(true)} data-testid="client-edit-requisites">
                    {t('readiness.editRequisites')}
                  </Button>
                </Group>
              )}
              {editing && <RequisitesDialog client={client.data} opened onClose={() => setEditing(false)} />}
              <Fields
                items={[
                  [t('readiness.fields.legal_name'), client.data.legal_name],
                  [t('client.inn'), client.data.inn],
                  [t('client.kpp'), client.data.kpp],
                  [t('client.ogrn'), client.data.ogrn],
                  [t('client.legal_address'), client.data.legal_address],
                  [t('client.bank_name'), client.data.bank_name],
                  [t('client.bik'), client.data.bik],
                  [t('client.bank_account'), client.data.bank_account],
                  [t('client.correspondent_account'), client.data.correspondent_account],
                  [t('client.phone'), client.data.phone],
                  [t('client.email'), client.data.email],
                  [t('client.website'), client.data.website ? <Anchor href={client.data.website} target="_blank" rel="noreferrer" size="sm">{client.data.website}</Anchor> : null],
                  [t('client.source'), client.data.source],
                ]}
              />
              {client.data.note && <Section title={t('client.note')}><Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{client.data.note}</Text></Section>}
              <Section title={t('client.contacts')}>
                <QueryState isLoading={contacts.isLoading} error={contacts.error}>
                  {contacts.data?.items.length ? (
                    <Table fz="sm" striped>
                      <Table.Tbody>
                        {contacts.data.items.map((c) => (
                          <Table.Tr key={c.id}>
                            <Table.Td>
                              {c.name} {c.is_primary && <Badge size="xs" variant="light">{t('client.primary')}</Badge>}
                              {c.position && <Text size="xs" c="dimmed">{c.position}</Text>}
                            </Table.Td>
                            <Table.Td>{c.phone ?? ''}</Table.Td>
                            <Table.Td>{c.email ? <Anchor href={`mailto:${c.email}`} size="sm">{c.email}</Anchor> : ''}</Table.Td>
                            <Table.Td>{c.messenger ?? ''}</Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  ) : (
                    <Muted>{t('client.noContacts')}</Muted>
                  )}
                </QueryState>
              </Section>
            </Tabs.Panel>
            <Tabs.Panel value="services" pt="sm">
              <QueryState isLoading={services.isLoading} error={services.error}>
                <Table fz="sm" highlightOnHover>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('common.name')}</Table.Th>
                      <Table.Th>{t('service.specialist')}</Table.Th>
                      <Table.Th style={{ textAlign: 'right' }}>{t('service.fee')}</Table.Th>
                      <Table.Th>{t('common.status')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {services.data?.items.map((s) => (
                      <Table.Tr key={s.id} style={{ cursor: 'pointer' }} onClick={canOpen('service') ? () => open('service', s.id) : undefined}>
                        <Table.Td>
                          {s.name}
                          <Text size="xs" c="dimmed">{typeName(s.service_type_id)}</Text>
                        </Table.Td>
                        <Table.Td>{nameOf(s.specialist_id)}</Table.Td>
                        <Table.Td style={{ textAlign: 'right' }}><Money kopecks={s.monthly_fee_kopecks} /></Table.Td>
                        <Table.Td><StatusBadge status={s.status} label={t(`status.${s.status}`)} /></Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </QueryState>
            </Tabs.Panel>
            <Tabs.Panel value="time" pt="sm">
              <QueryState isLoading={time.isLoading} error={time.error}>
                {time.data?.items.length ? (
                  <Table fz="sm">
                    <Table.Tbody>
                      {time.data.items.map((e) => (
                        <Table.Tr key={e.id}>
                          <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(e.date, locale)}</Table.Td>
                          <Table.Td>{nameOf(e.user_id)}</Table.Td>
                          <Table.Td>{serviceName(e.service_id)}</Table.Td>
                          <Table.Td className="num" style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>{formatHours(e.duration_minutes, locale)} {t('common.hoursShort')}</Table.Td>
                          <Table.Td><Text size="xs" c="dimmed" lineClamp={2}>{e.note}</Text></Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                ) : (
                  <Muted>{t('service.noEntries')}</Muted>
                )}
              </QueryState>
            </Tabs.Panel>
            <Tabs.Panel value="calls" pt="sm">
              <QueryState isLoading={calls.isLoading} error={calls.error}>
                {calls.data === null ? (
                  <Muted>{t('client.callsUnavailable')}</Muted>
                ) : calls.data?.items.length ? (
                  <Table fz="sm">
                    <Table.Tbody>
                      {calls.data.items.map((c) => (
                        <Table.Tr key={c.id}>
                          <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(c.started_at ?? null, locale)}</Table.Td>
                          <Table.Td>{t(`calls.${c.direction}`, { defaultValue: String(c.direction ?? '') })}</Table.Td>
                          <Table.Td>{nameOf(c.employee_id)}</Table.Td>
                          <Table.Td className="num" style={{ whiteSpace: 'nowrap' }}>{c.phone}</Table.Td>
                          <Table.Td className="num" style={{ whiteSpace: 'nowrap' }}>{c.status === 'missed' ? <Badge color="red" variant="light" size="sm">{t('calls.missed')}</Badge> : t('calls.duration', { minutes: Math.floor((c.duration_seconds ?? 0) / 60), seconds: String((c.duration_seconds ?? 0) % 60).padStart(2, '0') })}</Table.Td>
                          <Table.Td><Text size="xs" c="dimmed">{c.note}</Text></Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                ) : (
                  <Muted>{t('client.noCalls')}</Muted>
                )}
              </QueryState>
            </Tabs.Panel>
            <Tabs.Panel value="recs" pt="sm">
              <QueryState isLoading={recs.isLoading} error={recs.error}>
                {recs.data === null ? (
                  <Muted>{t('client.recommendationsUnavailable')}</Muted>
                ) : recs.data?.items.length ? (
                  <Table fz="sm">
                    <Table.Tbody>
                      {recs.data.items.map((r) => (
                        <Table.Tr key={r.id}>
                          <Table.Td>
                            <Text size="sm">{r.title}</Text>
                            {r.body && <Text size="xs" c="dimmed">{r.body}</Text>}
                          </Table.Td>
                          <Table.Td><Badge variant="light" size="sm" color={recColor[r.status ?? ''] ?? 'gray'}>{t(`recs.${r.status}`, { defaultValue: String(r.status ?? '') })}</Badge></Table.Td>
                          <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(r.sent_on ?? null, locale)}</Table.Td>
                          <Table.Td style={{ whiteSpace: 'nowrap' }}>{r.due_on ? `${t('recs.due')} ${formatDate(r.due_on, locale)}` : ''}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                ) : (
                  <Muted>{t('client.noRecommendations')}</Muted>
                )}
              </QueryState>
            </Tabs.Panel>
            {canAudit && (
              <Tabs.Panel value="audit" pt="sm">
                <QueryState isLoading={audit.isLoading} error={audit.error}>
                  {audit.data?.items.length ? (
                    <Table fz="xs">
                      <Table.Tbody>
                        {audit.data.items.map((a, i) => (
                          <Table.Tr key={String(a.id ?? i)}>
                            <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(String(a.at ?? a.created_at ?? ''), locale)}</Table.Td>
                            <Table.Td>{t(`audit.${String(a.action)}`, { defaultValue: String(a.action ?? '') })}</Table.Td>
                            <Table.Td>{String(a.user_name ?? nameOf(a.user_id as number))}</Table.Td>
                            <Table.Td><Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>{summarizeChanges(a.before, a.after)}</Text></Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  ) : (
                    <Muted>{t('client.auditEmpty')}</Muted>
                  )}
                </QueryState>
              </Tabs.Panel>
            )}
          </Tabs>
        </div>
      )}
    </QueryState>
  );
}

/** "field: old → new" for the fields an audit record changed (all fields of a created record). */
const recColor: Record<string, string> = { draft: 'gray', sent: 'blue', approved: 'teal', rejected: 'red', implemented: 'green' };

function summarizeChanges(before: unknown, after: unknown): string {
  const b = (before && typeof before === 'object' ? before : {}) as Record<string, unknown>;
  const a = (after && typeof after === 'object' ? after : {}) as Record<string, unknown>;
  const show = (v: unknown) => (v === null || v === undefined ? '∅' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  return Object.keys({ ...b, ...a })
    .filter((k) => !['version', 'updated_at', 'created_at', 'id'].includes(k) && JSON.stringify(b[k]) !== JSON.stringify(a[k]))
    .slice(0, 10)
    .map((k) => (k in b && before ? `${k}: ${show(b[k])} → ${show(a[k])}` : `${k}: ${show(a[k])}`))
    .join('; ');
}
