import { describe, expect, it } from 'vitest';
import { pageLink, senderLine } from './application';

describe("the customer's request", () => {
  it('links the page only when it is http(s)', () => {
    expect(pageLink('https://retainer.agency/razrabotka')).toEqual({ href: 'https://retainer.agency/razrabotka', text: 'retainer.agency/razrabotka' });
    expect(pageLink('http://www.site.ru/?utm=1')).toEqual({ href: 'http://www.site.ru/?utm=1', text: 'site.ru?utm=1' });
    expect(pageLink('javascript:alert(1)')).toEqual({ href: null, text: 'javascript:alert(1)' });
    expect(pageLink('главная страница')).toEqual({ href: null, text: 'главная страница' });
    expect(pageLink(null)).toBeNull();
    expect(pageLink('  ')).toBeNull();
  });
  it('names the sender in one line without empty parts', () => {
    expect(senderLine({ name: 'Вадим', company: 'Восход', phone: null, email: 'v@x.ru', inn: '7707083893' }, 'ИНН')).toBe('Вадим · Восход · v@x.ru · ИНН 7707083893');
    expect(senderLine({ name: null, company: ' ', phone: '+7 900', email: null, inn: null }, 'INN')).toBe('+7 900');
  });
});
