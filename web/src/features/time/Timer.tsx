// The header timer: start/stop persisted in localStorage; stopping opens the quick form prefilled.
import { useEffect, useState } from 'react';
import { Button, Tooltip } from '@mantine/core';
import { useLocale } from '../../i18n';
import { useTimeEntryDialog } from './TimeEntryDialog';

const KEY = 'retainer.timer';

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

export function Timer() {
  const { t } = useLocale();
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
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);

  function start() {
    const s = { startedAt: Date.now(), serviceId: null };
    localStorage.setItem(KEY, JSON.stringify(s));
    setState(s);
    setNow(Date.now());
  }

  function stop() {
    if (!state) return;
    const minutes = Math.max(1, Math.round((Date.now() - state.startedAt) / 60000));
    localStorage.removeItem(KEY);
    setState(null);
    openDialog({ minutes, serviceId: state.serviceId, source: 'timer' });
  }

  if (!state)
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
        ■ {clock(now - state.startedAt)}
      </Button>
    </Tooltip>
  );
}
