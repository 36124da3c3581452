// Browser tests of issue 9, items 3, 4, 10, 11 and 13: the server's messages in the UI's language,
// requisites before a document is shared, an account manager's Today, the customer's request in the
// deal, and the client's own page.
// Alone: node web/e2e/run.mjs --binary build/ci/retainer --bench-clients 0 --only accounts
import { api, assert, signIn } from './harness.mjs';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };

/** The UI's language through its own switch (the header's RU/EN or, on a phone, the menu). */
async function switchLanguage(p, locale) {
  const saved = p.waitForResponse((r) => r.url().endsWith('/api/v1/auth/me') && r.request().method() === 'PATCH');
  if (await p.$('[data-testid=lang-switch]')) await p.click(`[data-testid=lang-switch] label:has-text("${locale.toUpperCase()}")`);
  else {
    await p.click('[data-testid=user-menu]');
    await p.click('[data-testid=lang-toggle]');
  }
  await saved;
}

async function setLocaleQuietly(p, locale) {
  await api(p, 'PATCH', '/api/v1/auth/me', { locale });
  await p.evaluate((l) => localStorage.setItem('retainer.locale', l), locale);
}

/** The error text under a field (Mantine puts it in the input's wrapper). */
async function fieldError(p, selector) {
  return p.$eval(selector, (el) => el.closest('.mantine-InputWrapper-root')?.querySelector('.mantine-InputWrapper-error')?.textContent ?? '').catch(() => '');
}

async function noOverflow(p, where) {
  await p.waitForTimeout(350);
  const o = await p.evaluate(() => ({ w: window.innerWidth, wide: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) }));
  assert(o.wide <= o.w, `${where}: the page is ${o.wide} px on a ${o.w} px screen`);
}

