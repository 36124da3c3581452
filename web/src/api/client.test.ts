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
