// The timer kept on the server (GET/POST /api/v1/timer…, issue 9, item 2): what it shows and what a
// click on a service's timer button does. Pure: unit-tested.

export type TimerState = 'idle' | 'running' | 'stopped';

/** GET /api/v1/timer and the answers of start / stop. */
export interface ServerTimer {
  state: TimerState;
  service_id: number | null;
  /** RFC 3339, while running. */
  started_at: string | null;
  /** Counted so far (all runs), at the moment of the answer. */
  seconds: number;
  /** What a save offers: half up, ≥ 1 once anything counted, ≤ 1440. */
  minutes: number;
  note: string;
}

export const IDLE: ServerTimer = { state: 'idle', service_id: null, started_at: null, seconds: 0, minutes: 0, note: '' };

/**
 * Seconds to show: the server's count at the answer plus, while running, the time since the answer
 * arrived (measured by this browser's clock only, so a skewed clock does not shift it).
 */
export function elapsedSeconds(timer: ServerTimer | null | undefined, answeredAt: number, now: number): number {
  if (!timer || timer.state === 'idle') return 0;
  if (timer.state === 'stopped') return timer.seconds;
  return timer.seconds + Math.max(0, Math.floor((now - answeredAt) / 1000));
}

/** "1:05:09". */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${h}:${String(m).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/** How a service's timer button shows: this service's timer running or stopped, or nothing of it. */
export function stateOn(timer: ServerTimer | null | undefined, serviceId: number): TimerState {
  return timer && timer.state !== 'idle' && timer.service_id === serviceId ? timer.state : 'idle';
}

export type ServiceClick = 'start' | 'stop' | 'continue' | 'confirmMove';

/**
 * A click on a service's timer button. Idle: start on it. Counting on this service: stop it when
 * running, continue it when stopped. Counting without a service: put it on this one (a stopped one
 * runs on). Counting on another service: ask first — the time counted so far would move with it.
 */
export function clickOnService(timer: ServerTimer | null | undefined, serviceId: number): ServiceClick {
  if (!timer || timer.state === 'idle') return 'start';
  if (timer.service_id === serviceId) return timer.state === 'running' ? 'stop' : 'continue';
  if (timer.service_id === null) return 'start';
  return 'confirmMove';
}
