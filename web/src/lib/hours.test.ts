import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './hours';

describe('parseDuration', () => {
  it('reads h:mm', () => {
    expect(parseDuration('1:30')).toBe(90);
    expect(parseDuration('0:05')).toBe(5);
    expect(parseDuration(' 10:00 ')).toBe(600);
  });
  it('reads decimal hours with a dot or a comma', () => {
    expect(parseDuration('1.5')).toBe(90);
    expect(parseDuration('1,5')).toBe(90);
    expect(parseDuration('2')).toBe(120);
    expect(parseDuration('0.25')).toBe(15);
  });
  it('reads unit suffixes in Latin and Cyrillic', () => {
    expect(parseDuration('45m')).toBe(45);
    expect(parseDuration('45 мин')).toBe(45);
    expect(parseDuration('2h')).toBe(120);
    expect(parseDuration('2ч')).toBe(120);
    expect(parseDuration('1h30m')).toBe(90);
  });
  it('rejects nonsense, zero and more than a day', () => {
    expect(parseDuration('')).toBeNull();
    expect(parseDuration('abc')).toBeNull();
    expect(parseDuration('1:75')).toBeNull();
    expect(parseDuration('0')).toBeNull();
    expect(parseDuration('25')).toBeNull();
    expect(parseDuration('-1')).toBeNull();
  });
  it('formats back to h:mm', () => {
    expect(formatDuration(90)).toBe('1:30');
    expect(formatDuration(5)).toBe('0:05');
  });
});
