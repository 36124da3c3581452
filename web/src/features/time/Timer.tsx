// The timer, kept on the server (issue 9, item 2): the same on every browser and device of a person,
// and nothing counted is lost until it is saved or, after a question, discarded. Stop opens the
// time-entry form prefilled; closing it (Esc, Cancel, a click outside) keeps the stopped timer with
// «Сохранить / Продолжить / Сбросить». It starts from the header, a dashboard row or the service card.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Button, Group, Menu, Modal, Stack, Text, Tooltip } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client';
import { useService } from '../../api/queries';
import { notifications } from '../../components/notify';
import { useSession } from '../../api/session';
import { useLocale } from '../../i18n';
import { useTimeEntryDialog } from './TimeEntryDialog';
import { IDLE, clickOnService, clock, elapsedSeconds, stateOn, type ServerTimer, type TimerState } from './timer';

export const timerKey = ['timer'] as const;

interface TimerApi {
  /** The role has the timer (owner, head, manager, specialist: GET /api/v1/timer in its permissions). */
  can: boolean;
  timer: ServerTimer;
  /** When the timer's answer arrived (the local tick counts from there). */
  answeredAt: number;
  /** The name of the service it counts for, once loaded. */
  serviceName: string | null;
  busy: boolean;
  start: () => void;
  stop: () => void;
  save: () => void;
  resume: () => void;
  discard: () => void;
  /** A service's timer button (a dashboard row, the service card). */
  clickService: (serviceId: number, serviceName: string) => void;
}

const Ctx = createContext<TimerApi | null>(null);

export function useTimer(): TimerApi {
  const v = useContext(Ctx);
  if (!v) throw new Error('useTimer outside TimerProvider');
  return v;
}

/** Seconds on the timer, ticking once a second while it runs. */
export function useTimerSeconds(): number {
  const { timer, answeredAt } = useTimer();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    setNow(Date.now());
    if (timer.state !== 'running') return;
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, [timer.state, answeredAt]);
  return elapsedSeconds(timer, answeredAt, now);
}

