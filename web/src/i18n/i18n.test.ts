import { describe, expect, it } from 'vitest';
import { en } from './en';
import { ru } from './ru';

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

function value(o: object, path: string): unknown {
  return path.split('.').reduce<unknown>((a, k) => (a as Record<string, unknown>)[k], o);
}

describe('translations', () => {
  it('have the same keys in Russian and English, none empty', () => {
    expect(keys(en).sort()).toEqual(keys(ru).sort());
    for (const k of keys(ru)) {
      expect(String(value(ru, k)).length, k).toBeGreaterThan(0);
      expect(String(value(en, k)).length, k).toBeGreaterThan(0);
    }
  });
  it('use the same interpolation variables', () => {
    for (const k of keys(ru)) {
      const vars = (s: unknown) => [...String(s).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
      expect(vars(value(en, k)), k).toEqual(vars(value(ru, k)));
    }
  });
  it('leave no Cyrillic in English', () => {
    for (const k of keys(en)) expect(/[А-Яа-яЁё]/.test(String(value(en, k))), k).toBe(false);
  });
});
