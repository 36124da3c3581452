// The server writes its messages in the language the client asks for (Accept-Language, sent by
// api/client.ts). This table is only the fallback for a server that still answers in English: the
// Russian interface shows the common ones in Russian.
import type { TFunction } from 'i18next';

const known: [RegExp, string][] = [
  [/^is required$/, 'required'],
  [/^must not be empty$/, 'required'],
  [/^cannot log time in the future$/, 'future'],
  [/^more than 24 hours would be logged on that day$/, 'dayOver24'],
  [/^no such (service|client|record)$/, 'noSuch'],
  [/^must be an active employee$/, 'activeEmployee'],
  [/^must be a date YYYY-MM-DD$/, 'date'],
  [/^must be at most (\d+) characters$/, 'maxLength'],
  [/^must be an email address$/, 'email'],
  [/^must be an http\(s\) URL$/, 'url'],
  [/^must not be before starts_on$/, 'beforeStart'],
  [/^must be 10 or 12 digits$/, 'inn'],
  [/^does not match$/, 'doesNotMatch'],
  [/^unescaped placeholders/, 'unescaped'],
];

/** The message in the interface language when it is a known one, else the server's text. */
export function fieldMessage(message: string, t: TFunction, locale: string): string {
  if (locale === 'en') return message;
  for (const [re, key] of known) {
    const m = message.match(re);
    if (m) return t(`serverErrors.${key}`, { n: m[1] ?? '' });
  }
  return message;
}

export function fieldMessages(fields: Record<string, string>, t: TFunction, locale: string): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, fieldMessage(v, t, locale)]));
}
