import { memo } from 'react';
import type { TFunction } from 'i18next';
import type { DashboardClient, DashboardService, DashboardServiceType } from '../../api/types';
import { formatDate, formatHours, formatMoney, formatPercent, type Locale } from '../../lib/format';
import { marginPercent, marginTone } from './money';
import { MiniAvatar } from '../../components/PersonAvatar';
import { planFactBar } from '../../components/PlanFactBar';
import { lightBadge, previousLight } from './Lights';
import { badgeOf, type BadgeMode } from './pace';
import { shortServiceName } from '../../lib/names';
import { PauseIcon, type TimerState } from '../time';

export interface TimerOn {
  serviceId: number;
  state: TimerState;
}
import type { PanelKind } from '../../components/panel';

interface Props {
  client: DashboardClient;
  services: DashboardService[];
  types: Map<number, DashboardServiceType>;
  elapsedShare: number;
  /** The main badge: the pace while the period runs, else the final light (pace.ts). */
  mode: BadgeMode;
  /** The service the timer counts for, and how (null: none of these); onTimer null without the timer. */
  timerOn: TimerOn | null;
  onTimer: ((serviceId: number, serviceName: string) => void) | null;
  open: (kind: PanelKind, id: number, tab?: string) => void;
  t: TFunction;
  locale: Locale;
}

/** One client of the dashboard with its services: who works, fee, two periods of plan vs fact, the light. */
export const ClientItem = memo(function ClientItem({ client, services, types, elapsedShare, mode, timerOn, onTimer, open, t, locale }: Props) {
  const fee = services.reduce((a, s) => a + s.monthly_fee_kopecks, 0);
  const recs = client.recommendations;
  return (
    <div className="dash-card" data-testid="client-card" data-client-id={client.id}>
      <div className="dash-head">
        <div className="dash-head-left">
          <button type="button" className="link-button dash-client" onClick={() => open('client', client.id)} data-testid="client-link">
            {client.name}
          </button>
          {client.account_manager && (
            <span className="dim">
              {t('client.manager')}:{' '}
              <button type="button" className="anchor" onClick={() => open('employee', client.account_manager!.id)}>
                {client.account_manager.name}
              </button>
            </span>
          )}
        </div>
        <div className="dash-head-right">
          {recs && (
            <button type="button" className="anchor dim" onClick={() => open('client', client.id, 'recs')} data-testid="recs-link">
              {t('dashboard.recommendations', { count: recs.count })}
              {recs.overdue > 0 && <span className="dim-red"> · {t('dashboard.recommendationsOverdue', { count: recs.overdue })}</span>}
            </button>
          )}
          {client.calls && (
            <button type="button" className="anchor dim" onClick={() => open('client', client.id, 'calls')}>
              {t('dashboard.calls', { count: client.calls.count, minutes: client.calls.minutes })}
            </button>
          )}
          {client.last_contact_on && <span className="dim">{t('dashboard.lastContact', { date: formatDate(client.last_contact_on, locale) })}</span>}
          <span className="money" style={{ fontWeight: 600, fontSize: 'var(--mantine-font-size-sm)' }}>
            {formatMoney(fee, locale, true)}
          </span>
        </div>
      </div>
      {services.map((s) => (
        <ServiceRow key={s.id} service={s} clientName={client.name} type={types.get(s.service_type_id)} elapsedShare={elapsedShare} mode={mode} timer={timerOn?.serviceId === s.id ? timerOn.state : 'idle'} onTimer={onTimer} open={open} t={t} locale={locale} />
      ))}
    </div>
  );
});

/** "маржа 25 000 ₽ · 25 %": labelled, red below zero, orange when thin (money.ts). */
function MarginLine({ margin, fee, t, locale }: { margin: number; fee: number; t: TFunction; locale: Locale }) {
  const percent = marginPercent(margin, fee);
  const tone = marginTone(margin, fee);
  return (
    <div className="margin-line money" data-tone={tone} data-testid="service-margin">
      {t('dashboard.marginShort')} {formatMoney(margin, locale, true)}
      {percent !== null && <> · {formatPercent(percent, locale, false)}</>}
    </div>
  );
}

interface RowProps {
  service: DashboardService;
  clientName: string;
  type?: DashboardServiceType;
  elapsedShare: number;
  mode: BadgeMode;
  timer: TimerState;
  onTimer: Props['onTimer'];
  open: Props['open'];
  t: TFunction;
  locale: Locale;
}

