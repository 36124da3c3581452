import { describe, expect, it } from 'vitest';
import { formatHours, formatMoney, formatMonth, formatMonthShort, formatPercent, formatDate, initials } from './format';

describe('formatMoney', () => {
  it('groups rubles with thin spaces and puts ₽ after in Russian', () => {
    expect(formatMoney(123456700, 'ru')).toBe('1\u2009234\u2009567\u00a0₽');
  });
  it('shows kopecks only when present', () => {
    expect(formatMoney(150, 'ru')).toBe('1,50\u00a0₽');
    expect(formatMoney(150, 'en')).toBe('₽1.50');
  });
  it('uses commas and a leading sign in English', () => {
    expect(formatMoney(123456700, 'en')).toBe('₽1,234,567');
    expect(formatMoney(-500000, 'en')).toBe('−₽5,000');
  });
  it('rounds to whole rubles on request', () => {
    expect(formatMoney(2050875, 'ru', true)).toBe('20\u2009509\u00a0₽');
  });
  it('keeps small amounts ungrouped', () => {
    expect(formatMoney(99900, 'ru')).toBe('999\u00a0₽');
  });
});

describe('formatHours / formatPercent / dates', () => {
  it('turns minutes into hours with one decimal at most', () => {
    expect(formatHours(90, 'ru')).toBe('1,5');
    expect(formatHours(90, 'en')).toBe('1.5');
    expect(formatHours(1800, 'ru')).toBe('30');
    expect(formatHours(125, 'en')).toBe('2.1');
  });
  it('signs percents', () => {
    expect(formatPercent(-16.7, 'ru')).toBe('−16,7\u00a0%');
    expect(formatPercent(25, 'en')).toBe('+25%');
  });
  it('formats dates and months per locale', () => {
    expect(formatDate('2026-11-24', 'ru')).toBe('24.11.2026');
    expect(formatDate('2026-11-24', 'en')).toBe('Nov 24, 2026');
    expect(formatMonth('2026-11', 'en')).toBe('November 2026');
    expect(formatMonth('2026-11', 'ru').toLowerCase()).toContain('2026');
    expect(formatMonthShort('2026-11', 'en')).toBe('Nov 26');
    expect(formatMonthShort('2026-11', 'ru', true)).not.toContain('г.');
  });
  it('makes initials', () => {
    expect(initials('Анна Петрова')).toBe('АП');
    expect(initials('owner')).toBe('OW');
  });
});