/** Inside TimeEntryDialogProvider: the timer's state for the whole app, and its two questions. */
export function TimerProvider({ children }: { children: ReactNode }) {
  const { t } = useLocale();
  const { can: may } = useSession();
  const can = may('GET', '/api/v1/timer');
  const qc = useQueryClient();
  const openForm = useTimeEntryDialog();
  const query = useQuery({
    queryKey: timerKey,
    queryFn: () => api.get<ServerTimer>('/api/v1/timer'),
    enabled: can,
    staleTime: 0,
    // Another browser or device may have started, stopped or saved it.
    refetchOnWindowFocus: true,
    refetchInterval: 60_000,
  });
  const timer = query.data ?? IDLE;
  const service = useService(timer.state !== 'idle' ? timer.service_id : null);
  const serviceName = timer.service_id !== null ? (service.data?.name ?? null) : null;
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState<Question | null>(null);

  const fail = useCallback(
    (e: unknown) => {
      if (e instanceof ApiError && (e.status === 409 || e.status === 404)) notifications.show({ message: t('timer.gone'), color: 'yellow' });
      else notifications.show({ message: t('timer.failed', { message: e instanceof Error ? e.message : String(e) }), color: 'red' });
      void qc.invalidateQueries({ queryKey: timerKey });
    },
    [qc, t],
  );

  const run = useCallback(
    async <T,>(call: () => Promise<T>): Promise<T | undefined> => {
      setBusy(true);
      try {
        return await call();
      } catch (e) {
        fail(e);
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [fail],
  );

  const saveForm = useCallback(
    (tm: ServerTimer) => openForm({ timer: true, minutes: tm.minutes || undefined, serviceId: tm.service_id, note: tm.note || undefined, source: 'timer' }),
    [openForm],
  );

  const startWith = useCallback(
    (body: Record<string, unknown>) =>
      void run(async () => {
        const tm = await api.post<ServerTimer>('/api/v1/timer/start', body);
        qc.setQueryData(timerKey, tm);
      }),
    [qc, run],
  );

  const stop = useCallback(
    () =>
      void run(async () => {
        const tm = await api.post<ServerTimer>('/api/v1/timer/stop', {});
        qc.setQueryData(timerKey, tm);
        saveForm(tm);
      }),
    [qc, run, saveForm],
  );

  const value = useMemo<TimerApi>(
    () => ({
      can,
      timer,
      answeredAt: query.dataUpdatedAt,
      serviceName,
      busy,
      start: () => startWith({}),
      resume: () => startWith({}),
      stop,
      save: () => saveForm(timer),
      discard: () => setAsking({ kind: 'discard' }),
      clickService: (serviceId, name) => {
        const action = clickOnService(timer, serviceId);
        if (action === 'stop') stop();
        else if (action === 'continue') startWith({});
        else if (action === 'start') startWith({ service_id: serviceId });
        else setAsking({ kind: 'move', serviceId, serviceName: name });
      },
    }),
    [can, timer, query.dataUpdatedAt, serviceName, busy, startWith, stop, saveForm],
  );

  const discardNow = useCallback(
    (done: () => void) =>
      void run(async () => {
        await api.del('/api/v1/timer');
        qc.setQueryData(timerKey, IDLE);
        done();
      }),
    [qc, run],
  );

  return (
    <Ctx.Provider value={value}>
      {children}
      {asking && (
        <TimerQuestion
          asking={asking}
          onClose={() => setAsking(null)}
          onDiscard={() => discardNow(() => setAsking(null))}
          onMove={(serviceId) => {
            startWith({ service_id: serviceId });
            setAsking(null);
          }}
        />
      )}
    </Ctx.Provider>
  );
}

type Question = { kind: 'discard' } | { kind: 'move'; serviceId: number; serviceName: string };

/** Discard asks first; so does moving counted time to another service. */
function TimerQuestion({ asking: q, onClose, onDiscard, onMove }: { asking: Question; onClose: () => void; onDiscard: () => void; onMove: (serviceId: number) => void }) {
  const { t } = useLocale();
  const tm = useTimer();
  const seconds = useTimerSeconds();
  const here = tm.serviceName ?? t('timer.noService');
  if (q.kind === 'discard')
    return (
      <Modal opened onClose={onClose} title={t('timer.discardTitle')} zIndex={320} size="sm" data-testid="timer-discard-confirm">
        <Stack>
          <Text size="sm">{t('timer.discardText', { time: clock(seconds), service: here })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button color="red" data-testid="timer-discard-yes" loading={tm.busy} onClick={onDiscard}>
              {t('timer.discardYes')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    );
  return (
    <Modal opened onClose={onClose} title={t('timer.moveTitle')} zIndex={320} size="sm" data-testid="timer-move-confirm">
      <Stack>
        <Text size="sm">{t('timer.moveText', { time: clock(seconds), from: here, to: q.serviceName })}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button data-testid="timer-move-yes" onClick={() => onMove(q.serviceId)}>
            {t('timer.moveYes')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** ⏸ drawn, not a character: the pause sign is missing from common fonts (a box on Linux). */
export function PauseIcon({ size = 9 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 10 10" aria-hidden style={{ display: 'inline-block', verticalAlign: '-1px' }}>
      <rect x="1" y="0.5" width="3" height="9" rx="0.5" fill="currentColor" />
      <rect x="6" y="0.5" width="3" height="9" rx="0.5" fill="currentColor" />
    </svg>
  );
}

/** The header's timer: ▶ when idle, ■ with the running time, or the stopped time with Save / Continue / Discard. */
export function Timer({ compact = false }: { compact?: boolean }) {
  const { t } = useLocale();
  const tm = useTimer();
  const seconds = useTimerSeconds();
  if (!tm.can) return null;
  const time = clock(seconds);
  const on = tm.serviceName ?? t('timer.noService');
  if (tm.timer.state === 'running')
    return (
      <Tooltip label={`${t('timer.stop')} · ${on}`}>
        <Button color="red" variant="light" size="xs" onClick={tm.stop} loading={tm.busy} data-testid="timer-stop" data-service-name={tm.serviceName ?? ''} aria-label={`${t('timer.stop')} · ${on}`} className="num">
          ■ {time}
        </Button>
      </Tooltip>
    );
  if (tm.timer.state === 'stopped') {
    if (compact)
      return (
        <Menu position="bottom-end" withArrow width={230}>
          <Menu.Target>
            <Button color="orange" variant="light" size="xs" data-testid="timer-stopped" className="num" aria-label={t('timer.stopped', { time })} px={8}>
              <PauseIcon />&nbsp;{time}
            </Button>
          </Menu.Target>
          <Menu.Dropdown data-testid="timer-menu">
            <Menu.Label>
              {t('timer.stopped', { time })}
              <br />
              {on}
            </Menu.Label>
            <StoppedItems />
          </Menu.Dropdown>
        </Menu>
      );
    return (
      <Group gap={4} wrap="nowrap" data-testid="timer-stopped-group">
        <Tooltip label={`${t('timer.stopped', { time })} · ${on}`}>
          <Button color="orange" variant="light" size="xs" onClick={tm.save} data-testid="timer-stopped" className="num" data-service-name={tm.serviceName ?? ''}>
            <PauseIcon />&nbsp;{time}
          </Button>
        </Tooltip>
        <Button size="xs" onClick={tm.save} data-testid="timer-save">
          {t('timer.save')}
        </Button>
        <Tooltip label={t('timer.continueHint')}>
          <Button size="xs" variant="default" onClick={tm.resume} loading={tm.busy} data-testid="timer-continue" aria-label={t('timer.continue')}>
            ▶<Text span inherit visibleFrom="lg" ml={4}>{t('timer.continue')}</Text>
          </Button>
        </Tooltip>
        <Tooltip label={t('timer.discardHint')}>
          <Button size="xs" variant="subtle" color="red" onClick={tm.discard} data-testid="timer-discard" aria-label={t('timer.discard')}>
            ✕<Text span inherit visibleFrom="lg" ml={4}>{t('timer.discard')}</Text>
          </Button>
        </Tooltip>
      </Group>
    );
  }
  if (compact) return null;
  return (
    <Tooltip label={t('timer.start')}>
      <Button variant="default" size="xs" onClick={tm.start} loading={tm.busy} data-testid="timer-start" aria-label={t('timer.start')}>
        ▶ 0:00:00
      </Button>
    </Tooltip>
  );
}

/** Save / Continue / Discard as menu items (the phone's header and user menu). */
export function StoppedItems() {
  const { t } = useLocale();
  const tm = useTimer();
  return (
    <>
      <Menu.Item onClick={tm.save} data-testid="timer-save">
        ✓ {t('timer.save')}
      </Menu.Item>
      <Menu.Item onClick={tm.resume} data-testid="timer-continue">
        ▶ {t('timer.continue')}
      </Menu.Item>
      <Menu.Item color="red" onClick={tm.discard} data-testid="timer-discard">
        ✕ {t('timer.discard')}
      </Menu.Item>
    </>
  );
}

/** The phone's user menu: start, stop with the time, or the stopped timer's three actions. */
export function TimerMenuItems() {
  const { t } = useLocale();
  const tm = useTimer();
  const seconds = useTimerSeconds();
  if (!tm.can) return null;
  if (tm.timer.state === 'running')
    return (
      <Menu.Item onClick={tm.stop} data-testid="timer-stop">
        ■ {t('timer.stop')} · {clock(seconds)}
      </Menu.Item>
    );
  if (tm.timer.state === 'stopped')
    return (
      <>
        <Menu.Label>{t('timer.stopped', { time: clock(seconds) })}</Menu.Label>
        <StoppedItems />
      </>
    );
  return (
    <Menu.Item onClick={tm.start} data-testid="timer-start">
      ▶ {t('timer.start')}
    </Menu.Item>
  );
}

/** The timer button of one service (the service card): start here, stop or continue this one. */
export function ServiceTimerButton({ serviceId, serviceName }: { serviceId: number; serviceName: string }) {
  const { t } = useLocale();
  const tm = useTimer();
  const seconds = useTimerSeconds();
  if (!tm.can) return null;
  const state: TimerState = stateOn(tm.timer, serviceId);
  const label = state === 'running' ? `■ ${clock(seconds)}` : state === 'stopped' ? `▶ ${t('timer.continue')} · ${clock(seconds)}` : `▶ ${t('timer.cardStart')}`;
  const hint = state === 'running' ? t('timer.stopOn') : state === 'stopped' ? t('timer.continueOn') : t('timer.startOn');
  return (
    <Tooltip label={hint}>
      <Button
        size="xs"
        variant={state === 'running' ? 'light' : 'default'}
        color={state === 'running' ? 'red' : undefined}
        className="num"
        loading={tm.busy}
        onClick={() => tm.clickService(serviceId, serviceName)}
        data-testid="service-timer"
        data-state={state}
        aria-label={hint}
      >
        {label}
      </Button>
    </Tooltip>
  );
}
