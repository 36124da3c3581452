import { describe, expect, it } from 'vitest';
import { formatRublesInput, parseRubles } from './money';

describe('rubles typed by hand', () => {
  it('reads spaces, comma and ₽', () => {
    expect(parseRubles('150 000')).toBe(15_000_000);
    expect(parseRubles('1 234,5 ₽')).toBe(123_450);
    expect(parseRubles('')).toBeNull();
    expect(parseRubles('12a')).toBeNaN();
  });
});

describe('a money field', () => {
  it('shows whole rubles bare and kopecks after a comma, nothing for none', () => {
    expect(formatRublesInput(15_000_000)).toBe('150000');
    expect(formatRublesInput(123_450)).toBe('1234,50');
    expect(formatRublesInput(5)).toBe('0,05');
    expect(formatRublesInput(0)).toBe('0');
    expect(formatRublesInput(null)).toBe('');
  });
  it('reads back what it shows', () => {
    for (const k of [0, 5, 99, 100, 123_450, 15_000_000]) expect(parseRubles(formatRublesInput(k))).toBe(k);
  });
});
