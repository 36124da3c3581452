// What other features use of time entries and the timer (docs/architecture.md, "Web UI modules").
export { useTimeEntryDialog } from './TimeEntryDialog';
export { PauseIcon, ServiceTimerButton, useTimer } from './Timer';
export type { TimerState } from './timer';
