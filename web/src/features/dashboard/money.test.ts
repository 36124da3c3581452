import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../lib/format';
import { marginPercent, marginTone } from './money';

describe('dashboard margin', () => {
  it('is a whole percent of the fee', () => {
    expect(marginPercent(2_500_000, 10_000_000)).toBe(25);
    expect(marginPercent(-1_234_500, 10_000_000)).toBe(-12);
    expect(marginPercent(100, 0)).toBeNull();
  });
  it('is red below zero, orange under 20 % of the fee, neutral otherwise', () => {
    expect(marginTone(-1, 10_000_000)).toBe('negative');
    expect(marginTone(0, 10_000_000)).toBe('low');
    expect(marginTone(1_999_999, 10_000_000)).toBe('low');
    expect(marginTone(2_000_000, 10_000_000)).toBe('ok');
    expect(marginTone(0, 0)).toBe('low');
  });
  it('totals of a past month are whole rubles, not kopecks', () => {
    expect(formatMoney(728_793_334, 'ru', true)).toBe('7\u2009287\u2009933\u00a0₽');
    expect(formatMoney(728_793_334, 'en', true)).toBe('₽7,287,933');
  });
});
