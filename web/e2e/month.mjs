// Browser tests of issue 9, items 6 and 8: the current month's badge is the pace, and the time
// report's totals are the sums of the cells it shows.
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
