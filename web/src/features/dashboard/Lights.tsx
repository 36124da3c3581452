import type { TFunction } from 'i18next';
import type { DashboardService } from '../../api/types';
import { useLocale } from '../../i18n';
import { formatHours, formatNumber, formatPercent, type Locale } from '../../lib/format';
import { badgeOf, previousBadge, type BadgeMode } from './pace';

/**
 * The dashboard's main badge (features/dashboard/pace.ts): while the period runs, the pace — the
 * projected overrun % and its light —, with the fact against the plan in the tooltip; for a past
 * period, the final overrun and light. Plain function: rows pass t/locale down.
 */
export function lightBadge(service: DashboardService, mode: BadgeMode, elapsedShare: number, t: TFunction, locale: Locale) {
  const badge = badgeOf(service, mode);
  const noPlan = service.planned_minutes === 0;
  const label = badge.percent !== null ? formatPercent(badge.percent, locale) : noPlan && service.actual_minutes > 0 ? t('dashboard.noPlan') : t(`light.${badge.light}`);
  const fact = formatHours(service.actual_minutes, locale);
  const plan = formatHours(service.planned_minutes, locale);
  const factPercent = service.overrun_percent;
  let lines: string[];
  if (noPlan) lines = [t(`light.${badge.light}`), t('formula.noPlan', { fact })];
  else if (mode === 'pace')
    lines = [
      t('dashboard.paceTitle', { light: t(`light.${badge.light}`) }),
      t('dashboard.paceFormula', {
        fact,
        share: formatNumber(service.elapsed_share ?? elapsedShare, locale, 2),
        projected: formatHours(service.projected_minutes, locale),
        plan,
        value: badge.percent !== null ? formatPercent(badge.percent, locale) : '—',
      }),
      t('dashboard.paceFact', {
        fact,
        plan,
        value: factPercent !== null && factPercent !== undefined ? formatPercent(factPercent, locale) : '—',
        light: t(`light.${service.light}`),
        expected: formatHours(service.expected_minutes, locale),
      }),
    ];
  else
    lines = [
      t(`light.${badge.light}`),
      t('formula.overrun', { fact, plan, value: badge.percent !== null ? formatPercent(badge.percent, locale) : '—' }),
    ];
  const tip = [...lines, t('formula.thresholds')].join('\n');
  return (
    <span className="light-badge" data-testid="light" data-light={badge.light} data-mode={mode} data-tip={tip} tabIndex={0}>
      {label}
    </span>
  );
}

export function LightBadge({ service, mode = 'final', elapsedShare = 1 }: { service: DashboardService; mode?: BadgeMode; elapsedShare?: number }) {
  const { t, locale } = useLocale();
  return lightBadge(service, mode, elapsedShare, t, locale);
}

/** The previous period's final light, a small pill beside its bar (hover: fact ÷ plan). */
export function previousLight(service: DashboardService, t: TFunction, locale: Locale) {
  const b = previousBadge(service);
  if (!b) return <span className="bar-light" />;
  const label = b.percent !== null ? formatPercent(Math.round(b.percent), locale) : t('dashboard.noPlan');
  const formula =
    b.percent !== null
      ? t('formula.overrun', { fact: formatHours(service.previous_actual_minutes, locale), plan: formatHours(service.previous_planned_minutes, locale), value: formatPercent(b.percent, locale) })
      : t('formula.noPlan', { fact: formatHours(service.previous_actual_minutes, locale) });
  return (
    <span className="bar-light" data-testid="previous-light" data-light={b.light} data-tip={`${t('dashboard.previousFinal', { light: t(`light.${b.light}`) })}\n${formula}`} tabIndex={0}>
      {label}
    </span>
  );
}
