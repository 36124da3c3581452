import { describe, expect, it } from 'vitest';
import { parsePanel } from './panel';
import { withQuery } from '../api/client';

describe('side panel in the URL', () => {
  it('reads kind:id and rejects anything else', () => {
    expect(parsePanel('client:12')).toEqual({ kind: 'client', id: 12 });
    expect(parsePanel('employee:7')).toEqual({ kind: 'employee', id: 7 });
    expect(parsePanel('deal:31')).toEqual({ kind: 'deal', id: 31 });
    expect(parsePanel('invoice:1')).toBeNull();
    expect(parsePanel('client:')).toBeNull();
    expect(parsePanel(null)).toBeNull();
  });
});

describe('withQuery', () => {
  it('drops empty values and encodes the rest', () => {
    expect(withQuery('/api/v1/clients', { q: 'ёлка', limit: 50, status: undefined, x: '' })).toBe('/api/v1/clients?q=%D1%91%D0%BB%D0%BA%D0%B0&limit=50');
    expect(withQuery('/a?b=1', { c: 2 })).toBe('/a?b=1&c=2');
  });
});
