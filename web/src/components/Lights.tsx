import { Badge, Group, Stack, Text, Tooltip } from '@mantine/core';
import type { DashboardService, Light } from '../api/types';
import { useLocale } from '../i18n';
import { formatHours, formatNumber, formatPercent } from '../lib/format';
import { projectionWorse } from '../features/dashboard/filter';

const color: Record<Light, string> = { blue: 'blue', yellow: 'yellow', red: 'red' };

/** The traffic light as a badge with the overrun formula on hover. */
export function LightBadge({ service }: { service: DashboardService }) {
  const { t, locale } = useLocale();
  const noPlan = service.planned_minutes === 0;
  const overrun = service.overrun_percent;
  const label = overrun === null || overrun === undefined ? (noPlan && service.actual_minutes > 0 ? t('dashboard.noPlan') : t(`light.${service.light}`)) : formatPercent(overrun, locale);
  const formula = noPlan
    ? t('formula.noPlan', { fact: formatHours(service.actual_minutes, locale) })
    : t('formula.overrun', {
        fact: formatHours(service.actual_minutes, locale),
        plan: formatHours(service.planned_minutes, locale),
        value: overrun === null || overrun === undefined ? '—' : formatPercent(overrun, locale),
      });
  return (
    <Tooltip
      multiline
      w={320}
      withArrow
      label={
        <Stack gap={2}>
          <Text size="xs" fw={600}>
            {t(`light.${service.light}`)}
          </Text>
          <Text size="xs">{formula}</Text>
          <Text size="xs" c="dimmed">
            {t('formula.thresholds')}
          </Text>
        </Stack>
      }
    >
      <Badge color={color[service.light]} variant="filled" data-testid="light" data-light={service.light} style={{ cursor: 'help', flexShrink: 0 }} styles={{ label: { overflow: 'visible' } }}>
        {label}
      </Badge>
    </Tooltip>
  );
}

/** "Projected: red" when the pace to period end would turn the light worse. */
export function ProjectionWarning({ service, elapsedShare }: { service: DashboardService; elapsedShare: number }) {
  const { t, locale } = useLocale();
  if (!projectionWorse(service)) return null;
  return (
    <Tooltip
      multiline
      w={320}
      withArrow
      label={
        <Text size="xs">
          {t('formula.projection', {
            fact: formatHours(service.actual_minutes, locale),
            share: formatNumber(elapsedShare, locale, 2),
            value: formatHours(service.projected_minutes, locale),
          })}
        </Text>
      }
    >
      <Badge color={color[service.projected_light]} variant="outline" size="sm" data-testid="projection" style={{ cursor: 'help' }}>
        <Group gap={4} wrap="nowrap">
          <span aria-hidden>⚠</span>
          {t('dashboard.projectionWarning', { light: t(`light.${service.projected_light}`) })}
        </Group>
      </Badge>
    </Tooltip>
  );
}
