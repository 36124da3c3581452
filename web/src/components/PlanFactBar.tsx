import { Tooltip } from '@mantine/core';
import type { Light } from '../api/types';
import { useLocale } from '../i18n';
import { formatHours } from '../lib/format';

/**
 * Plan vs fact on one scale (the larger of the two fills the bar): grey track up to the plan,
 * coloured fact, and in the current period a red line at the expected-to-date position.
 */
export function PlanFactBar({ planned, actual, light, elapsedShare, testId }: { planned: number; actual: number; light: Light | null; elapsedShare?: number; testId?: string }) {
  const { t, locale } = useLocale();
  const scale = Math.max(planned, actual, 1);
  const planPct = (planned / scale) * 100;
  const factPct = (actual / scale) * 100;
  const todayPct = elapsedShare === undefined ? null : ((planned * elapsedShare) / scale) * 100;
  const bar = (
    <div className="pf-bar" data-testid={testId} data-plan={planned} data-fact={actual} aria-label={`${formatHours(planned, locale)} / ${formatHours(actual, locale)}`}>
      <div className="pf-plan" style={{ width: `${planPct}%` }} />
      <div className="pf-fact" data-light={light ?? 'none'} style={{ width: `${factPct}%` }} />
      {planned > 0 && planPct < 100 && <div className="pf-over" style={{ left: `${planPct}%` }} />}
      {planned > 0 && planPct < 100 && <div className="pf-planmark" style={{ left: `${planPct}%` }} />}
      {todayPct !== null && planned > 0 && <div className="pf-today" data-testid="today-line" style={{ left: `calc(${todayPct}% - 1px)` }} />}
    </div>
  );
  if (todayPct === null || planned === 0) return bar;
  return (
    <Tooltip label={t('dashboard.todayLine', { hours: formatHours(planned * (elapsedShare ?? 0), locale) })} withArrow openDelay={300}>
      {bar}
    </Tooltip>
  );
}
