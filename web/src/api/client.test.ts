// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import i18n from 'i18next';
import { ru } from '../i18n/ru';
import { fieldMessage } from './messages';

describe('server field messages', () => {
  it('read in Russian when known and stay as sent otherwise', async () => {
    await i18n.init({ lng: 'ru', resources: { ru: { translation: ru } } });
    expect(fieldMessage('must be at most 2000 characters', i18n.t, 'ru')).toBe('не длиннее 2000 символов');
    expect(fieldMessage('more than 24 hours would be logged on that day', i18n.t, 'ru')).toBe('за этот день получится больше 24 часов');
    expect(fieldMessage('something new', i18n.t, 'ru')).toBe('something new');
    expect(fieldMessage('is required', i18n.t, 'en')).toBe('is required');
  });
});

describe('the API client', () => {
  it('asks the server to answer in the UI language (Accept-Language) on every request', async () => {
    const { api } = await import('./client');
    const { setLocale } = await import('../i18n');
    const sent: Record<string, string>[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = (async (_url: string, init: RequestInit) => {
      sent.push(init.headers as Record<string, string>);
      return new Response('{"ok":true}', { status: 200, headers: { 'Content-Type': 'application/json' } });
    }) as typeof fetch;
    try {
      setLocale('en');
      await api.get('/api/v1/auth/me');
      await api.post('/api/v1/applications', { name: 'x' });
      setLocale('ru');
      await api.patch('/api/v1/deals/1', { title: 'y' });
    } finally {
      globalThis.fetch = realFetch;
    }
    expect(sent.map((h) => h['Accept-Language'])).toEqual(['en', 'en', 'ru']);
  });
});
