// Browser tests of issue 9, items 2, 6, 7 and 8: the timer kept on the server (start on a service, a
// reload and a second browser see it, Esc keeps the time, save with a typed duration), the current
// month's badge is the pace, the service card opened on the dashboard's period says why it is red,
// and the time report's totals are the sums of the cells it shows.
// Alone: node web/e2e/run.mjs --binary build/rel/retainer --bench-clients 0 --only month
import { chromium } from 'playwright-core';
import { api, assert, signIn } from './harness.mjs';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };

const monthsRu = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];
const monthRu = (period) => `${monthsRu[Number(period.slice(5, 7)) - 1]} ${period.slice(0, 4)}`;

async function setLocale(p, locale) {
  await api(p, 'PATCH', '/api/v1/auth/me', { locale });
  await p.evaluate((l) => localStorage.setItem('retainer.locale', l), locale);
}

/** Waits until GET /api/v1/timer answers the given state; returns the timer. */
async function timerIs(p, state) {
  for (let i = 0; i < 50; i++) {
    const t = (await api(p, 'GET', '/api/v1/timer')).body;
    if (t?.state === state) return t;
    await p.waitForTimeout(100);
  }
  const t = (await api(p, 'GET', '/api/v1/timer')).body;
  throw new Error(`timer ${JSON.stringify(t)}, expected ${state}`);
}

/** "1:05:09" → seconds. */
const clockSeconds = (text) => {
  const m = text.match(/(\d+):(\d{2}):(\d{2})/);
  return m ? Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) : NaN;
};

/** A second browser of its own (not the suite's profile): another device of the same person. */
async function otherBrowser() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const context = await browser.newContext({ viewport: DESKTOP, locale: 'ru-RU', timezoneId: 'Europe/Moscow' });
  return { page: await context.newPage(), close: () => browser.close() };
}

