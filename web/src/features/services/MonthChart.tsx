// Twelve months of a service: plan (grey) beside fact coloured by that month's light, the running
// month's projection dashed. Plain markup (no chart library): a click on a month opens it in the card.
import type { TFunction } from 'i18next';
import type { PlanFactMonth } from '../../api/types';
import { formatHours, formatMonth, formatMonthShort, formatMoney, formatPercent, type Locale } from '../../lib/format';
import { chartColumns } from './card';

interface Props {
  months: PlanFactMonth[];
  selected: string;
  current: string;
  onSelect: (period: string) => void;
  t: TFunction;
  locale: Locale;
}

export function MonthChart({ months, selected, current, onSelect, t, locale }: Props) {
  const { columns, maxMinutes } = chartColumns(months, current);
  const ticks = [1, 0.5, 0].map((f) => ({ f, label: formatHours(maxMinutes * f, locale) }));
  return (
    <div className="mchart" data-testid="service-chart">
      <div className="mc-axis" aria-hidden>
        {ticks.map((x) => (
          <span key={x.f} style={{ bottom: `${x.f * 100}%` }}>
            {x.label}
          </span>
        ))}
      </div>
      <div className="mc-cols">
        <span className="mc-gridlayer" aria-hidden>
          {ticks.map((x) => (
            <i key={x.f} className="mc-grid" style={{ bottom: `${x.f * 100}%` }} />
          ))}
        </span>
        {columns.map((c) => {
          const m = c.month;
          const lines = [
            formatMonth(m.period, locale),
            t('serviceCard.chartTip', {
              plan: formatHours(m.planned_minutes, locale),
              fact: formatHours(m.actual_minutes, locale),
              value: m.overrun_percent !== null ? formatPercent(m.overrun_percent, locale) : '—',
              light: t(`light.${m.light}`),
            }),
          ];
          if (c.projected !== null && m.projected_minutes !== undefined)
            lines.push(t('serviceCard.chartTipProjection', { hours: formatHours(m.projected_minutes, locale), light: t(`light.${c.projectedLight}`) }));
          if (m.margin_kopecks !== null) lines.push(t('serviceCard.chartTipMargin', { margin: formatMoney(m.margin_kopecks, locale, true) }));
          return (
            <button
              key={c.period}
              type="button"
              className="mc-col"
              data-period={c.period}
              data-selected={c.period === selected || undefined}
              aria-pressed={c.period === selected}
              aria-label={formatMonth(m.period, locale)}
              data-tip={lines.join('\n')}
              onClick={() => onSelect(c.period)}
            >
              <span className="mc-bars">
                <span className="mc-plan" style={{ height: `${c.plan}%` }} />
                <span className="mc-factwrap">
                  {c.projected !== null && <span className="mc-proj" data-light={c.projectedLight ?? undefined} style={{ height: `${c.projected}%` }} />}
                  <span className="mc-fact" data-light={c.light} style={{ height: `${c.fact}%` }} />
                </span>
              </span>
              <span className="mc-label">{formatMonthShort(c.period, locale)}</span>
            </button>
          );
        })}
      </div>
      <div className="mc-legend dim">
        <span><i className="lg lg-plan" /> {t('serviceCard.legendPlan')}</span>
        <span><i className="lg lg-fact" /> {t('serviceCard.legendFact')}</span>
        {columns.some((c) => c.projected !== null) && <span><i className="lg mc-lg-proj" /> {t('serviceCard.legendProjection')}</span>}
        <span>{t('serviceCard.chartHint')}</span>
      </div>
    </div>
  );
}
