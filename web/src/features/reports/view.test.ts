import { describe, expect, it } from 'vitest';
import { formatClock, formatKopecks } from '../../lib/format';
import { lineView } from './view';

/** Reads "1 234:05" back into minutes, as a person adding up the screen would. */
const minutes = (s: string) => {
  if (!s) return 0;
  const [h, m] = s.replace(/[\s\u2009\u00a0,]/g, '').split(':');
  return Number(h) * 60 + Number(m);
};
const kopecks = (s: string) => Number(s.replace(/[^\d]/g, ''));

describe('the time report line', () => {
  it('prints hours exactly, so three single minutes add up to their total', () => {
    // One decimal (or hundredths) would print 0,0 / 0,02 three times against a total of 0,1 / 0,05.
    const v = lineView([{ minutes: 1 }, { minutes: 1 }, { minutes: 0 }, { minutes: 1 }], { minutes: 3 }, 'ru');
    expect(v.cells).toEqual(['0:01', '0:01', '', '0:01']);
    expect(v.total).toBe('0:03');
    expect(v.cells.reduce((a, c) => a + minutes(c), 0)).toBe(minutes(v.total));
  });

  it('prints the server total as it comes, never a sum of its own', () => {
    const v = lineView([{ minutes: 30 }, { minutes: 30 }], { minutes: 61 }, 'ru');
    expect(v.total).toBe('1:01');
  });

  it('keeps the kopecks of the cost, as the server added them', () => {
    const v = lineView([{ minutes: 20, labour_cost_kopecks: 33333 }], { minutes: 20, labour_cost_kopecks: 33333 }, 'ru');
    expect(v.cost).toBe('333,33\u00a0₽');
    expect(lineView([{ minutes: 60 }], { minutes: 60, labour_cost_kopecks: 120000 }, 'en').cost).toBe('₽1,200.00');
    expect(lineView([{ minutes: 60 }], { minutes: 60 }, 'ru').cost).toBeNull();
  });

  it('adds up on a year of random cells', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let line = 0; line < 200; line++) {
      const cells = Array.from({ length: 12 }, () => ({ minutes: rnd() < 0.3 ? 0 : Math.floor(rnd() * 5000), labour_cost_kopecks: Math.floor(rnd() * 1e7) }));
      const total = cells.reduce((a, c) => ({ minutes: a.minutes + c.minutes, labour_cost_kopecks: a.labour_cost_kopecks + c.labour_cost_kopecks }), { minutes: 0, labour_cost_kopecks: 0 });
      const v = lineView(cells, total, 'ru');
      expect(v.cells.reduce((a, c) => a + minutes(c), 0)).toBe(minutes(v.total));
      expect(kopecks(v.cost!)).toBe(total.labour_cost_kopecks);
    }
  });

  it('groups thousands of hours', () => {
    expect(formatClock(1234 * 60 + 5, 'ru')).toBe('1\u2009234:05');
    expect(formatClock(1234 * 60 + 5, 'en')).toBe('1,234:05');
    expect(formatKopecks(-5, 'ru')).toBe('−0,05\u00a0₽');
  });
});