export function monthTests(s, ctx) {
  const shot = (p, name) => ctx.shot(p, name);

  s.test('month: the timer starts on a service, survives a reload and shows in a second browser, keeps its time through Esc / Cancel / a click outside, saves a typed duration', async () => {
    const p = ctx.page();
    const base = ctx.url();
    await p.setViewportSize(DESKTOP);
    await signIn(p, base, 'owner@demo.local');
    await api(p, 'DELETE', '/api/v1/timer');
    const dash = (await api(p, 'GET', '/api/v1/dashboard')).body;
    await p.goto(`${base}/`);
    await p.waitForSelector('[data-testid=service-row]', { timeout: 15000 });
    // The first row on the screen: start the timer on it.
    const serviceId = Number(await p.getAttribute('[data-testid=service-row] >> nth=0', 'data-service-id'));
    const service = dash.clients.flatMap((c) => c.services).find((x) => x.id === serviceId);
    assert(service, `service ${serviceId} in the payload`);
    await p.click(`[data-testid=service-row][data-service-id="${serviceId}"] [data-testid=service-timer]`);
    await p.waitForSelector('header [data-testid=timer-stop]', { timeout: 10000 });
    let t = await timerIs(p, 'running');
    assert(t.service_id === serviceId, `the timer runs on service ${serviceId}: ${JSON.stringify(t)}`);
    const rowButton = await p.getAttribute(`[data-testid=service-row][data-service-id="${serviceId}"] [data-testid=service-timer]`, 'data-state');
    assert(rowButton === 'running', `the row shows its timer running (${rowButton})`);

    // A reload, and another browser signed in as the same person, both see it running.
    await p.waitForTimeout(1200);
    await p.reload();
    await p.waitForSelector('header [data-testid=timer-stop]', { timeout: 15000 });
    const afterReload = clockSeconds(await p.textContent('header [data-testid=timer-stop]'));
    assert(afterReload >= 1, `still counting after the reload: ${afterReload} s`);
    const tip = await p.getAttribute('header [data-testid=timer-stop]', 'data-service-name');
    assert(tip && service.name.startsWith(tip.split(' — ')[0]), `the header names the service: "${tip}" / "${service.name}"`);
    const other = await otherBrowser();
    try {
      await signIn(other.page, base, 'owner@demo.local');
      await other.page.goto(`${base}/`);
      await other.page.waitForSelector('header [data-testid=timer-stop]', { timeout: 15000 });
      const there = clockSeconds(await other.page.textContent('header [data-testid=timer-stop]'));
      assert(there >= 1, `the second browser shows the running timer: ${there} s`);
    } finally {
      await other.close();
    }

    // Stop: the form opens prefilled; Esc, Cancel and a click outside keep the stopped time.
    await p.waitForTimeout(1000);
    await p.click('header [data-testid=timer-stop]');
    const form = p.locator('[data-testid=time-entry-form]');
    await form.waitFor({ timeout: 10000 });
    t = await timerIs(p, 'stopped');
    const prefilled = await form.locator('input[name=hours]').inputValue();
    assert(prefilled === `0:${String(t.minutes).padStart(2, '0')}`, `prefilled "${prefilled}" = the server's ${t.minutes} min`);
    const picked = await form.locator('[data-testid=service-picker]').inputValue();
    assert(picked && service.name.includes(picked.split(' — ')[0]), `the service is prefilled: "${picked}"`);
    await shot(p, 'timer-save-form.png');
    await p.keyboard.press('Escape');
    await form.waitFor({ state: 'detached' });
    await p.waitForSelector('header [data-testid=timer-stopped]');
    let kept = await timerIs(p, 'stopped');
    assert(kept.seconds === t.seconds && kept.seconds > 0, `Esc kept ${kept.seconds} s`);
    const shown = clockSeconds(await p.textContent('header [data-testid=timer-stopped]'));
    assert(shown === kept.seconds, `the header shows the stopped ${kept.seconds} s (${shown})`);
    await p.mouse.move(5, 890);
    await p.waitForTimeout(200);
    await shot(p, 'timer-stopped.png');
    await p.click('header [data-testid=timer-save]');
    await form.waitFor();
    await form.getByRole('button', { name: 'Отмена' }).click();
    await form.waitFor({ state: 'detached' });
    await p.click('header [data-testid=timer-save]');
    await form.waitFor();
    await p.mouse.click(5, 890); // the overlay, outside the form
    await form.waitFor({ state: 'detached' });
    kept = await timerIs(p, 'stopped');
    assert(kept.seconds === t.seconds, `Cancel and a click outside kept ${kept.seconds} s`);

    // A save the server refuses (a note over 2,000 characters) says why under the field and keeps the timer.
    await p.click('header [data-testid=timer-save]');
    await form.waitFor();
    await form.locator('textarea[name=note]').fill('x'.repeat(2001));
    const refused = p.waitForResponse((r) => r.url().endsWith('/api/v1/timer/save'));
    await p.click('[data-testid=time-entry-save]');
    assert((await refused).status() === 400, 'the long note is refused');
    const noteError = await form.locator('textarea[name=note]').evaluate((el) => el.closest('.mantine-InputWrapper-root')?.querySelector('.mantine-InputWrapper-error')?.textContent ?? '');
    assert(noteError, 'the server field error is under the note');
    kept = await timerIs(p, 'stopped');
    assert(kept.seconds === t.seconds, `a refused save kept ${kept.seconds} s`);

    // Save with a typed duration: one entry (source timer) and an idle timer.
    await form.locator('input[name=hours]').fill('0:25');
    await form.locator('textarea[name=note]').fill('E2E: таймер');
    const saved = p.waitForResponse((r) => r.url().endsWith('/api/v1/timer/save') && r.request().method() === 'POST');
    await p.click('[data-testid=time-entry-save]');
    const res = await saved;
    assert(res.status() === 201, `save answered ${res.status()}`);
    const entry = await res.json();
    await form.waitFor({ state: 'detached', timeout: 10000 });
    const stored = (await api(p, 'GET', `/api/v1/time-entries/${entry.id}`)).body;
    assert(stored.duration_minutes === 25 && stored.service_id === serviceId && stored.source === 'timer' && stored.note === 'E2E: таймер', `stored ${JSON.stringify(stored)}`);
    await timerIs(p, 'idle');
    await p.waitForSelector('header [data-testid=timer-start]');

    // Continue and discard: a stopped timer runs on; a discard asks first and then drops the time.
    await p.click('header [data-testid=timer-start]');
    await p.waitForSelector('header [data-testid=timer-stop]');
    // Started without a service, a row's ▶ puts it on that service; another row's ▶ asks before moving it.
    const otherId = Number(await p.getAttribute('[data-testid=service-row] >> nth=1', 'data-service-id'));
    await p.click(`[data-testid=service-row][data-service-id="${serviceId}"] [data-testid=service-timer]`);
    await p.waitForFunction(async (id) => (await (await fetch('/api/v1/timer')).json()).service_id === id, serviceId, { timeout: 5000 });
    await p.click(`[data-testid=service-row][data-service-id="${otherId}"] [data-testid=service-timer]`);
    await p.waitForSelector('[data-testid=timer-move-yes]');
    await p.locator('[data-testid=timer-move-confirm]').getByRole('button', { name: 'Отмена' }).click();
    assert((await timerIs(p, 'running')).service_id === serviceId, 'Cancel left the timer on its service');
    await p.waitForTimeout(1100);
    await p.click('header [data-testid=timer-stop]');
    await form.waitFor();
    await p.keyboard.press('Escape');
    await p.click('header [data-testid=timer-continue]');
    await p.waitForSelector('header [data-testid=timer-stop]');
    await timerIs(p, 'running');
    await p.click('header [data-testid=timer-stop]');
    await form.waitFor();
    await p.keyboard.press('Escape');
    await p.click('header [data-testid=timer-discard]');
    const confirm = p.locator('[data-testid=timer-discard-confirm]');
    await p.waitForSelector('[data-testid=timer-discard-yes]');
    await confirm.getByRole('button', { name: 'Отмена' }).click();
    await confirm.waitFor({ state: 'detached' });
    await timerIs(p, 'stopped');
    await p.click('header [data-testid=timer-discard]');
    await p.waitForSelector('[data-testid=timer-discard-yes]');
    await p.waitForTimeout(300);
    await shot(p, 'timer-discard.png');
    await p.click('[data-testid=timer-discard-yes]');
    await timerIs(p, 'idle');
    await p.waitForSelector('header [data-testid=timer-start]');

    // In the service card, in English, and on a phone.
    await p.goto(`${base}/?panel=service:${serviceId}`);
    await p.click('[data-testid=service-card-panel] [data-testid=service-timer]');
    await timerIs(p, 'running');
    await p.waitForSelector('[data-testid=service-card-panel] [data-testid=service-timer][data-state=running]');
    await p.waitForTimeout(1100);
    await p.mouse.move(5, 890);
    await shot(p, 'panel-service-timer.png');
    await p.click('[data-testid=service-card-panel] [data-testid=service-timer]');
    await form.waitFor();
    await p.keyboard.press('Escape');
    await timerIs(p, 'stopped');
    await setLocale(p, 'en');
    await p.goto(`${base}/`);
    await p.waitForSelector('header [data-testid=timer-stopped]', { timeout: 15000 });
    const en = await p.textContent('header');
    assert(/Save/.test(en) && /Continue/.test(en) && /Discard/.test(en), `English header: ${en}`);
    await p.mouse.move(5, 890);
    await shot(p, 'timer-stopped-en.png');
    await setLocale(p, 'ru');
    await p.setViewportSize(PHONE);
    try {
      await p.goto(`${base}/`);
      await p.waitForSelector('header [data-testid=timer-stopped]', { timeout: 15000 });
      const wide = await p.evaluate(() => document.documentElement.scrollWidth);
      assert(wide <= PHONE.width, `the phone header with a stopped timer fits: ${wide}`);
      await p.click('header [data-testid=timer-stopped]');
      await p.waitForSelector('[data-testid=timer-menu] [data-testid=timer-save]');
      await p.waitForTimeout(400);
      await shot(p, 'phone-timer.png');
      await p.keyboard.press('Escape');
    } finally {
      await p.setViewportSize(DESKTOP);
    }
    await api(p, 'DELETE', '/api/v1/timer');
    await api(p, 'DELETE', `/api/v1/time-entries/${entry.id}`);
  });

  s.test('month: the current month\'s badge is the pace (projected light and %), the previous month\'s final light sits beside its bar; a past month shows its final light', async () => {
    const p = ctx.page();
    const base = ctx.url();
    await p.setViewportSize(DESKTOP);
    await signIn(p, base, 'owner@demo.local');
    const dash = (await api(p, 'GET', '/api/v1/dashboard')).body;
    assert(dash.today.slice(0, 7) === dash.period, `the default period is the current one (${dash.period}, ${dash.today})`);
    const byId = new Map(dash.clients.flatMap((c) => c.services).map((x) => [x.id, x]));
    await p.goto(`${base}/`);
    await p.waitForSelector('[data-testid=service-row]', { timeout: 15000 });
    const rows = await p.$$eval('[data-testid=service-row]', (els) =>
      els.map((e) => ({
        id: Number(e.dataset.serviceId),
        badge: e.querySelector('[data-testid=light]')?.dataset.light,
        mode: e.querySelector('[data-testid=light]')?.dataset.mode,
        text: e.querySelector('[data-testid=light]')?.textContent,
        previous: e.querySelector('[data-testid=previous-light]')?.dataset.light ?? null,
      })),
    );
    assert(rows.length >= 5, `${rows.length} rows on the screen`);
    for (const r of rows) {
      const x = byId.get(r.id);
      assert(r.mode === 'pace' && r.badge === x.projected_light, `service ${r.id}: badge ${r.badge} (${r.mode}), projected ${x.projected_light}, fact ${x.light}`);
      if (x.planned_minutes > 0) {
        const want = Math.round((x.projected_minutes / x.planned_minutes - 1) * 1000) / 10;
        const got = Number(r.text.replace(/[^\d,.−-]/g, '').replace(',', '.').replace('−', '-'));
        assert(Math.abs(got - want) < 0.051, `service ${r.id}: badge "${r.text}", projected ${want} %`);
      }
      assert(r.previous === (x.previous_light ?? null), `service ${r.id}: previous ${r.previous} vs ${x.previous_light}`);
    }
    // Sorted by the pace: the first card holds the worst projection.
    const all = [...byId.values()];
    const rank = (x) => (x.planned_minutes > 0 ? x.projected_minutes / x.planned_minutes - 1 : x.actual_minutes > 0 ? Infinity : -1);
    const worst = Math.max(...all.map(rank));
    assert(rows.slice(0, 4).some((r) => rank(byId.get(r.id)) === worst), 'the worst pace heads the list');
    const blueByFact = all.filter((x) => x.light === 'blue').length;
    const blueByPace = all.filter((x) => x.projected_light === 'blue').length;
    console.log(`    ${all.length} services: blue by fact ${blueByFact}, blue by pace ${blueByPace}`);
    assert((await p.$$('[data-testid=today-line]')).length > 0, 'the current month draws the expected-by-today line');
    const legend = await p.textContent('[data-testid=legend-badge]');
    assert(/прогноз/.test(legend), `the legend says the badge is the projection: "${legend}"`);
    // The pace tooltip: projection, fact so far.
    await p.hover('[data-testid=light][data-light=red] >> nth=0');
    const tipText = await p.getByRole('tooltip').textContent({ timeout: 5000 });
    assert(/Темп/.test(tipText) && /Факт на сегодня/.test(tipText), `tooltip "${tipText}"`);
    await shot(p, 'dashboard-pace-tooltip.png');
    await p.mouse.move(5, 890);

    // A past month: the final light.
    const past = (await api(p, 'GET', `/api/v1/dashboard?period=${dash.previous_period}`)).body;
    const pastById = new Map(past.clients.flatMap((c) => c.services).map((x) => [x.id, x]));
    await p.goto(`${base}/?period=${dash.previous_period}`);
    await p.waitForFunction(() => document.querySelector('[data-testid=light]')?.dataset.mode === 'final', null, { timeout: 15000 });
    const pastRows = await p.$$eval('[data-testid=service-row]', (els) => els.map((e) => ({ id: Number(e.dataset.serviceId), badge: e.querySelector('[data-testid=light]')?.dataset.light })));
    for (const r of pastRows) assert(r.badge === pastById.get(r.id).light, `past service ${r.id}: ${r.badge} vs final ${pastById.get(r.id).light}`);
    assert((await p.$$('[data-testid=today-line]')).length === 0, 'no "expected by today" line in a past month');
    const pastLegend = await p.textContent('[data-testid=legend-badge]');
    assert(/итог/.test(pastLegend), `the legend of a past month: "${pastLegend}"`);

    // Screenshots: English and a phone.
    await setLocale(p, 'en');
    await p.goto(`${base}/`);
    await p.waitForSelector('[data-testid=service-row]', { timeout: 15000 });
    await p.mouse.move(5, 890);
    await p.waitForTimeout(300);
    await shot(p, 'dashboard-pace-en.png');
    await setLocale(p, 'ru');
    await p.setViewportSize(PHONE);
    try {
      await p.goto(`${base}/`);
      await p.waitForSelector('[data-testid=service-row]', { timeout: 15000 });
      await p.evaluate(() => window.scrollTo(0, document.querySelector('[data-testid=client-list]').offsetTop - 60));
      await p.waitForTimeout(400);
      const wide = await p.evaluate(() => document.documentElement.scrollWidth);
      assert(wide <= PHONE.width, `the phone dashboard fits: ${wide}`);
      await shot(p, 'phone-dashboard-pace.png');
    } finally {
      await p.setViewportSize(DESKTOP);
    }
  });

  s.test('month: a red service opened from the previous month\'s dashboard shows that month — its entries, who spent the hours, a red fact bar, money; a manager sees no money', async () => {
    const p = ctx.page();
    const base = ctx.url();
    await p.setViewportSize(DESKTOP);
    await signIn(p, base, 'owner@demo.local');
    const now = (await api(p, 'GET', '/api/v1/dashboard')).body;
    const period = now.previous_period;
    const past = (await api(p, 'GET', `/api/v1/dashboard?period=${period}`)).body;
    const reds = past.clients.flatMap((c) => c.services.map((x) => ({ client: c, service: x }))).filter((x) => x.service.light === 'red' && x.service.planned_minutes > 0);
    assert(reds.length > 0, `a red service in ${period}`);
    reds.sort((a, b) => b.service.actual_minutes - a.service.actual_minutes);
    const { client, service } = reds[0];
    const entryRequests = [];
    const onReq = (r) => r.url().includes('/api/v1/time-entries?') && r.url().includes(`service_id=${service.id}`) && entryRequests.push(new URL(r.url()).searchParams.get('month'));
    p.on('request', onReq);
    try {
      await p.goto(`${base}/?period=${period}`);
      await p.waitForSelector('[data-testid=service-row]', { timeout: 15000 });
      await p.fill('[data-testid=dashboard-search]', client.name);
      const link = `[data-testid=service-row][data-service-id="${service.id}"] [data-testid=service-link]`;
      await p.waitForSelector(link, { timeout: 5000 });
      await p.click(link);
      await p.waitForSelector('[data-testid=service-card-panel] [data-testid=service-people]', { timeout: 15000 });
      const title = await p.textContent('[data-testid=service-entries-title]');
      assert(title.includes(monthRu(period)), `the entries are ${period}'s: "${title}"`);
      assert(entryRequests.length > 0 && entryRequests.every((m) => m === period), `entries asked for month ${entryRequests.join(',')}, want ${period}`);
      const pf = (await api(p, 'GET', `/api/v1/services/${service.id}/plan-fact?months=12&to=${period}`)).body;
      assert(pf.people_period === period, `people of ${pf.people_period}`);
      const people = await p.$$eval('[data-testid=service-people] tbody tr[data-user-id]', (trs) => trs.map((tr) => ({ id: Number(tr.dataset.userId), minutes: Number(tr.dataset.minutes), cost: tr.querySelector('[data-testid=people-cost]')?.textContent ?? null })));
      assert(people.length === pf.people.length && people.length > 0, `${people.length} people shown, ${pf.people.length} in the answer`);
      people.forEach((x, i) => assert(x.id === pf.people[i].user_id && x.minutes === pf.people[i].minutes && x.cost !== null, `person ${i}: ${JSON.stringify(x)} vs ${JSON.stringify(pf.people[i])}`));
      const bar = await p.getAttribute('[data-testid=service-month] [data-testid=service-month-bar] .pf-fact', 'data-light');
      assert(bar === 'red', `the month's fact bar is ${bar}`);
      const col = await p.getAttribute(`[data-testid=service-chart] [data-period="${period}"] .mc-fact`, 'data-light');
      assert(col === 'red', `the chart's ${period} fact is ${col}`);
      const colours = await p.$$eval('[data-testid=service-chart] [data-period] .mc-fact', (els) => els.map((e) => e.dataset.light));
      const want = pf.months.map((m) => m.light);
      assert(JSON.stringify(colours) === JSON.stringify(want), `chart colours ${colours} vs ${want}`);
      const money = await p.textContent('[data-testid=service-money]');
      const m = pf.months[pf.months.length - 1];
      assert(m.margin_kopecks !== null && /Маржа/.test(money) && /Себестоимость/.test(money), `money for the owner: "${money}"`);
      await p.waitForTimeout(400);
      await shot(p, 'panel-service-red.png');
      await p.evaluate(() => document.querySelector('[data-testid=service-people]')?.scrollIntoView({ block: 'center' }));
      await p.waitForTimeout(200);
      await shot(p, 'panel-service-people.png');
      // The month arrows move the whole card.
      await p.click('[data-testid=service-card-panel] [aria-label="Следующий месяц"]');
      await p.waitForFunction((m) => document.querySelector('[data-testid=service-entries-title]')?.textContent.includes(m), monthRu(now.period), { timeout: 10000 });

      await setLocale(p, 'en');
      await p.goto(`${base}/?period=${period}&panel=service:${service.id}`);
      await p.waitForSelector('[data-testid=service-card-panel] [data-testid=service-people]', { timeout: 15000 });
      await p.waitForTimeout(400);
      // No Russian but names: the service, the client, people (two words each) and the notes of entries.
      const body = await p.$eval('[data-testid=service-card-panel]', (el) => {
        const c = el.cloneNode(true);
        c.querySelectorAll('[data-testid=service-entries] td:nth-child(2), [data-testid=service-entries] td:nth-child(4), a, button.mantine-Anchor-root, h3').forEach((x) => x.remove());
        return c.textContent;
      });
      const russian = body.replace(client.name, '').match(/[А-Яа-яЁё]{3,}/g) ?? [];
      assert(russian.length === 0, `the card in English, Russian left: ${russian.slice(0, 8).join(', ')}`);
      await shot(p, 'panel-service-en.png');
      await setLocale(p, 'ru');
      await p.setViewportSize(PHONE);
      try {
        await p.goto(`${base}/?period=${period}&panel=service:${service.id}`);
        await p.waitForSelector('[data-testid=service-card-panel] [data-testid=service-people]', { timeout: 15000 });
        await p.waitForTimeout(400);
        const inner = await p.$eval('.mantine-Drawer-content', (d) => d.scrollWidth - d.clientWidth);
        assert(inner <= 1, `the phone card fits (${inner} px over)`);
        await shot(p, 'phone-service-panel.png');
      } finally {
        await p.setViewportSize(DESKTOP);
      }
    } finally {
      p.off('request', onReq);
    }

    // A manager: the same card without money.
    await signIn(p, base, 'manager@demo.local');
    const mine = (await api(p, 'GET', `/api/v1/dashboard?period=${period}`)).body;
    const own = mine.clients.flatMap((c) => c.services).sort((a, b) => (b.light === 'red') - (a.light === 'red') || b.actual_minutes - a.actual_minutes)[0];
    assert(own, 'the manager has a service');
    await p.goto(`${base}/?period=${period}&panel=service:${own.id}`);
    await p.waitForSelector('[data-testid=service-card-panel] [data-testid=service-month]', { timeout: 15000 });
    await p.waitForLoadState('networkidle').catch(() => {});
    assert(!(await p.$('[data-testid=service-money]')), 'no fee / labour cost / margin block for a manager');
    assert((await p.$$('[data-testid=people-cost]')).length === 0, 'no labour cost per person for a manager');
    const text = await p.textContent('[data-testid=service-card-panel]');
    assert(!/Маржа|Себестоимость/.test(text), 'no margin or labour cost words for a manager');
    await shot(p, 'panel-service-manager.png');
    await signIn(p, base, 'owner@demo.local');
  });

  s.test('month: the time report (year × employee × service) shows the server\'s totals — every row total is the sum of its displayed cells', async () => {
    const p = ctx.page();
    const base = ctx.url();
    await p.setViewportSize(DESKTOP);
    await signIn(p, base, 'owner@demo.local');
    const year = (await api(p, 'GET', '/api/v1/dashboard')).body.today.slice(0, 4);
    const q = `r1=employee&r2=service&cols=month&from=${year}-01-01&to=${year}-12-31`;
    await p.goto(`${base}/reports/time?${q}`);
    await p.waitForSelector('[data-testid=report-table] tbody tr', { timeout: 20000 });
    await p.waitForFunction(() => !document.querySelector('[data-testid=report-table]')?.closest('[style*="opacity: 0.6"]'), null, { timeout: 10000 });
    const server = (await api(p, 'GET', `/api/v1/reports/time?rows=employee,service&cols=month&from=${year}-01-01&to=${year}-12-31`)).body;
    assert(server.columns.length === 12, `12 months: ${server.columns}`);
    // By position, as a reader sees it: the row's names, a cell per month, the total, the cost.
    const table = await p.$$eval(
      '[data-testid=report-table] tbody tr',
      (trs, [dims, months]) =>
        trs.map((tr) => {
          const total = tr.classList.contains('total');
          const tds = [...tr.querySelectorAll('td')].map((td) => td.textContent.trim());
          const first = total ? 1 : dims;
          return { total, cells: tds.slice(first, first + months), rowTotal: tds[first + months] ?? '', cost: tds[first + months + 1] ?? null };
        }),
      [server.rows.length, server.columns.length],
    );
    // Hours as shown: "h:mm" in minutes, or decimals in hundredths; money in kopecks.
    const colon = table.some((r) => r.cells.some((c) => c.includes(':')));
    const units = (text) => {
      if (!text) return 0;
      const s = text.replace(/[\s\u2009\u00a0]/g, '');
      if (colon) {
        const m = s.match(/^(\d+):(\d{2})$/);
        if (!m) throw new Error(`not h:mm: "${text}"`);
        return Number(m[1]) * 60 + Number(m[2]);
      }
      return Math.round(Number(s.replace(',', '.')) * 100);
    };
    const kopecks = (text) => {
      const s = text.replace(/[^\d,.−-]/g, '');
      const [r, k = ''] = s.replace(/,(?=\d{3}\b)/g, '').split(/[,.](?=\d{1,2}$)/);
      return Number(r.replace(/\D/g, '')) * 100 + Number((k + '00').slice(0, 2)) * (/^[−-]/.test(s) ? -1 : 1);
    };
    const lines = table.filter((r) => !r.total);
    const totalRow = table.find((r) => r.total);
    assert(lines.length === server.lines.length && lines.length > 10, `${lines.length} rows shown, ${server.lines.length} in the answer`);
    let off = 0;
    let example = '';
    lines.forEach((r, i) => {
      const sum = r.cells.reduce((a, c) => a + units(c), 0);
      if (sum !== units(r.rowTotal)) {
        off++;
        example ||= `row ${i}: cells ${r.cells.filter(Boolean).join(' + ')} = ${sum}, total "${r.rowTotal}"`;
      }
    });
    assert(off === 0, `${off} of ${lines.length} row totals are not the sum of their displayed cells; ${example}`);
    // The column totals and the grand total add up the same way; the cost column adds up in kopecks.
    for (let j = 0; j < totalRow.cells.length; j++) {
      const sum = lines.reduce((a, r) => a + units(r.cells[j]), 0);
      assert(sum === units(totalRow.cells[j]), `column ${j}: ${sum} vs "${totalRow.cells[j]}"`);
    }
    assert(lines.reduce((a, r) => a + units(r.rowTotal), 0) === units(totalRow.rowTotal), 'the grand total is the sum of the row totals');
    if (totalRow.cost !== null) {
      const costs = lines.reduce((a, r) => a + kopecks(r.cost), 0);
      assert(costs === kopecks(totalRow.cost), `costs add up: ${costs} vs "${totalRow.cost}"`);
      assert(kopecks(totalRow.cost) === server.totals.total.labour_cost_kopecks, `the total cost is the server's: "${totalRow.cost}" vs ${server.totals.total.labour_cost_kopecks}`);
      lines.forEach((r, i) => assert(kopecks(r.cost) === server.lines[i].total.labour_cost_kopecks, `row ${i} cost "${r.cost}" vs ${server.lines[i].total.labour_cost_kopecks}`));
    }
    console.log(`    ${lines.length} rows × ${totalRow.cells.length} months: every total is the sum of its cells as shown`);
    await p.waitForTimeout(200);
    await shot(p, 'time-report-year.png');
  });
}
