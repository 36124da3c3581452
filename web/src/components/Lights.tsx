import type { TFunction } from 'i18next';
import type { DashboardService, Light } from '../api/types';
import { useLocale } from '../i18n';
import { formatHours, formatNumber, formatPercent, type Locale } from '../lib/format';
import { projectionWorse } from '../features/dashboard/filter';

/** The traffic light as a coloured badge; hovering shows the overrun formula with the figures. Plain function: rows pass t/locale down. */
export function lightBadge(service: DashboardService, t: TFunction, locale: Locale) {
  const noPlan = service.planned_minutes === 0;
  const overrun = service.overrun_percent;
  const hasOverrun = overrun !== null && overrun !== undefined;
  const label = hasOverrun ? formatPercent(overrun, locale) : noPlan && service.actual_minutes > 0 ? t('dashboard.noPlan') : t(`light.${service.light}`);
  const formula = noPlan
    ? t('formula.noPlan', { fact: formatHours(service.actual_minutes, locale) })
    : t('formula.overrun', {
        fact: formatHours(service.actual_minutes, locale),
        plan: formatHours(service.planned_minutes, locale),
        value: hasOverrun ? formatPercent(overrun, locale) : '—',
      });
  const tip = `${t(`light.${service.light}`)}\n${formula}\n${t('formula.thresholds')}`;
  return (
    <span className="light-badge" data-testid="light" data-light={service.light} data-tip={tip} tabIndex={0}>
      {label}
    </span>
  );
}

export function LightBadge({ service }: { service: DashboardService }) {
  const { t, locale } = useLocale();
  return lightBadge(service, t, locale);
}

/** "⚠ Projected: red" when the pace to period end would turn the light worse than it is now. */
export function projectionWarning(service: DashboardService, elapsedShare: number, t: TFunction, locale: Locale) {
  if (!projectionWorse(service)) return null;
  const tip = t('formula.projection', {
    fact: formatHours(service.actual_minutes, locale),
    share: formatNumber(elapsedShare, locale, 2),
    value: formatHours(service.projected_minutes, locale),
  });
  return (
    <span className="proj-badge" data-testid="projection" data-light={service.projected_light as Light} data-tip={tip} tabIndex={0}>
      ⚠ {t('dashboard.projectionWarning', { light: t(`light.${service.projected_light}`) })}
    </span>
  );
}
