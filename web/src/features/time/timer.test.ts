import { describe, expect, it } from 'vitest';
import { IDLE, clickOnService, clock, elapsedSeconds, stateOn, type ServerTimer } from './timer';

const running: ServerTimer = { state: 'running', service_id: 31, started_at: '2026-12-07T09:00:00Z', seconds: 125, minutes: 2, note: '' };
const stopped: ServerTimer = { ...running, state: 'stopped', started_at: null, seconds: 3725, minutes: 62 };

describe('the timer on the server', () => {
  it('ticks from the server count while running, by this browser only since the answer', () => {
    const at = 1_000_000;
    expect(elapsedSeconds(running, at, at)).toBe(125);
    expect(elapsedSeconds(running, at, at + 10_999)).toBe(135);
    // The browser's clock went back: never below the server's count.
    expect(elapsedSeconds(running, at, at - 60_000)).toBe(125);
  });

  it('keeps a stopped count still and shows nothing when idle', () => {
    expect(elapsedSeconds(stopped, 0, 99_999_999)).toBe(3725);
    expect(elapsedSeconds(IDLE, 0, 5000)).toBe(0);
    expect(elapsedSeconds(undefined, 0, 5000)).toBe(0);
  });

  it('prints h:mm:ss', () => {
    expect(clock(0)).toBe('0:00:00');
    expect(clock(3725)).toBe('1:02:05');
    expect(clock(36_000 + 59)).toBe('10:00:59');
  });

  it('shows on a service only its own timer', () => {
    expect(stateOn(running, 31)).toBe('running');
    expect(stateOn(stopped, 31)).toBe('stopped');
    expect(stateOn(running, 32)).toBe('idle');
    expect(stateOn(IDLE, 31)).toBe('idle');
  });

  it('never moves counted time to another service without asking', () => {
    expect(clickOnService(IDLE, 31)).toBe('start');
    expect(clickOnService(undefined, 31)).toBe('start');
    expect(clickOnService(running, 31)).toBe('stop');
    expect(clickOnService(stopped, 31)).toBe('continue');
    expect(clickOnService({ ...running, service_id: null }, 31)).toBe('start');
    expect(clickOnService({ ...stopped, service_id: null }, 31)).toBe('start');
    expect(clickOnService(running, 32)).toBe('confirmMove');
    expect(clickOnService(stopped, 32)).toBe('confirmMove');
  });
});
