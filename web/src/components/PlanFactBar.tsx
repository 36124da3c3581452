import type { TFunction } from 'i18next';
import type { Light } from '../api/types';
import { useLocale } from '../i18n';
import { formatHours, type Locale } from '../lib/format';

interface BarProps {
  planned: number;
  actual: number;
  light: Light | null;
  elapsedShare?: number;
  testId?: string;
}

/**
 * Plan vs fact on one scale (the larger of the two fills the bar): grey track up to the plan,
 * coloured fact (hatched beyond the plan), and in the current period a red line at the
 * expected-to-date position (plan × elapsed share). Plain function: dashboard rows pass t/locale down.
 */
export function planFactBar({ planned, actual, light, elapsedShare, testId }: BarProps, t: TFunction, locale: Locale) {
  const scale = Math.max(planned, actual, 1);
  const planPct = (planned / scale) * 100;
  const factPct = (actual / scale) * 100;
  const showToday = elapsedShare !== undefined && planned > 0;
  const todayPct = showToday ? ((planned * elapsedShare!) / scale) * 100 : 0;
  const tip = `${formatHours(planned, locale)} / ${formatHours(actual, locale)} ${t('common.hoursShort')}` + (showToday ? `\n${t('formula.expected', { value: formatHours(planned * elapsedShare!, locale) })}` : '');
  return (
    <div className="pf-bar" data-testid={testId} data-plan={planned} data-fact={actual} data-tip={tip}>
      <div className="pf-plan" style={{ width: `${planPct}%` }} />
      <div className="pf-fact" data-light={light ?? 'none'} style={{ width: `${factPct}%` }} />
      {planned > 0 && planPct < 100 && <div className="pf-over" style={{ left: `${planPct}%` }} />}
      {planned > 0 && planPct < 100 && <div className="pf-planmark" style={{ left: `${planPct}%` }} />}
      {showToday && <div className="pf-today" data-testid="today-line" style={{ left: `calc(${todayPct}% - 1px)` }} />}
    </div>
  );
}

export function PlanFactBar(props: BarProps) {
  const { t, locale } = useLocale();
  return planFactBar(props, t, locale);
}
