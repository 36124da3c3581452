// Browser tests of issue 9 ("What a Monday morning found"): typed dates in every date field, roles that
// meet no 403, the phone width (390 × 844) on every screen, the deal card's inline editing, dashboard
// money, the Employees list, the login page's demo hint, the hours errors, keyboard drag on the kanban.
// Alone: node web/e2e/run.mjs --binary build/ci/retainer --bench-clients 0 --only monday
import { api, assert, signIn } from './harness.mjs';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };

/** "YYYY-MM-DD" → "DD.MM.YYYY". */
const ru = (iso) => iso.split('-').reverse().join('.');
const addDays = (iso, n) => {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
};

/** Types into a date field like a person (select all, type, leave with Tab). */
async function typeDate(p, selector, text, leave = 'Tab') {
  await p.click(selector, { clickCount: 3 });
  await p.fill(selector, '');
  await p.type(selector, text, { delay: 10 });
  if (leave) await p.press(selector, leave);
}

/** The error text under a field (Mantine puts it in the input's wrapper). */
async function fieldError(p, selector) {
  return p.$eval(selector, (el) => el.closest('.mantine-InputWrapper-root')?.querySelector('.mantine-InputWrapper-error')?.textContent ?? '').catch(() => '');
}

async function setLocale(p, base, locale) {
  await api(p, 'PATCH', '/api/v1/auth/me', { locale });
  await p.evaluate((l) => localStorage.setItem('retainer.locale', l), locale);
}

