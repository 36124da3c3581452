import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration, readDuration } from './hours';

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
  it('says what is wrong: over 24 h a day, negative, zero, unreadable', () => {
    expect(readDuration('25')).toEqual({ problem: 'over24' });
    expect(readDuration('24:30')).toEqual({ problem: 'over24' });
    expect(readDuration('-1')).toEqual({ problem: 'negative' });
    expect(readDuration('−1:30')).toEqual({ problem: 'negative' });
    expect(readDuration('0')).toEqual({ problem: 'zero' });
    expect(readDuration('0:00')).toEqual({ problem: 'zero' });
    expect(readDuration('abc')).toEqual({ problem: 'format' });
    expect(readDuration('')).toEqual({ problem: 'empty' });
    expect(readDuration('24')).toEqual({ minutes: 1440 });
  });
  it('formats back to h:mm', () => {
    expect(formatDuration(90)).toBe('1:30');
    expect(formatDuration(5)).toBe('0:05');
  });
});
