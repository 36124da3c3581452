import { memo } from 'react';
import { Anchor, Badge, Group, Paper, Text, Tooltip } from '@mantine/core';
import type { DashboardClient, DashboardService, DashboardServiceType } from '../../api/types';
import { useLocale } from '../../i18n';
import { formatDate, formatHours, formatMoney } from '../../lib/format';
import { PersonLine } from '../../components/PersonAvatar';
import { PlanFactBar } from '../../components/PlanFactBar';
import { LightBadge, ProjectionWarning } from '../../components/Lights';
import type { PanelKind } from '../../app/panel';

interface Props {
  client: DashboardClient;
  services: DashboardService[];
  types: Map<number, DashboardServiceType>;
  elapsedShare: number;
  open: (kind: PanelKind, id: number) => void;
}

/** One client of the dashboard with its services: who works, fee, two periods of plan vs fact, the light. */
export const ClientItem = memo(function ClientItem({ client, services, types, elapsedShare, open }: Props) {
  const { t, locale } = useLocale();
  const fee = services.reduce((a, s) => a + s.monthly_fee_kopecks, 0);
  return (
    <Paper withBorder radius="md" data-testid="client-card" data-client-id={client.id}>
      <Group justify="space-between" px="md" py={8} wrap="wrap" gap="xs">
        <Group gap="md" wrap="wrap" style={{ minWidth: 0 }}>
          <button type="button" className="link-button" onClick={() => open('client', client.id)} data-testid="client-link">
            <Text fw={600} size="md">
              {client.name}
            </Text>
          </button>
          {client.account_manager && (
            <Group gap={4} wrap="nowrap">
              <Text size="xs" c="dimmed">
                {t('client.manager')}:
              </Text>
              <Anchor size="xs" component="button" type="button" onClick={() => open('employee', client.account_manager!.id)}>
                {client.account_manager.name}
              </Anchor>
            </Group>
          )}
        </Group>
        <Group gap="md" wrap="wrap">
          {client.recommendations && (
            <Text size="xs" c="dimmed">
              {t('dashboard.recommendations', { count: client.recommendations.count })}
              {client.recommendations.overdue > 0 && (
                <Text span size="xs" c="red">
                  {' · '}
                  {t('dashboard.recommendationsOverdue', { count: client.recommendations.overdue })}
                </Text>
              )}
            </Text>
          )}
          {client.calls && (
            <Text size="xs" c="dimmed">
              {t('dashboard.calls', { count: client.calls.count, minutes: client.calls.minutes })}
            </Text>
          )}
          {client.last_contact_on && (
            <Text size="xs" c="dimmed">
              {t('dashboard.lastContact', { date: formatDate(client.last_contact_on, locale) })}
            </Text>
          )}
          <Text size="sm" fw={600} className="money">
            {formatMoney(fee, locale)}
          </Text>
        </Group>
      </Group>
      {services.map((s) => (
        <ServiceRow key={s.id} service={s} clientName={client.name} type={types.get(s.service_type_id)} elapsedShare={elapsedShare} open={open} />
      ))}
    </Paper>
  );
});

/** "SEO — ООО Ромашка" shows as "SEO" inside the card of ООО Ромашка. */
export function shortServiceName(service: string, client: string): string {
  for (const sep of [' — ', ' - ', ' – ']) {
    const suffix = sep + client;
    if (service.endsWith(suffix) && service.length > suffix.length) return service.slice(0, -suffix.length);
  }
  return service;
}

function ServiceRow({ service: s, clientName, type, elapsedShare, open }: { service: DashboardService; clientName: string; type?: DashboardServiceType; elapsedShare: number; open: Props['open'] }) {
  const { t, locale } = useLocale();
  const typeName = type ? (locale === 'en' ? type.name_en || type.name : type.name) : '';
  const shortName = shortServiceName(s.name, clientName);
  return (
    <div className="svc-row" data-testid="service-row" data-service-id={s.id} data-light={s.light}>
      <div style={{ minWidth: 0 }}>
        <button type="button" className="link-button" onClick={() => open('service', s.id)} data-testid="service-link" style={{ display: 'block', maxWidth: '100%' }}>
          <Text size="sm" fw={500} truncate title={s.name}>
            {shortName}
          </Text>
        </button>
        <Group gap={4} mt={2}>
          {typeName && typeName !== shortName && type?.name !== shortName && (
            <Badge size="xs" variant="light" color="gray">
              {typeName}
            </Badge>
          )}
          {s.status !== 'active' && (
            <Badge size="xs" variant="outline" color="gray">
              {t(`status.${s.status}`, { defaultValue: s.status })}
            </Badge>
          )}
        </Group>
      </div>
      <div style={{ minWidth: 0 }}>
        {s.specialist ? (
          <PersonLine id={s.specialist.id} name={s.specialist.name} photoUrl={s.specialist.photo_url} onClick={() => open('employee', s.specialist!.id)} />
        ) : (
          <Text size="sm" c="dimmed">
            {t('dashboard.noSpecialist')}
          </Text>
        )}
      </div>
      <Tooltip label={t('formula.margin', { cost: formatMoney(s.labour_cost_kopecks, locale) }) + ' = ' + formatMoney(s.margin_kopecks, locale)} withArrow openDelay={300}>
        <div style={{ textAlign: 'right' }}>
          <Text size="sm" fw={500} className="money">
            {formatMoney(s.monthly_fee_kopecks, locale)}
          </Text>
          <Text size="xs" c={s.margin_kopecks < 0 ? 'red' : 'dimmed'} className="money">
            {formatMoney(s.margin_kopecks, locale, true)}
          </Text>
        </div>
      </Tooltip>
      <div className="bars">
        <span>{t('dashboard.previous')}</span>
        <Group gap={8} wrap="nowrap">
          <div style={{ flex: 1 }}>
            <PlanFactBar planned={s.previous_planned_minutes} actual={s.previous_actual_minutes} light={s.previous_light} testId="bar-previous" />
          </div>
          <span className="num" style={{ width: 84, textAlign: 'right', whiteSpace: 'nowrap' }}>
            {t('dashboard.planFact', { plan: formatHours(s.previous_planned_minutes, locale), fact: formatHours(s.previous_actual_minutes, locale) })}
          </span>
        </Group>
        <span>{t('dashboard.current')}</span>
        <Group gap={8} wrap="nowrap">
          <div style={{ flex: 1 }}>
            <PlanFactBar planned={s.planned_minutes} actual={s.actual_minutes} light={s.light} elapsedShare={elapsedShare} testId="bar-current" />
          </div>
          <span className="num" style={{ width: 84, textAlign: 'right', whiteSpace: 'nowrap', color: 'var(--mantine-color-text)' }} data-testid="plan-fact">
            {t('dashboard.planFact', { plan: formatHours(s.planned_minutes, locale), fact: formatHours(s.actual_minutes, locale) })}
          </span>
        </Group>
      </div>
      <Group gap={4} justify="flex-end">
        <LightBadge service={s} />
        <ProjectionWarning service={s} elapsedShare={elapsedShare} />
      </Group>
    </div>
  );
}