export function mondayTests(s, ctx) {
  const shot = (p, name) => ctx.shot(p, name);

  s.test('monday: typed dates land on the day typed in every date field (time entry, report, analytics, next step, task, link expiry), 31.02 is an error', async () => {
    const p = ctx.page();
    const base = ctx.url();
    await p.setViewportSize(DESKTOP);
    await signIn(p, base, 'owner@demo.local');
    const today = (await p.evaluate(() => {
      const d = new Date();
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    }));
    const dash = (await api(p, 'GET', '/api/v1/dashboard')).body;
    const service = dash.clients.flatMap((c) => c.services)[0];
    assert(service, 'a service to log time to');
    const posted = [];
    const onReq = (r) => r.url().endsWith('/api/v1/time-entries') && r.method() === 'POST' && posted.push(JSON.parse(r.postData()));
    p.on('request', onReq);

    // 1. The time entry: a date that does not exist, the future, then three spellings of real days.
    await p.goto(`${base}/?panel=service:${service.id}`);
    await p.waitForSelector('[data-testid=service-log-time]', { timeout: 15000 });
    const form = '[data-testid=time-entry-form]';
    const openForm = async () => {
      await p.click('[data-testid=service-log-time]');
      await p.waitForSelector(form);
    };
    await openForm();
    // Hours: each wrong value says what is wrong.
    for (const [hours, want] of [['25', /24 час/], ['-1', /отрицательн/], ['0', /больше нуля/], ['abc', /1:30/]]) {
      await p.fill(`${form} input[name=hours]`, hours);
      await p.click('[data-testid=time-entry-save]');
      const e = await fieldError(p, `${form} input[name=hours]`);
      assert(want.test(e), `hours "${hours}": "${e}"`);
    }
    await p.fill(`${form} input[name=hours]`, '0:15');
    await typeDate(p, '[data-testid=time-entry-date]', '31.02.2026');
    let e = await fieldError(p, '[data-testid=time-entry-date]');
    assert(/Такой даты нет/.test(e), `31.02.2026 is an error under the field: "${e}"`);
    assert((await p.inputValue('[data-testid=time-entry-date]')) === '31.02.2026', 'the typed text stays, no silent revert');
    await p.click('[data-testid=time-entry-save]');
    await p.waitForTimeout(400);
    assert(posted.length === 0, 'nothing sent with a date that does not exist');
    await typeDate(p, '[data-testid=time-entry-date]', ru(addDays(today, 1)));
    e = await fieldError(p, '[data-testid=time-entry-date]');
    assert(/будущем/.test(e), `tomorrow refused: "${e}"`);
    const stored = [];
    for (const [typed, want] of [['03.12.2026', '2026-12-03'], ['13.11.2026', '2026-11-13'], ['3.12.26', '2026-12-03'], [ru(today), today]]) {
      if (!(await p.$(form))) await openForm();
      await p.fill(`${form} input[name=hours]`, '0:15');
      await typeDate(p, '[data-testid=time-entry-date]', typed);
      e = await fieldError(p, '[data-testid=time-entry-date]');
      assert(!e, `"${typed}" accepted: "${e}"`);
      assert((await p.inputValue('[data-testid=time-entry-date]')) === ru(want), `"${typed}" shows as ${ru(want)}`);
      const res = p.waitForResponse((r) => r.url().endsWith('/api/v1/time-entries') && r.request().method() === 'POST');
      await p.click('[data-testid=time-entry-save]');
      const saved = await (await res).json();
      assert(saved.date === want, `"${typed}" stored as ${saved.date}, want ${want}`);
      stored.push(saved.id);
      await p.waitForSelector(form, { state: 'detached' });
    }
    // Enter right after typing submits the form with the date just typed.
    await openForm();
    await p.fill(`${form} input[name=hours]`, '0:15');
    const enter = p.waitForResponse((r) => r.url().endsWith('/api/v1/time-entries') && r.request().method() === 'POST');
    await typeDate(p, '[data-testid=time-entry-date]', '1.12.2026', 'Enter');
    const byEnter = await (await enter).json();
    assert(byEnter.date === '2026-12-01', `Enter saved ${byEnter.date}, want 2026-12-01`);
    stored.push(byEnter.id);
    await p.waitForSelector(form, { state: 'detached' });
    console.log(`    time entries stored on ${posted.map((x) => x.date).join(', ')}`);

    // 2. English: month first.
    await setLocale(p, base, 'en');
    await p.goto(`${base}/?panel=service:${service.id}`);
    await p.waitForSelector('nav >> text=Dashboard');
    await openForm();
    await p.fill(`${form} input[name=hours]`, '0:15');
    await typeDate(p, '[data-testid=time-entry-date]', '11/13/2026');
    assert((await p.inputValue('[data-testid=time-entry-date]')) === '11/13/2026', 'English shows MM/DD/YYYY');
    const enRes = p.waitForResponse((r) => r.url().endsWith('/api/v1/time-entries') && r.request().method() === 'POST');
    await p.click('[data-testid=time-entry-save]');
    assert((await (await enRes).json()).date === '2026-11-13', '11/13/2026 stored as 13 November');
    await p.waitForSelector(form, { state: 'detached' });
    await p.keyboard.press('Escape');
    await setLocale(p, base, 'ru');
    p.off('request', onReq);
    for (const id of stored) await api(p, 'DELETE', `/api/v1/time-entries/${id}`);

    // 3. The time report's «С / По»: the URL and the request carry the typed day.
    await p.goto(`${base}/reports/time`);
    await p.waitForSelector('[data-testid=report-from]', { timeout: 15000 });
    const reportReq = p.waitForRequest((r) => r.url().includes('/api/v1/reports/time') && r.url().includes('from=2026-11-13'), { timeout: 10000 });
    await typeDate(p, '[data-testid=report-from]', '13.11.2026');
    await reportReq;
    await typeDate(p, '[data-testid=report-to]', '3.12.26');
    await p.waitForFunction(() => location.search.includes('to=2026-12-03'), null, { timeout: 5000 });
    assert(new URL(p.url()).searchParams.get('from') === '2026-11-13', `from in the URL: ${p.url()}`);
    await typeDate(p, '[data-testid=report-to]', '31.02.2026');
    assert(/Такой даты нет/.test(await fieldError(p, '[data-testid=report-to]')), 'the report says 31.02 does not exist');
    assert(new URL(p.url()).searchParams.get('to') === '2026-12-03', 'and keeps the last good date');

    // 4. Sales analytics from / to.
    await p.goto(`${base}/sales/analytics`);
    await p.waitForSelector('[data-testid=an-from]', { timeout: 15000 });
    await typeDate(p, '[data-testid=an-from]', '07.12.2025');
    await p.waitForFunction(() => location.search.includes('from=2025-12-07'), null, { timeout: 5000 });

    // 5. A deal's next step: a future day, a past one asked about, an absurd year refused, Esc cancels.
    const deals = (await api(p, 'GET', '/api/v1/deals?limit=1000')).body.items;
    const pipelines = (await api(p, 'GET', '/api/v1/pipelines?limit=100')).body.items;
    const openStage = new Set(pipelines.flatMap((x) => x.stages).filter((st) => st.kind === 'open').map((st) => st.id));
    const deal = deals.find((d) => openStage.has(d.stage_id));
    assert(deal, 'an open deal');
    await p.goto(`${base}/sales?panel=deal:${deal.id}&tab=overview`);
    await p.waitForSelector('[data-testid=deal-next-step-on]', { timeout: 20000 });
    const input = '[data-testid=deal-next-step-on-input]';
    const future = addDays(today, 6);
    await p.click('[data-testid=deal-next-step-on]');
    let patch = p.waitForResponse((r) => r.url().endsWith(`/api/v1/deals/${deal.id}`) && r.request().method() === 'PATCH');
    await typeDate(p, input, ru(future), 'Enter');
    assert((await (await patch).json()).next_step_on === future, `next step stored on ${future}`);
    await p.waitForSelector(input, { state: 'detached' });
    // A past date: asked first; "no" keeps the editor open and sends nothing.
    await p.click('[data-testid=deal-next-step-on]');
    let asked = '';
    p.once('dialog', (d) => {
      asked = d.message();
      void d.dismiss();
    });
    await typeDate(p, input, '13.11.2026', 'Enter');
    await p.waitForTimeout(300);
    assert(/прошла/.test(asked), `asked about a past date: "${asked}"`);
    assert((await api(p, 'GET', `/api/v1/deals/${deal.id}`)).body.next_step_on === future, 'nothing saved after "no"');
    p.once('dialog', (d) => void d.accept());
    patch = p.waitForResponse((r) => r.url().endsWith(`/api/v1/deals/${deal.id}`) && r.request().method() === 'PATCH');
    await p.fill(input, '');
    await typeDate(p, input, '13.11.26', 'Enter');
    assert((await (await patch).json()).next_step_on === '2026-11-13', 'the past date saved after "yes"');
    await p.waitForSelector(input, { state: 'detached' });
    await p.click('[data-testid=deal-next-step-on]');
    await typeDate(p, input, '01.03.2062', 'Enter');
    assert(/2062/.test(await fieldError(p, input)), 'an absurd year is refused under the field');
    await typeDate(p, input, '31.02.2026', 'Enter');
    assert(/Такой даты нет/.test(await fieldError(p, input)), '31.02.2026 is refused under the field');
    await p.keyboard.press('Escape');
    await p.waitForSelector(input, { state: 'detached' });
    assert(await p.$('[data-testid=deal-card-panel]'), 'Esc cancelled the edit, the panel is open');
    assert((await api(p, 'GET', `/api/v1/deals/${deal.id}`)).body.next_step_on === '2026-11-13', 'nothing stored by the refused dates');

    // 6. A task's due date, typed as D.M.YY, then edited in place.
    const hasTasks = await p.$('[data-testid=task-new-due]');
    if (hasTasks) {
      const due = addDays(today, 17);
      const [y, m, d] = due.split('-');
      await p.fill('[data-testid=task-new-title]', `E2E: даты ${Date.now() % 10000}`);
      await typeDate(p, '[data-testid=task-new-due]', `${Number(d)}.${Number(m)}.${y.slice(2)}`);
      const created = p.waitForResponse((r) => r.url().endsWith('/api/v1/deal-tasks') && r.request().method() === 'POST');
      await p.click('[data-testid=task-new-submit]');
      const task = await (await created).json();
      assert(task.due_on === due, `task due ${task.due_on}, want ${due}`);
      const row = `[data-testid=task-item][data-task-id="${task.id}"]`;
      await p.click(`${row} [data-testid=task-due]`);
      const edited = p.waitForResponse((r) => r.url().endsWith(`/api/v1/deal-tasks/${task.id}`) && r.request().method() === 'PATCH');
      await typeDate(p, `${row} [data-testid=task-due-input]`, '13.01.2027', 'Enter');
      assert((await (await edited).json()).due_on === '2027-01-13', 'task due edited to 13 January 2027');
      await api(p, 'DELETE', `/api/v1/deal-tasks/${task.id}`);
    }

    // 7. A document link "until" a date typed in Russian; 31.02 blocks the button.
    const docs = (await api(p, 'GET', '/api/v1/documents?limit=100')).body.items;
    // A proposal: a contract, invoice or act is shared only with both parties' requisites (accounts.mjs).
    const doc = docs.find((x) => x.deal_id && x.status !== 'accepted' && x.kind === 'proposal');
    if (doc) {
      const settings = (await api(p, 'GET', '/api/v1/agency-settings')).body;
      const offset = settings?.timezone_offset_minutes ?? 180;
      const day = addDays(today, 10);
      const want = new Date(Date.parse(`${day}T23:59:59Z`) - offset * 60_000).toISOString().replace('.000', '');
      await p.goto(`${base}/sales?panel=deal:${doc.deal_id}&tab=documents`);
      const drow = `[data-testid=deal-documents] [data-doc-id="${doc.id}"]`;
      await p.waitForSelector(`${drow} [data-testid=doc-share-expires]`, { timeout: 20000 });
      await typeDate(p, `${drow} [data-testid=doc-share-expires]`, '31.02.2026');
      assert(await p.isDisabled(`${drow} [data-testid=doc-share]`), 'share is disabled with a date that does not exist');
      await typeDate(p, `${drow} [data-testid=doc-share-expires]`, ru(day));
      const shared = p.waitForResponse((r) => r.url().endsWith(`/api/v1/documents/${doc.id}/share`), { timeout: 10000 });
      await p.click(`${drow} [data-testid=doc-share]`);
      const sent = JSON.parse((await shared).request().postData());
      assert(sent.expires_at === want, `link until ${sent.expires_at}, want ${want}`);
    }
    await p.keyboard.press('Escape');
  });

  s.test('monday: the accountant, the specialist and the sales manager meet no 403 and no action that would answer one', async () => {
    const p = ctx.page();
    const base = ctx.url();
    await p.setViewportSize(DESKTOP);
    const forbidden = [];
    const onRes = (r) => r.status() === 403 && r.url().includes('/api/') && forbidden.push(`${r.request().method()} ${new URL(r.url()).pathname} (on ${new URL(p.url()).pathname}${new URL(p.url()).search})`);
    p.on('response', onRes);
    try {
      for (const email of ['accountant@demo.local', 'specialist@demo.local', 'sales@demo.local']) {
        const me = await signIn(p, base, email);
        const routes = await p.$$eval('nav a[href]', (as) => as.map((a) => a.getAttribute('href')));
        assert(routes.length > 0, `${email} has a navigation`);
        for (const route of routes) {
          await p.goto(`${base}${route}`);
          await p.waitForSelector('nav');
          await p.waitForLoadState('networkidle').catch(() => {});
          await p.waitForTimeout(300);
          // The first row or card of the screen opens its panel (where there is one).
          const opener = await p.$('[data-testid=client-link], [data-testid=clients-table] tbody tr, [data-testid=employee-row], [data-testid=deal-tile], [data-testid=today-deal], table tbody tr[style*="pointer"]');
          if (opener) {
            await opener.click().catch(() => {});
            await p.waitForTimeout(800);
            await p.waitForLoadState('networkidle').catch(() => {});
          }
          const text = await p.textContent('body');
          assert(!/Недостаточно прав|Not allowed/.test(text), `${email} on ${route}: a "not allowed" box`);
          if (await p.$('.mantine-Drawer-content')) await p.keyboard.press('Escape');
        }
        if (!me.permissions.includes('GET /api/v1/deals/{id}') && routes.includes('/documents')) {
          await p.goto(`${base}/documents`);
          await p.waitForSelector('[data-testid=doc-row]', { timeout: 15000 });
          assert(!(await p.$('[data-testid=doc-deal]')), `${email}: no «Открыть сделку» without GET /api/v1/deals/{id}`);
          await shot(p, 'documents-accountant.png');
        }
        if (!me.permissions.includes('GET /api/v1/deals/{id}')) {
          await p.goto(`${base}/?panel=deal:1`);
          await p.waitForSelector('nav');
          await p.waitForTimeout(500);
          assert(!(await p.$('[data-testid=deal-card-panel]')), `${email}: a deal link opens no panel`);
        }
        // A deep link to a screen the role may not open lands on its first screen instead.
        for (const [route, needs] of [['/documents', 'GET /api/v1/documents'], ['/sales', 'GET /api/v1/deals'], ['/settings/agency', 'PATCH /api/v1/agency-settings']]) {
          if (me.permissions.includes(needs)) continue;
          await p.goto(`${base}${route}`);
          await p.waitForSelector('nav');
          await p.waitForLoadState('networkidle').catch(() => {});
          assert(new URL(p.url()).pathname !== route, `${email}: ${route} redirects (at ${p.url()})`);
        }
        console.log(`    ${email}: ${routes.join(' ')}`);
      }
      assert(forbidden.length === 0, `403 answers: ${[...new Set(forbidden)].join(', ')}`);
    } finally {
      p.off('response', onRes);
    }
  });

  s.test('monday: at 390 px no screen, panel or modal is wider than the phone; the header folds into a menu', async () => {
    const p = ctx.page();
    const base = ctx.url();
    await p.setViewportSize(PHONE);
    const overflow = () =>
      p.evaluate(() => {
        const w = window.innerWidth;
        const wide = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
        const off = [...document.querySelectorAll('.mantine-AppShell-header button, .mantine-AppShell-header [data-testid], .mantine-Drawer-close, .mantine-Modal-close')]
          .filter((e) => e.getClientRects().length)
          .map((e) => ({ e, r: e.getBoundingClientRect() }))
          .filter(({ r }) => r.right > w + 1 || r.left < -1)
          .map(({ e }) => e.getAttribute('data-testid') || e.className.slice(0, 40));
        const drawer = document.querySelector('.mantine-Drawer-content, .mantine-Modal-content');
        const inner = drawer && drawer.scrollWidth > drawer.clientWidth + 1 ? `${drawer.className.slice(0, 30)} ${drawer.scrollWidth}>${drawer.clientWidth}` : null;
        return { w, wide, off, inner };
      });
    const check = async (where) => {
      await p.waitForTimeout(350);
      const o = await overflow();
      assert(o.wide <= o.w && o.off.length === 0 && !o.inner, `${where}: page ${o.wide} px on ${o.w}, off-screen ${o.off.join(',')}, ${o.inner ?? ''}`);
    };
    try {
      for (const email of ['owner@demo.local', 'accountant@demo.local', 'specialist@demo.local', 'sales@demo.local']) {
        await signIn(p, base, email);
        await p.click('[data-testid=burger]');
        await p.waitForTimeout(300);
        const routes = await p.$$eval('nav a[href]', (as) => as.map((a) => a.getAttribute('href')));
        for (const route of routes) {
          await p.goto(`${base}${route}`);
          await p.waitForSelector('header');
          await p.waitForLoadState('networkidle').catch(() => {});
          await check(`${email} ${route}`);
        }
        await p.goto(`${base}/`);
        await p.waitForLoadState('networkidle').catch(() => {});
        await p.click('[data-testid=user-menu]');
        await p.waitForSelector('[data-testid=phone-menu]');
        await check(`${email}: the header menu`);
        if (email === 'owner@demo.local') await shot(p, 'phone-menu.png');
        await p.keyboard.press('Escape');
        // Panels: a client, a service, an employee, a deal — whatever the role opens.
        const panels = [];
        const clients = (await api(p, 'GET', '/api/v1/clients?limit=1')).body?.items ?? [];
        if (clients[0]) panels.push(`client:${clients[0].id}`);
        const services = (await api(p, 'GET', '/api/v1/services?limit=1')).body?.items ?? [];
        if (services[0]) panels.push(`service:${services[0].id}`);
        const people = (await api(p, 'GET', '/api/v1/employees?limit=1')).body?.items ?? [];
        if (people[0]) panels.push(`employee:${people[0].id}`);
        const deals = (await api(p, 'GET', '/api/v1/deals?limit=1')).body?.items ?? [];
        if (deals[0]) panels.push(`deal:${deals[0].id}`);
        for (const panel of panels) {
          await p.goto(`${base}/?panel=${panel}`);
          await p.waitForSelector('.mantine-Drawer-content', { timeout: 15000 }).catch(async (e) => {
            await shot(p, 'phone-fail.png');
            throw new Error(`${email}: panel ${panel} did not open at ${p.url()}: ${e.message.split('\n')[0]}`);
          });
          await p.waitForLoadState('networkidle').catch(() => {});
          await check(`${email} panel ${panel}`);
          if (email === 'owner@demo.local' && panel.startsWith('deal')) await shot(p, 'phone-deal-panel.png');
          if (email === 'owner@demo.local' && panel.startsWith('client')) await shot(p, 'phone-client-panel.png');
        }
        // The time-entry modal, full screen.
        if (await p.$('[data-testid=user-menu]')) {
          await p.goto(`${base}/`);
          await p.click('[data-testid=user-menu]');
          const log = await p.$('[data-testid=phone-menu] [data-testid=log-time]');
          if (log) {
            await log.click();
            await p.waitForSelector('[data-testid=time-entry-form]');
            await check(`${email}: the time-entry modal`);
            const save = await p.$eval('[data-testid=time-entry-save]', (e) => e.getBoundingClientRect().right);
            assert(save <= PHONE.width, `the save button is on the screen (${save})`);
            if (email === 'owner@demo.local') await shot(p, 'phone-time-entry.png');
            await p.keyboard.press('Escape');
          }
        }
        if (email === 'owner@demo.local') {
          await p.goto(`${base}/`);
          await p.waitForSelector('[data-testid=client-card]', { timeout: 15000 });
          await p.waitForTimeout(400);
          await shot(p, 'phone-dashboard-ru.png');
          // A tooltip at the screen's right edge (the light's formula) stays on the screen.
          await p.hover('[data-testid=light] >> nth=0');
          const tip = p.getByRole('tooltip');
          await tip.waitFor({ timeout: 5000 });
          await p.waitForTimeout(100);
          const box = await tip.boundingBox();
          assert(box && box.x >= 0 && box.x + box.width <= PHONE.width, `the tooltip is inside the screen: ${JSON.stringify(box)}`);
          await shot(p, 'phone-tooltip.png');
          await p.mouse.move(5, 600);
          await setLocale(p, base, 'en');
          await p.reload();
          await p.waitForSelector('[data-testid=client-card]', { timeout: 15000 });
          await p.waitForTimeout(400);
          await check('owner: dashboard in English');
          await shot(p, 'phone-dashboard-en.png');
          await p.goto(`${base}/?panel=deal:${deals[0]?.id ?? 1}`);
          await p.waitForSelector('.mantine-Drawer-content', { timeout: 15000 });
          await p.waitForLoadState('networkidle').catch(() => {});
          await p.waitForTimeout(400);
          await shot(p, 'phone-deal-panel-en.png');
          await setLocale(p, base, 'ru');
        }
        if (email === 'sales@demo.local') {
          await p.goto(`${base}/sales`);
          await p.waitForSelector('[data-testid=kanban]', { timeout: 15000 });
          await p.waitForTimeout(400);
          await shot(p, 'phone-kanban.png');
        }
      }
    } finally {
      await p.setViewportSize(DESKTOP);
    }
  });

  s.test('monday: Esc in an inline field cancels the edit only, a second Esc closes the deal card; editable fields show a pencil', async () => {
    const p = ctx.page();
    const base = ctx.url();
    await p.setViewportSize(DESKTOP);
    await signIn(p, base, 'sales@demo.local');
    const deal = (await api(p, 'GET', '/api/v1/deals?limit=1')).body.items[0];
    await p.goto(`${base}/sales?panel=deal:${deal.id}&tab=overview`);
    await p.waitForSelector('[data-testid=deal-next-step]', { timeout: 20000 });
    const look = await p.$eval('[data-testid=deal-next-step]', (e) => ({ border: getComputedStyle(e).borderBottomStyle, pencil: !!e.querySelector('.inline-edit-mark') }));
    assert(look.border === 'dashed' && look.pencil, `an editable field shows it before a hover: ${JSON.stringify(look)}`);
    for (const [field, input] of [['deal-next-step', 'deal-next-step-input'], ['deal-next-step-on', 'deal-next-step-on-input']]) {
      await p.click(`[data-testid=${field}]`);
      await p.waitForSelector(`[data-testid=${input}]`);
      await p.keyboard.type('1');
      await p.keyboard.press('Escape');
      await p.waitForSelector(`[data-testid=${input}]`, { state: 'detached' });
      assert(await p.$('[data-testid=deal-card-panel]'), `Esc in ${field} left the panel open`);
    }
    await shot(p, 'deal-inline-edit.png');
    await p.keyboard.press('Escape');
    await p.waitForSelector('[data-testid=deal-card-panel]', { state: 'detached', timeout: 5000 });
    assert((await api(p, 'GET', `/api/v1/deals/${deal.id}`)).body.version === deal.version, 'nothing was saved');
  });

  s.test('monday: dashboard money — a placeholder while loading, whole rubles, the margin labelled with its percent and coloured', async () => {
    const p = ctx.page();
    const base = ctx.url();
    await p.setViewportSize(DESKTOP);
    await signIn(p, base, 'owner@demo.local');
    const prev = await p.evaluate(() => {
      const d = new Date();
      d.setDate(1);
      d.setMonth(d.getMonth() - 1);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
    });
    await p.route('**/api/v1/dashboard?*', async (route) => {
      await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
    try {
      await p.goto(`${base}/?period=${prev}`);
      await p.waitForSelector('[data-testid=total-turnover-loading]', { timeout: 5000 });
      assert(!(await p.$('[data-testid=total-turnover]')), 'no "0 ₽" while loading');
      await p.waitForSelector('[data-testid=total-turnover]', { timeout: 15000 });
    } finally {
      await p.unroute('**/api/v1/dashboard?*');
    }
    const turnover = await p.textContent('[data-testid=total-turnover]');
    assert(!/,\d\d/.test(turnover), `turnover in whole rubles: "${turnover}"`);
    const sums = await p.$$eval('[data-testid=client-card] .money', (els) => els.map((e) => e.textContent));
    assert(sums.every((x) => !/,\d\d\s*₽/.test(x)), `no kopecks on the dashboard: ${sums.filter((x) => /,\d\d/.test(x)).slice(0, 3)}`);
    const payload = (await api(p, 'GET', `/api/v1/dashboard?period=${prev}`)).body;
    const margins = await p.$$eval('[data-testid=service-row]', (rows) => rows.map((r) => ({ id: Number(r.dataset.serviceId), text: r.querySelector('[data-testid=service-margin]')?.textContent ?? '', tone: r.querySelector('[data-testid=service-margin]')?.dataset.tone })));
    assert(margins.length > 0 && margins.every((m) => /^маржа .*₽/.test(m.text)), `margins labelled: ${margins.slice(0, 2).map((m) => m.text)}`);
    const byId = new Map(payload.clients.flatMap((c) => c.services).map((x) => [x.id, x]));
    for (const m of margins) {
      const sv = byId.get(m.id);
      if (!sv || sv.margin_kopecks === null) continue;
      const want = sv.margin_kopecks < 0 ? 'negative' : sv.monthly_fee_kopecks > 0 && sv.margin_kopecks * 100 < 20 * sv.monthly_fee_kopecks ? 'low' : sv.monthly_fee_kopecks > 0 || sv.margin_kopecks > 0 ? 'ok' : 'low';
      assert(m.tone === want, `service ${m.id}: margin ${sv.margin_kopecks} of ${sv.monthly_fee_kopecks} is ${m.tone}, want ${want}`);
      if (sv.monthly_fee_kopecks > 0) assert(/%/.test(m.text), `a margin with its percent: "${m.text}"`);
    }
    await shot(p, 'dashboard-margin.png');
  });

  s.test('monday: Employees lists people («Имя»), not the client portal user; the portal has its own tab', async () => {
    const p = ctx.page();
    const base = ctx.url();
    await signIn(p, base, 'owner@demo.local');
    await p.goto(`${base}/employees`);
    await p.waitForSelector('[data-testid=employee-row]', { timeout: 15000 });
    const head = await p.textContent('[data-testid=employees-table] thead');
    assert(head.includes('Имя') && !head.includes('Название'), `column "${head}"`);
    const placeholder = await p.getAttribute('[data-testid=list-search]', 'placeholder');
    assert(!/назван/i.test(placeholder), `search placeholder "${placeholder}"`);
    const roles = await p.$$eval('[data-testid=employee-row]', (rows) => rows.map((r) => r.dataset.role));
    assert(!roles.includes('client'), 'no portal user among employees');
    if (await p.$('[data-testid=people-group]')) {
      await p.click('[data-testid=people-group] >> text=Клиентский портал');
      await p.waitForSelector('[data-testid=employees-table][data-group=portal]');
      const portal = await p.$$eval('[data-testid=employee-row]', (rows) => rows.map((r) => r.dataset.role));
      assert(portal.length > 0 && portal.every((r) => r === 'client'), `the portal tab: ${portal}`);
    }
  });

  s.test('monday: the login page names the demo account only when /api/v1/public/config says demo', async () => {
    const p = ctx.page();
    const base = ctx.url();
    await p.setViewportSize(DESKTOP);
    const cfg = '**/api/v1/public/config';
    try {
      for (const [answer, shown] of [[{ status: 404, body: '{"error":{"code":"not_found","message":"no such path"}}' }, false], [{ status: 200, body: '{"demo":false}' }, false], [{ status: 200, body: '{"demo":true}' }, true]]) {
        await p.unroute(cfg).catch(() => {});
        await p.route(cfg, (route) => route.fulfill({ status: answer.status, contentType: 'application/json', body: answer.body }));
        await p.context().clearCookies();
        await p.goto(`${base}/`);
        await p.waitForSelector('input[name=email]');
        await p.waitForTimeout(500);
        const hint = await p.$('[data-testid=login-demo-hint]');
        assert(!!hint === shown, `${answer.status} ${answer.body}: hint ${hint ? 'shown' : 'hidden'}`);
      }
      await p.setViewportSize(PHONE);
      await ctx.shot(p, 'phone-login.png');
      await p.setViewportSize(DESKTOP);
    } finally {
      await p.unroute(cfg).catch(() => {});
      await p.setViewportSize(DESKTOP);
    }
  });

  s.test('monday: keyboard drag on the kanban moves a deal one column per arrow key', async () => {
    const p = ctx.page();
    const base = ctx.url();
    await p.setViewportSize(DESKTOP);
    await signIn(p, base, 'sales@demo.local');
    await p.goto(`${base}/sales`);
    await p.waitForSelector('[data-testid=kanban] [data-testid=deal-tile]', { timeout: 20000 });
    const cols = await p.$$eval('[data-testid=kanban-column]', (cs) => cs.map((c) => ({ id: Number(c.dataset.stageId), kind: c.getAttribute('data-kind'), deals: [...c.querySelectorAll('[data-testid=deal-tile]')].map((t) => Number(t.dataset.dealId)) })));
    const i = cols.findIndex((c, k) => c.kind === 'open' && c.deals.length && cols[k + 1]?.kind === 'open');
    assert(i >= 0, 'an open column with a deal before another open column');
    const dealId = cols[i].deals[0];
    await p.focus(`[data-deal-id="${dealId}"]`);
    const patch = p.waitForResponse((r) => r.url().endsWith(`/api/v1/deals/${dealId}`) && r.request().method() === 'PATCH', { timeout: 10000 });
    await p.keyboard.press('Space');
    await p.waitForTimeout(250);
    await p.keyboard.press('ArrowRight');
    await p.waitForTimeout(400);
    await p.keyboard.press('Space');
    const saved = await (await patch).json();
    assert(saved.stage_id === cols[i + 1].id, `moved to stage ${saved.stage_id}, want the next column ${cols[i + 1].id}`);
  });
}