export function accountsTests(s, ctx) {
  const shot = (p, name) => ctx.shot(p, name);

  s.test('accounts: the server answers in the UI language — a field error in Russian, then in English after the switch', async () => {
    const p = ctx.page();
    const base = ctx.url();
    await p.setViewportSize(DESKTOP);
    await signIn(p, base, 'owner@demo.local');
    await setLocaleQuietly(p, 'ru');
    const asked = [];
    const onReq = (r) => r.url().includes('/api/') && asked.push(r.headers()['accept-language']);
    p.on('request', onReq);
    try {
      await p.goto(`${base}/settings/agency`);
      await p.waitForSelector('[data-testid=settings-agency_inn]', { timeout: 15000 });
      const before = await p.inputValue('[data-testid=settings-agency_inn]');
      // 10 digits whose check digit is wrong: only the server knows (the form sends it as typed).
      await p.fill('[data-testid=settings-agency_inn]', '7707083890');
      await p.click('[data-testid=settings-save]');
      await p.waitForSelector('[data-testid=settings-form] .mantine-InputWrapper-error', { timeout: 5000 });
      const ru = await fieldError(p, '[data-testid=settings-agency_inn]');
      assert(/контрольн/.test(ru), `Russian under the field: "${ru}"`);
      await shot(p, 'server-error-ru.png');
      await switchLanguage(p, 'en');
      await p.click('[data-testid=settings-save]');
      await p.waitForFunction(() => /check digit/.test(document.querySelector('[data-testid=settings-agency_inn]')?.closest('.mantine-InputWrapper-root')?.querySelector('.mantine-InputWrapper-error')?.textContent ?? ''), null, { timeout: 5000 });
      const en = await fieldError(p, '[data-testid=settings-agency_inn]');
      assert(en === 'check digit does not match', `English under the field: "${en}"`);
      await shot(p, 'server-error-en.png');
      assert(asked.length > 0 && asked.every((h) => h === 'ru' || h === 'en'), `every API request says ru or en: ${[...new Set(asked)].join(', ')}`);
      assert(asked.at(-1) === 'en', `the last request asked for English: ${asked.at(-1)}`);
      // Nothing was stored: the old ИНН is still there.
      const stored = (await api(p, 'GET', '/api/v1/agency-settings')).body;
      assert(stored.agency_inn === before, `ИНН unchanged: ${stored.agency_inn}`);
    } finally {
      p.off('request', onReq);
      await setLocaleQuietly(p, 'ru');
    }
  });

  s.test('accounts: the agency settings hold the requisites field by field and the language of documents (owner, head)', async () => {
    const p = ctx.page();
    const base = ctx.url();
    await p.setViewportSize(DESKTOP);
    await signIn(p, base, 'owner@demo.local');
    await p.goto(`${base}/settings/agency`);
    await p.waitForSelector('[data-testid=settings-agency_director]', { timeout: 15000 });
    const s0 = (await api(p, 'GET', '/api/v1/agency-settings')).body;
    for (const k of ['agency_legal_name', 'agency_inn', 'agency_kpp', 'agency_ogrn', 'agency_address', 'agency_bank_name', 'agency_bik', 'agency_correspondent_account', 'agency_bank_account', 'agency_director', 'agency_accountant', 'agency_phone', 'agency_email'])
      assert((await p.inputValue(`[data-testid=settings-${k}]`)) === s0[k], `${k} shows the stored "${s0[k]}"`);
    // The settlement account checked against the БИК by the server: its error under that field.
    await p.fill('[data-testid=settings-agency_bank_account]', '40702810000000001234');
    await p.click('[data-testid=settings-save]');
    await p.waitForSelector('[data-testid=settings-form] .mantine-InputWrapper-error', { timeout: 5000 });
    const e = await fieldError(p, '[data-testid=settings-agency_bank_account]');
    assert(/БИК/.test(e), `the account's error under it: "${e}"`);
    await p.fill('[data-testid=settings-agency_bank_account]', s0.agency_bank_account);
    await p.fill('[data-testid=settings-agency_accountant]', 'Смирнова Анна Петровна (гл. бух.)');
    await p.click('[data-testid=settings-language]');
    await p.getByRole('option', { name: 'English' }).click();
    const saved = p.waitForResponse((r) => r.url().endsWith('/api/v1/agency-settings') && r.request().method() === 'PATCH');
    await p.click('[data-testid=settings-save]');
    const res = await saved;
    assert(res.status() === 200, `saved: ${res.status()}`);
    const s1 = (await api(p, 'GET', '/api/v1/agency-settings')).body;
    assert(s1.language === 'en' && s1.agency_accountant === 'Смирнова Анна Петровна (гл. бух.)', `stored: ${s1.language} ${s1.agency_accountant}`);
    await p.evaluate(() => document.querySelector('#requisites')?.scrollIntoView());
    await shot(p, 'agency-settings-requisites.png');
    await api(p, 'PATCH', '/api/v1/agency-settings', { language: s0.language, agency_accountant: s0.agency_accountant });
    // A manager has no settings screen: the link is not there and a deep link goes home.
    await signIn(p, base, 'manager@demo.local');
    assert(!(await p.$('[data-testid=nav-settingsagency]')), 'no settings in a manager\'s navigation');
    await p.goto(`${base}/settings/agency`);
    await p.waitForSelector('nav');
    assert(new URL(p.url()).pathname !== '/settings/agency', `a manager is sent away from the settings: ${p.url()}`);
  });

  s.test('accounts: a contract says which requisites it lacks before anyone shares it; the server\'s refusal names them; filled in, it is shared', async () => {
    const p = ctx.page();
    const base = ctx.url();
    await p.setViewportSize(DESKTOP);
    await signIn(p, base, 'owner@demo.local');
    const settings0 = (await api(p, 'GET', '/api/v1/agency-settings')).body;
    // The agency lacks its director; the deal is a prospect (no client yet) that came from the site.
    await api(p, 'PATCH', '/api/v1/agency-settings', { agency_director: '' });
    const deals = (await api(p, 'GET', '/api/v1/deals?limit=200')).body.items;
    const deal = deals.find((d) => !d.client_id && d.application_id && d.company);
    assert(deal, 'a prospect deal from an application');
    try {
      await p.goto(`${base}/sales?panel=deal:${deal.id}&tab=documents`);
      await p.waitForSelector('[data-testid=readiness]', { timeout: 20000 });
      const r0 = (await api(p, 'GET', `/api/v1/deals/${deal.id}/document-readiness`)).body;
      assert(r0.missing.contract.agency.includes('director'), `the server says the director is missing: ${JSON.stringify(r0.missing.contract)}`);
      const text0 = await p.textContent('[data-testid=readiness]');
      for (const label of ['ИНН', 'КПП', 'Юридический адрес', 'БИК', 'Расчётный счёт', 'Корр. счёт', 'Руководитель']) assert(text0.includes(label), `«${label}» named: "${text0}"`);
      assert(/Клиента ещё нет/.test(text0), `a prospect deal says there is no client: "${text0}"`);
      assert(!/\blegal_address\b|\bdirector\b/.test(text0), `no raw field names: "${text0}"`);
      // A contract made now: its "Share" is disabled with the reason.
      await p.click('[data-testid=doc-new-kind]');
      await p.getByRole('option', { name: 'Договор', exact: true }).click();
      const made = p.waitForResponse((r) => r.url().endsWith('/api/v1/documents') && r.request().method() === 'POST');
      await p.click('[data-testid=doc-create]');
      const doc = await (await made).json();
      const row = `[data-testid=doc-row][data-doc-id="${doc.id}"]`;
      await p.waitForSelector(`${row} [data-testid=doc-share-blocked]`, { timeout: 10000 });
      assert(await p.isDisabled(`${row} [data-testid=doc-share]`), 'the share button is disabled');
      const reason = await p.textContent(`${row} [data-testid=doc-share-blocked]`);
      assert(/ИНН/.test(reason) && /Руководитель/.test(reason), `the reason names the fields: "${reason}"`);
      await shot(p, 'deal-readiness.png');

      // The server still refuses (the readiness answer faked empty so the button is live): its field errors in the row.
      const route = `**/api/v1/deals/${deal.id}/document-readiness`;
      await p.route(route, (rt) => rt.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ deal_id: deal.id, client_id: null, missing: { contract: { client: [], agency: [] }, invoice: { client: [], agency: [] }, act: { client: [], agency: [] } } }) }));
      await p.reload();
      await p.waitForSelector(`${row} [data-testid=doc-share]:not([disabled])`, { timeout: 15000 });
      const refused = p.waitForResponse((r) => r.url().endsWith(`/api/v1/documents/${doc.id}/share`));
      await p.click(`${row} [data-testid=doc-share]`);
      const rr = await refused;
      assert(rr.status() === 400, `the server refuses: ${rr.status()}`);
      await p.waitForSelector(`${row} [data-testid=doc-share-refused]`, { timeout: 5000 });
      const told = await p.textContent(`${row} [data-testid=doc-share-refused]`);
      assert(/ИНН/.test(told) && /Руководитель/.test(told) && /прежде чем отправлять/.test(told), `the refusal names the fields in Russian: "${told}"`);
      await shot(p, 'deal-share-refused.png');
      await p.unroute(route);

      // Create the client from the deal, fill in its requisites on the client card.
      await p.reload();
      await p.waitForSelector('[data-testid=readiness-create-client]', { timeout: 15000 });
      const createdClient = p.waitForResponse((r) => r.url().endsWith('/api/v1/clients') && r.request().method() === 'POST');
      await p.click('[data-testid=readiness-create-client]');
      const client = await (await createdClient).json();
      assert(client.id && client.name === deal.company, `the client is named after the deal's company: ${JSON.stringify(client).slice(0, 200)}`);
      await p.waitForSelector('[data-testid=readiness-open-client]', { timeout: 10000 });
      assert((await api(p, 'GET', `/api/v1/deals/${deal.id}`)).body.client_id === client.id, 'the deal is linked to the new client');
      await p.click('[data-testid=readiness-open-client]');
      await p.waitForSelector('[data-testid=client-edit-requisites]', { timeout: 15000 });
      await p.click('[data-testid=client-edit-requisites]');
      await p.waitForSelector('[data-testid=req-legal_name]');
      const fill = { legal_name: `${deal.company} (ООО)`, inn: '7736207540', kpp: '773601001', ogrn: '1027700229193', legal_address: '119021, г. Москва, ул. Льва Толстого, д. 16', bank_name: 'ПАО Сбербанк', bik: '044525225', bank_account: '40702810500000001234', correspondent_account: '30101810400000000225' };
      for (const [k, v] of Object.entries(fill)) await p.fill(`[data-testid=req-${k}]`, v);
      await p.click('[data-testid=requisites-save]');
      await p.waitForSelector('.mantine-InputWrapper-error >> nth=0', { timeout: 5000 });
      const innError = await fieldError(p, '[data-testid=req-inn]');
      assert(/контрольн/.test(innError), `a wrong ИНН is refused under the field: "${innError}"`);
      await p.fill('[data-testid=req-inn]', '7736207543');
      const patched = p.waitForResponse((r) => r.url().endsWith(`/api/v1/clients/${client.id}`) && r.request().method() === 'PATCH');
      await p.click('[data-testid=requisites-save]');
      assert((await patched).status() === 200, 'the requisites are saved');
      await p.waitForSelector('[data-testid=req-legal_name]', { state: 'detached', timeout: 5000 });

      // Back in the deal only the agency's director is missing: the link leads to the settings.
      await p.goto(`${base}/sales?panel=deal:${deal.id}&tab=documents`);
      await p.waitForSelector('[data-testid=readiness-open-settings]', { timeout: 15000 });
      const text1 = await p.textContent('[data-testid=readiness]');
      assert(!/клиенту не хватает/.test(text1) && /Руководитель/.test(text1), `only the agency lacks something now: "${text1}"`);
      assert(await p.isDisabled(`${row} [data-testid=doc-share]`), 'still disabled');
      await p.click('[data-testid=readiness-open-settings]');
      await p.waitForSelector('[data-testid=settings-agency_director]', { timeout: 15000 });
      assert(new URL(p.url()).pathname === '/settings/agency', `the settings opened: ${p.url()}`);
      await p.fill('[data-testid=settings-agency_director]', settings0.agency_director || 'Иванова Ольга Сергеевна');
      const saved = p.waitForResponse((r) => r.url().endsWith('/api/v1/agency-settings') && r.request().method() === 'PATCH');
      await p.click('[data-testid=settings-save]');
      assert((await saved).status() === 200, 'the director is saved');

      // Everything is there: the contract is shared.
      await p.goto(`${base}/sales?panel=deal:${deal.id}&tab=documents`);
      await p.waitForSelector('[data-testid=readiness][data-ready="1"]', { timeout: 15000 });
      await p.waitForSelector(`${row} [data-testid=doc-share]:not([disabled])`);
      const shared = p.waitForResponse((r) => r.url().endsWith(`/api/v1/documents/${doc.id}/share`));
      await p.click(`${row} [data-testid=doc-share]`);
      const sr = await shared;
      assert(sr.status() === 200, `shared: ${sr.status()} ${await sr.text()}`);
      await p.waitForSelector(`${row} [data-testid=doc-link]`, { timeout: 10000 });
      const after = (await api(p, 'GET', `/api/v1/documents/${doc.id}`)).body;
      assert(after.status === 'shared' && after.public_url, `the contract is shared: ${after.status}`);
      await shot(p, 'deal-readiness-done.png');
      // English and the phone: the same block, translated, on the screen.
      await p.setViewportSize(PHONE);
      await api(p, 'PATCH', '/api/v1/agency-settings', { agency_director: '' });
      await setLocaleQuietly(p, 'en');
      await p.goto(`${base}/sales?panel=deal:${deal.id}&tab=documents`);
      await p.waitForSelector('[data-testid=readiness][data-ready="0"]', { timeout: 15000 });
      const en = await p.textContent('[data-testid=readiness]');
      assert(/Director/.test(en) && !/[А-Яа-яЁё]/.test(en.replace(/«[^»]*»/g, '')), `English block: "${en}"`);
      await noOverflow(p, 'the deal card on a phone');
      await shot(p, 'phone-deal-readiness-en.png');
    } finally {
      await p.unroute(`**/api/v1/deals/${deal.id}/document-readiness`).catch(() => {});
      await p.setViewportSize(DESKTOP);
      await setLocaleQuietly(p, 'ru');
      await api(p, 'PATCH', '/api/v1/agency-settings', { agency_director: settings0.agency_director });
    }
  });

  s.test('accounts: the deal shows the customer\'s message and page at the top; a new application\'s source starts empty and is required', async () => {
    const p = ctx.page();
    const base = ctx.url();
    await p.setViewportSize(DESKTOP);
    await signIn(p, base, 'sales@demo.local');
    const deals = (await api(p, 'GET', '/api/v1/deals?limit=200&source=site')).body.items;
    const deal = deals.find((d) => d.application_id);
    assert(deal, 'a deal from the site form');
    const app = (await api(p, 'GET', `/api/v1/deals/${deal.id}/application`)).body;
    assert(app.message && app.page_url, `the application has a message and a page: ${JSON.stringify(app)}`);
    await p.goto(`${base}/sales?panel=deal:${deal.id}&tab=documents`);
    await p.waitForSelector('[data-testid=deal-application]', { timeout: 20000 });
    assert((await p.textContent('[data-testid=deal-application-message]')).trim() === app.message.trim(), 'the message as sent');
    const href = await p.getAttribute('[data-testid=deal-application-page]', 'href');
    assert(href === new URL(app.page_url).href, `the page links where it came from: ${href}`);
    // Above the tabs: seen whichever tab is open.
    const order = await p.evaluate(() => {
      const a = document.querySelector('[data-testid=deal-application]').getBoundingClientRect().top;
      const tabs = document.querySelector('[data-testid=deal-tabs]').getBoundingClientRect().top;
      return a < tabs;
    });
    assert(order, 'the request is above the tabs');
    await shot(p, 'deal-application.png');
    // A deal made without an application asks nothing (no 404 request).
    const plain = deals.find((d) => !d.application_id) ?? (await api(p, 'GET', '/api/v1/deals?limit=200')).body.items.find((d) => !d.application_id);
    if (plain) {
      const asked = [];
      const onReq = (r) => /\/api\/v1\/deals\/\d+\/application/.test(r.url()) && asked.push(r.url());
      p.on('request', onReq);
      await p.goto(`${base}/sales?panel=deal:${plain.id}&tab=overview`);
      await p.waitForSelector('[data-testid=deal-card-panel]', { timeout: 15000 });
      await p.waitForTimeout(500);
      p.off('request', onReq);
      assert(asked.length === 0 && !(await p.$('[data-testid=deal-application]')), `no application asked for deal ${plain.id}: ${asked}`);
    }

    // The form: the source starts empty; without it nothing is sent and the field says why.
    await p.goto(`${base}/sales`);
    await p.click('[data-testid=new-application]');
    await p.waitForSelector('[data-testid=app-source]');
    assert((await p.inputValue('[data-testid=app-source]')) === '', 'the source starts empty');
    const posted = [];
    const onPost = (r) => r.url().endsWith('/api/v1/applications') && r.method() === 'POST' && posted.push(JSON.parse(r.postData()));
    p.on('request', onPost);
    const stamp = Date.now() % 1_000_000;
    await p.fill('[data-testid=app-name]', 'Мария Источникова');
    await p.fill('[data-testid=app-email]', `source${stamp}@example.ru`);
    await p.fill('[data-testid=app-message]', `Нужен аудит сайта ${stamp}, и быстро`);
    await p.click('[data-testid=application-submit]');
    await p.waitForTimeout(400);
    const e = await fieldError(p, '[data-testid=app-source]');
    assert(/откуда пришла заявка/.test(e) && posted.length === 0, `source required: "${e}", sent ${posted.length}`);
    await shot(p, 'application-source-required.png');
    await p.click('[data-testid=app-source]');
    await p.getByRole('option', { name: 'рекомендация' }).click();
    const created = p.waitForResponse((r) => r.url().endsWith('/api/v1/applications') && r.request().method() === 'POST');
    await p.click('[data-testid=application-submit]');
    const made = await (await created).json();
    p.off('request', onPost);
    assert(posted[0]?.source === 'referral' && made.source === 'referral', `sent and stored as referral: ${posted[0]?.source} / ${made.source}`);
    if (await p.$('[data-testid=application-open-deal]')) await p.click('[data-testid=application-open-deal]');
    await p.waitForSelector('[data-testid=deal-application]', { timeout: 15000 });
    const msg = await p.textContent('[data-testid=deal-application-message]');
    assert(msg.includes(`Нужен аудит сайта ${stamp}`), `the new deal shows the message: "${msg}"`);
    await p.setViewportSize(PHONE);
    await setLocaleQuietly(p, 'en');
    await p.reload();
    await p.waitForSelector('[data-testid=deal-application]', { timeout: 15000 });
    const head = await p.textContent('[data-testid=deal-application]');
    assert(/The customer's request/.test(head) && /referral/.test(head), `English: "${head}"`);
    await noOverflow(p, 'the deal with its request on a phone');
    await shot(p, 'phone-deal-application-en.png');
    await setLocaleQuietly(p, 'ru');
    await p.setViewportSize(DESKTOP);
  });

  s.test('accounts: a manager\'s Today — overdue recommendations, missed calls newest first, silent clients, services in the red; each opens its card', async () => {
    const p = ctx.page();
    const base = ctx.url();
    await p.setViewportSize(DESKTOP);
    const me = await signIn(p, base, 'manager@demo.local');
    assert(await p.$('[data-testid=nav-salestoday]'), 'Today is in a manager\'s navigation');
    // Two missed incoming calls of the manager's clients, an hour apart (the demo may have none this fortnight).
    const clients = (await api(p, 'GET', `/api/v1/clients?account_manager_id=${me.user.id}&limit=5`)).body.items;
    assert(clients.length >= 2, 'the manager manages clients');
    const at = (h) => new Date(Date.now() - h * 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');
    for (const [c, h] of [[clients[0], 5], [clients[1], 1]]) {
      const r = await api(p, 'POST', '/api/v1/calls', { client_id: c.id, direction: 'in', status: 'missed', started_at: at(h), duration_seconds: 0, phone: '+7 900 000-00-0' + h });
      assert(r.status === 201, `a missed call: ${r.status} ${JSON.stringify(r.body)}`);
    }
    const data = (await api(p, 'GET', '/api/v1/accounts/today')).body;
    await p.click('[data-testid=nav-salestoday]');
    await p.waitForSelector('[data-testid=accounts-today]', { timeout: 15000 });
    await p.waitForLoadState('networkidle').catch(() => {});
    const count = async (id) => Number(await p.textContent(`[data-testid=${id}-count]`));
    assert((await count('accounts-recs')) === data.recommendations_overdue.length, 'recommendations count');
    assert((await count('accounts-calls')) === data.calls_missed.length && data.calls_missed.length >= 2, 'calls count');
    assert((await count('accounts-silent')) === data.clients_silent.length, 'silent clients count');
    assert((await count('accounts-services')) === data.services_at_risk.length, 'services count');
    const shown = await p.$$eval('[data-testid=accounts-call]', (xs) => xs.map((x) => Number(x.dataset.callId)));
    const newest = [...data.calls_missed].sort((a, b) => b.started_at.localeCompare(a.started_at)).map((c) => c.id);
    assert(JSON.stringify(shown) === JSON.stringify(newest), `calls newest first: ${shown} vs ${newest}`);
    const owns = (await api(p, 'GET', `/api/v1/deals?owner_id=${me.user.id}&limit=1`)).body.total > 0;
    assert(!!(await p.$('[data-testid=today]')) === owns, `sales columns only for someone who owns deals (${owns})`);
    const body = await p.textContent('main');
    assert(!/#\d+/.test(body), 'no «#id» on Today');
    await shot(p, 'today-accounts.png');
    // Items open their cards: a recommendation → the client's recommendations, a service → its card.
    if (data.recommendations_overdue[0]) {
      await p.click('[data-testid=accounts-rec] >> nth=0');
      await p.waitForSelector('[data-testid=client-card-panel]', { timeout: 15000 });
      assert(new URL(p.url()).searchParams.get('tab') === 'recs', `the recommendations tab: ${p.url()}`);
      await p.keyboard.press('Escape');
      await p.waitForSelector('[data-testid=client-card-panel]', { state: 'detached' });
    }
    await p.click('[data-testid=accounts-call] >> nth=0');
    await p.waitForSelector('[data-testid=client-card-panel]', { timeout: 15000 });
    assert(new URL(p.url()).searchParams.get('panel') === `client:${newest.length ? data.calls_missed.find((c) => c.id === newest[0]).client_id : ''}`, `the newest call's client: ${p.url()}`);
    await p.keyboard.press('Escape');
    await p.waitForSelector('[data-testid=client-card-panel]', { state: 'detached' });
    if (data.services_at_risk[0]) {
      await p.click('[data-testid=accounts-service] >> nth=0');
      await p.waitForSelector('[data-testid=side-panel] .mantine-Drawer-body', { timeout: 15000 });
      assert(new URL(p.url()).searchParams.get('panel') === `service:${data.services_at_risk[0].service_id}`, `the service card: ${p.url()}`);
    }
    // English and the phone.
    await setLocaleQuietly(p, 'en');
    await p.goto(`${base}/sales/today`);
    await p.waitForSelector('[data-testid=accounts-today]', { timeout: 15000 });
    const titles = await p.$$eval('[data-testid=accounts-today] > div > div:first-child p:first-child', (xs) => xs.map((x) => x.textContent));
    assert(titles.join('|') === 'Overdue recommendations|Calls to return|No contact for long|Services in the red', `English titles: ${titles.join('|')}`);
    await shot(p, 'today-accounts-en.png');
    await p.setViewportSize(PHONE);
    await p.waitForTimeout(300);
    await noOverflow(p, 'Today on a phone');
    await shot(p, 'phone-today-accounts-en.png');
    await setLocaleQuietly(p, 'ru');
    await p.setViewportSize(DESKTOP);
    // The owner picks the manager: the same lists.
    await signIn(p, base, 'owner@demo.local');
    await p.goto(`${base}/sales/today`);
    await p.waitForSelector('[data-testid=today-owner]', { timeout: 15000 });
    const asked = p.waitForResponse((r) => r.url().includes(`/api/v1/accounts/today?owner_id=${me.user.id}`));
    await p.click('[data-testid=today-owner]');
    await p.getByRole('option', { name: new RegExp(me.user.name) }).click();
    assert((await asked).status() === 200, 'the manager\'s list for the owner');
    await p.waitForFunction((n) => document.querySelector('[data-testid=accounts-calls-count]')?.textContent === String(n), data.calls_missed.length, { timeout: 10000 });
    await shot(p, 'today-accounts-owner.png');
  });

  s.test('accounts: the client lands on their own page — names, not «#id», no 403, nothing internal — in Russian, English and on a phone', async () => {
    const p = ctx.page();
    const base = ctx.url();
    await p.setViewportSize(DESKTOP);
    const forbidden = [];
    const onRes = (r) => r.url().includes('/api/') && r.status() === 403 && forbidden.push(`${r.request().method()} ${new URL(r.url()).pathname}`);
    p.on('response', onRes);
    try {
      const me = await signIn(p, base, 'client@demo.local');
      await setLocaleQuietly(p, 'ru');
      await p.goto(`${base}/`);
      await p.waitForSelector('[data-testid=portal-service]', { timeout: 15000 });
      assert(new URL(p.url()).pathname === '/portal', `landed on ${p.url()}`);
      const portal = (await api(p, 'GET', '/api/v1/portal')).body;
      const check = async (lang) => {
        await p.waitForLoadState('networkidle').catch(() => {});
        const text = await p.textContent('body');
        assert(!/#\d+/.test(text), `${lang}: no «#id»: ${text.match(/.{20}#\d+.{20}/)?.[0]}`);
        assert(!/Недостаточно прав|Not allowed|Forbidden/i.test(text), `${lang}: no "not allowed" box`);
        assert(!(await p.$('.mantine-Alert-root[data-variant] [class*=Alert-title]:text-matches("Ошибка|Error")')), `${lang}: no error box`);
        for (const internal of ['Ставка планирования', 'Planning rate', 'Заметка', 'Note', 'Трудозатраты', 'Time entries', 'Звонки', 'Calls', 'Записей нет', 'No entries', 'Себестоимость', 'Labour cost', 'маржа', 'margin', '₽/ч', '₽/h'])
          assert(!text.includes(internal), `${lang}: nothing internal ("${internal}")`);
        assert(!(await p.$('nav')) && !(await p.$('[data-testid=side-panel] .mantine-Drawer-content')), `${lang}: no staff navigation or card`);
        const manager = portal.people.find((x) => x.id === portal.account_manager_id);
        assert(manager && text.includes(manager.name), `${lang}: the account manager ${manager?.name} named`);
        for (const s of portal.services) {
          const spec = portal.people.find((x) => x.id === s.specialist_id);
          if (spec) assert(text.includes(spec.name), `${lang}: the specialist ${spec.name} named`);
        }
        assert((await p.$$('[data-testid=portal-service]')).length === portal.services.length, `${lang}: every service`);
        assert((await p.$$('[data-testid=portal-recommendation]')).length === portal.recommendations.length, `${lang}: every recommendation`);
        return text;
      };
      const ru = await check('ru');
      assert(/Ваша команда/.test(ru) && /Рекомендации/.test(ru), 'Russian headings');
      await shot(p, 'portal-ru.png');
      // Staff screens and cards are not there for a client: a deep link comes back to the page.
      for (const link of ['/clients', '/services', `/?panel=client:${me.user.client_id}`, '/sales/today', '/settings/agency']) {
        await p.goto(`${base}${link}`);
        await p.waitForSelector('[data-testid=portal]', { timeout: 15000 });
        assert(new URL(p.url()).pathname === '/portal', `${link} → ${p.url()}`);
      }
      await p.waitForSelector('[data-testid=portal-service]');
      await switchLanguage(p, 'en');
      await p.waitForFunction(() => document.body.textContent.includes('Your team'), null, { timeout: 5000 });
      const en = await check('en');
      const ui = ['Services', 'Your team', 'Recommendations', 'Account manager'];
      for (const w of ui) assert(en.includes(w), `English "${w}"`);
      const russian = en.match(/Ваша команда|Услуги|Рекомендации|ждёт вашего решения|согласована|отклонена|работает/g);
      assert(!russian, `no Russian interface words in English: ${russian}`);
      await shot(p, 'portal-en.png');
      await p.setViewportSize(PHONE);
      await p.reload();
      await p.waitForSelector('[data-testid=portal-service]', { timeout: 15000 });
      await check('en, phone');
      await noOverflow(p, 'the client page on a phone');
      await shot(p, 'phone-portal-en.png');
      await setLocaleQuietly(p, 'ru');
      await p.reload();
      await p.waitForSelector('[data-testid=portal-service]', { timeout: 15000 });
      await noOverflow(p, 'the client page on a phone (ru)');
      await shot(p, 'phone-portal-ru.png');
      assert(forbidden.length === 0, `403 answers: ${[...new Set(forbidden)].join(', ')}`);
    } finally {
      p.off('response', onRes);
      await setLocaleQuietly(p, 'ru').catch(() => {});
      await p.setViewportSize(DESKTOP);
      // Leave nobody signed in as the client: the other tests expect the staff UI.
      if (await p.$('[data-testid=user-menu]')) {
        await p.click('[data-testid=user-menu]');
        await p.click('[data-testid=logout]');
        await p.waitForSelector('input[name=email]');
      }
    }
  });
}
