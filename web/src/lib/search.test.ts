import { describe, expect, it } from 'vitest';
import { fold, matches } from './search';

describe('fold', () => {
  it('folds case for Cyrillic and Latin', () => {
    expect(fold('ООО РОМАШКА')).toBe('ооо ромашка');
    expect(fold('Alpha SEO')).toBe('alpha seo');
  });
  it('treats ё as е both ways', () => {
    expect(matches(fold('Ёлка Плюс'), fold('елка'))).toBe(true);
    expect(matches(fold('Елка'), fold('ЁЛК'))).toBe(true);
  });
  it('collapses whitespace and matches empty needles', () => {
    expect(fold('  a   b ')).toBe('a b');
    expect(matches('anything', '')).toBe(true);
    expect(matches('ромашка', 'ваза')).toBe(false);
  });
});