const ServiceRow = memo(function ServiceRow({ service: s, clientName, type, elapsedShare, mode, timer, onTimer, open, t, locale }: RowProps) {
  const typeName = type ? (locale === 'en' ? type.name_en || type.name : type.name) : '';
  const short = shortServiceName(s.name, clientName);
  // A service named after its type ("SEO — client") reads in the interface language.
  const shortName = type && short === type.name && locale === 'en' && type.name_en ? type.name_en : short;
  const h = t('common.hoursShort');
  return (
    <div className="svc-row" data-testid="service-row" data-service-id={s.id} data-light={s.light} data-badge={badgeOf(s, mode).light}>
      <div className="c-name" style={{ minWidth: 0 }}>
        <div style={{ display: 'flex', alignItems: 'center', gap: 6, minWidth: 0 }}>
          <button type="button" className="link-button svc-name" onClick={() => open('service', s.id)} data-testid="service-link" title={s.name} style={{ display: 'block', minWidth: 0 }}>
            {shortName}
          </button>
          {s.documents_url && (
            <a className="doc-link" href={s.documents_url} target="_blank" rel="noreferrer" data-tip={t('dashboard.documents')} aria-label={t('dashboard.documents')}>
              ↗
            </a>
          )}
          {onTimer && (
            <button
              type="button"
              className="timer-btn"
              data-testid="service-timer"
              data-state={timer}
              data-tip={t(timer === 'running' ? 'timer.stopOn' : timer === 'stopped' ? 'timer.continueOn' : 'timer.startOn')}
              aria-label={t(timer === 'running' ? 'timer.stopOn' : timer === 'stopped' ? 'timer.continueOn' : 'timer.startOn')}
              onClick={() => onTimer(s.id, s.name)}
            >
              {timer === 'running' ? '■' : timer === 'stopped' ? <PauseIcon size={8} /> : '▶'}
            </button>
          )}
        </div>
        {((typeName && typeName !== shortName && type?.name !== shortName) || s.status !== 'active') && (
          <div className="svc-tags">
            {typeName && typeName !== shortName && type?.name !== shortName && <span className="chip">{typeName}</span>}
            {s.status !== 'active' && <span className="chip">{t(`status.${s.status}`, { defaultValue: s.status })}</span>}
          </div>
        )}
      </div>
      <div className="c-spec" style={{ minWidth: 0 }}>
        {s.specialist ? (
          <div className="person">
            <MiniAvatar id={s.specialist.id} name={s.specialist.name} photoUrl={s.specialist.photo_url} />
            <button type="button" className="link-button" onClick={() => open('employee', s.specialist!.id)} data-testid="employee-link" style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
              {s.specialist.name}
            </button>
          </div>
        ) : (
          <span className="dim">{t('dashboard.noSpecialist')}</span>
        )}
      </div>
      {s.margin_kopecks === null || s.labour_cost_kopecks === null ? (
        <div className="fee c-fee">
          <div className="money" data-testid="service-fee">{formatMoney(s.monthly_fee_kopecks, locale, true)}</div>
        </div>
      ) : (
        <div className="fee c-fee" data-tip={`${t('formula.margin', { cost: formatMoney(s.labour_cost_kopecks, locale, true) })} = ${formatMoney(s.margin_kopecks, locale, true)}`}>
          <div className="money" data-testid="service-fee">{formatMoney(s.monthly_fee_kopecks, locale, true)}</div>
          <MarginLine margin={s.margin_kopecks} fee={s.monthly_fee_kopecks} t={t} locale={locale} />
        </div>
      )}
      <div className="bars">
        <span>{t('dashboard.previous')}</span>
        <div className="bar-line">
          {planFactBar({ planned: s.previous_planned_minutes, actual: s.previous_actual_minutes, light: s.previous_light, testId: 'bar-previous' }, t, locale)}
          <span className="bar-figs">
            {formatHours(s.previous_planned_minutes, locale)} / {formatHours(s.previous_actual_minutes, locale)} {h}
          </span>
          {previousLight(s, t, locale)}
        </div>
        <span>{t('dashboard.current')}</span>
        <div className="bar-line">
          {planFactBar({ planned: s.planned_minutes, actual: s.actual_minutes, light: s.light, elapsedShare: mode === 'pace' ? elapsedShare : undefined, testId: 'bar-current' }, t, locale)}
          <span className="bar-figs" style={{ color: 'var(--mantine-color-text)' }} data-testid="plan-fact">
            {formatHours(s.planned_minutes, locale)} / {formatHours(s.actual_minutes, locale)} {h}
          </span>
          <span className="bar-light" />
        </div>
      </div>
      <div className="light-cell c-light">
        {lightBadge(s, mode, elapsedShare, t, locale)}
      </div>
    </div>
  );
});
