import { describe, expect, it } from 'vitest';
import { keyFrom, move, questionBody, questionErrors } from './questions';

describe('brief template questions', () => {
  it('move up and down, not past the ends', () => {
    expect(move([1, 2, 3], 0, 1)).toEqual([2, 1, 3]);
    expect(move([1, 2, 3], 2, 1)).toEqual([1, 3, 2]);
    expect(move([1, 2, 3], 0, -1)).toEqual([1, 2, 3]);
    expect(move([1, 2, 3], 2, 3)).toEqual([1, 2, 3]);
  });
  it('make keys from labels, unique', () => {
    expect(keyFrom('Рекламный бюджет в месяц, ₽', [])).toBe('reklamnyy_byudzhet_v_mesyac');
    expect(keyFrom('Site URL', ['site_url'])).toBe('site_url_2');
    expect(keyFrom('???', [])).toBe('q');
  });
  it('check keys, labels and options like the server', () => {
    const e = questionErrors([
      { key: 'budget', type: 'number', label: 'Бюджет' },
      { key: 'budget', type: 'text', label: '' },
      { key: 'Bad Key', type: 'choice', label: 'Цель', options: [] },
      { key: 'channels', type: 'multi_choice', label: 'Каналы', options: ['a', 'a'] },
    ]);
    expect(e).toEqual({ 1: ['keyTaken', 'label'], 2: ['key', 'options'], 3: ['optionsDistinct'] });
  });
  it('send options only for choice types', () => {
    expect(questionBody({ key: 'a', type: 'text', label: ' A ', options: ['x'], help: ' ' })).toEqual({ key: 'a', type: 'text', label: 'A', required: false, options: [] });
    expect(questionBody({ key: 'b', type: 'choice', label: 'B', options: [' x ', '', 'y'], required: true })).toEqual({ key: 'b', type: 'choice', label: 'B', required: true, options: ['x', 'y'] });
  });
});
