// The header timer: start/stop persisted in localStorage; stopping opens the quick form prefilled.
import { useEffect, useState } from 'react';
import { Button, Tooltip } from '@mantine/core';
import { useLocale } from '../../i18n';
import { useTimeEntryDialog } from './TimeEntryDialog';

const KEY = 'retainer.timer';
/** Another timer control in the same tab (the header and the phone menu) started or stopped it. */
const LOCAL_EVENT = 'retainer-timer';

interface TimerState {
  startedAt: number;
  serviceId: number | null;
}

function load(): TimerState | null {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? 'null') as TimerState | null;
    return v && typeof v.startedAt === 'number' ? v : null;
  } catch {
    return null;
  }
}

function clock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${h}:${String(m).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/** The timer's state shared by the header button and the phone menu: running since, start, stop. */
export function useTimer() {
  const openDialog = useTimeEntryDialog();
  const [state, setState] = useState<TimerState | null>(load);
  const [now, setNow] = useState(Date.now());

  useEffect(() => {
    if (!state) return;
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, [state]);

  useEffect(() => {
    const onStorage = (e: StorageEvent) => e.key === KEY && setState(load());
    const onLocal = () => setState(load());
    window.addEventListener('storage', onStorage);
    window.addEventListener(LOCAL_EVENT, onLocal);
    return () => {
      window.removeEventListener('storage', onStorage);
      window.removeEventListener(LOCAL_EVENT, onLocal);
    };
  }, []);

  function start() {
    const s = { startedAt: Date.now(), serviceId: null };
    localStorage.setItem(KEY, JSON.stringify(s));
    setState(s);
    window.dispatchEvent(new Event(LOCAL_EVENT));
    setNow(Date.now());
  }

  function stop() {
    if (!state) return;
    const minutes = Math.max(1, Math.round((Date.now() - state.startedAt) / 60000));
    localStorage.removeItem(KEY);
    setState(null);
    window.dispatchEvent(new Event(LOCAL_EVENT));
    openDialog({ minutes, serviceId: state.serviceId, source: 'timer' });
  }

  return { running: !!state, elapsed: state ? clock(now - state.startedAt) : '0:00:00', start, stop };
}

export function Timer({ compact = false }: { compact?: boolean }) {
  const { t } = useLocale();
  const { running, elapsed, start, stop } = useTimer();
  if (compact && !running) return null;
  if (!running)
    return (
      <Tooltip label={t('timer.start')}>
        <Button variant="default" size="xs" onClick={start} data-testid="timer-start" aria-label={t('timer.start')}>
          ▶ 0:00:00
        </Button>
      </Tooltip>
    );
  return (
    <Tooltip label={t('timer.stop')}>
      <Button color="red" variant="light" size="xs" onClick={stop} data-testid="timer-stop" aria-label={t('timer.stop')} className="num">
        ■ {elapsed}
      </Button>
    </Tooltip>
  );
}
