// Browser test of deal tasks (docs/ui.md "Tasks"): a task due yesterday added in the deal card is
// overdue there and in Today; a 409 on the tick rolls it back; ticked done, it leaves Today.
// Alone: node web/e2e/run.mjs --binary build/ci/retainer --bench-clients 0 --only tasks
import { api, assert, signIn } from './harness.mjs';

const dayBefore = (iso) => {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
};

export function tasksTests(s, ctx) {

  s.test('tasks: a task due yesterday is overdue in the deal and in Today; a 409 rolls the tick back; done, it leaves Today', async () => {
    const p = ctx.page();
    const base = ctx.url();
    const me = await signIn(p, base, 'sales@demo.local');
    const probe = await api(p, 'GET', '/api/v1/deal-tasks?limit=1');
    if (probe.status === 404) {
      console.log('    skipped: the server has no deal tasks yet');
      return;
    }
    const today = await api(p, 'GET', '/api/v1/sales/today');
    assert(today.status === 200 && Array.isArray(today.body.tasks), `today has tasks: ${today.status} ${JSON.stringify(today.body).slice(0, 200)}`);
    const deal = today.body.overdue[0] ?? today.body.due_today[0];
    assert(deal, 'an open deal of sales@ in today');
    const yesterday = dayBefore(today.body.date);
    const title = `E2E: позвонить ЛПР ${Date.now() % 100000}`;

    // 1. The deal card's overview tab: the Tasks section with the add form (assignee: me by default).
    await p.goto(`${base}/sales/today?panel=deal:${deal.id}&tab=overview`);
    await p.waitForSelector('[data-testid=deal-card-panel] [data-testid=deal-tasks]', { timeout: 20000 });
    const assignee = await p.inputValue('[data-testid=task-new-assignee]');
    assert(assignee.startsWith(me.user.name), `assignee defaults to me: "${assignee}"`);
    // A local field error under the title (longer than the server's 300).
    await p.fill('[data-testid=task-new-title]', 'я'.repeat(301));
    await p.click('[data-testid=task-new-submit]');
    const err = await p.locator('[data-testid=task-add] .mantine-InputWrapper-error').first().textContent({ timeout: 5000 });
    assert(/300/.test(err), `title error under the field: "${err}"`);

    await p.fill('[data-testid=task-new-title]', title);
    await p.fill('[data-testid=task-new-due]', yesterday);
    // A due date in the past is asked about before it is saved.
    let asked = '';
    p.once('dialog', (d) => {
      asked = d.message();
      void d.accept();
    });
    const created = p.waitForResponse((r) => r.url().endsWith('/api/v1/deal-tasks') && r.request().method() === 'POST');
    await p.click('[data-testid=task-new-submit]');
    const res = await created;
    assert(/прошла/.test(asked), `asked before saving a past due date: "${asked}"`);
    const task = await res.json();
    assert(res.status() === 201 && task.id, `created: ${res.status()} ${JSON.stringify(task)}`);
    assert(task.assignee_id === me.user.id && task.due_on === yesterday && task.deal_id === deal.id, `stored as sent: ${JSON.stringify(task)}`);
    const row = p.locator(`[data-testid=task-item][data-task-id="${task.id}"]`);
    await row.waitFor({ timeout: 10000 });
    assert((await row.getAttribute('data-overdue')) === '1', 'overdue in the deal');
    const color = await row.locator('[data-testid=task-due]').evaluate((e) => getComputedStyle(e).color);
    const [r, g, b] = color.match(/\d+/g).map(Number);
    assert(r > 150 && g < 120 && b < 120, `overdue date in red (${color})`);
    assert((await p.inputValue('[data-testid=task-new-title]')) === '', 'the form is cleared');
    // Open ones by due date: the new one (yesterday) comes before any later open task.
    const dues = await p.$$eval('[data-testid=deal-tasks] > [data-testid=task-item][data-done="0"]', (els) => els.map((e) => e.getAttribute('data-task-id')));
    const open = (await api(p, 'GET', `/api/v1/deal-tasks?deal_id=${deal.id}&done=false&limit=100`)).body.items;
    const due = new Map(open.map((x) => [String(x.id), x.due_on ?? '9999']));
    assert(dues.every((id, i) => i === 0 || due.get(dues[i - 1]) <= due.get(id)), `open tasks by due date: ${dues.map((id) => due.get(id))}`);
    await p.locator('[data-testid=deal-tasks]').scrollIntoViewIfNeeded();
    await p.waitForTimeout(300);
    await ctx.shot(p, 'deal-tasks.png');

    // Inline edit of the title (Enter saves with the version), then a second task added and deleted.
    await row.locator('[data-testid=task-title]').click();
    await p.fill('[data-testid=task-title-input]', `${title}!`);
    const edited = p.waitForResponse((r) => r.url().endsWith(`/api/v1/deal-tasks/${task.id}`) && r.request().method() === 'PATCH');
    await p.press('[data-testid=task-title-input]', 'Enter');
    assert((await edited).status() === 200, 'title PATCH → 200');
    await row.locator('[data-testid=task-title]').getByText(`${title}!`).waitFor({ timeout: 5000 });
    assert((await api(p, 'GET', `/api/v1/deal-tasks/${task.id}`)).body.title === `${title}!`, 'title stored');
    await p.fill('[data-testid=task-new-title]', `${title} (удалить)`);
    const second = p.waitForResponse((r) => r.url().endsWith('/api/v1/deal-tasks') && r.request().method() === 'POST');
    await p.click('[data-testid=task-new-submit]');
    const spare = await (await second).json();
    const spareRow = p.locator(`[data-testid=task-item][data-task-id="${spare.id}"]`);
    await spareRow.locator('[data-testid=task-delete]').click();
    await spareRow.locator('[data-testid=task-delete-confirm]').click();
    await spareRow.waitFor({ state: 'detached', timeout: 5000 });
    assert((await api(p, 'GET', `/api/v1/deal-tasks/${spare.id}`)).status === 404, 'deleted on the server');

    // 2. Today: the task in the Tasks column, overdue; a click opens its deal.
    await p.keyboard.press('Escape');
    await p.waitForSelector('[data-testid=deal-card-panel]', { state: 'detached' });
    const item = p.locator(`[data-testid=today-task][data-task-id="${task.id}"]`);
    await item.waitFor({ timeout: 15000 });
    assert((await item.getAttribute('data-overdue')) === '1', 'overdue in Today');
    assert((await item.textContent()).includes(deal.title), 'the item names its deal');
    await p.mouse.move(5, 890);
    await p.waitForTimeout(300);
    await ctx.shot(p, 'today-tasks.png');
    await item.click();
    await p.waitForSelector('[data-testid=deal-card-panel] [data-testid=deal-tasks]', { timeout: 15000 });
    assert(p.url().includes(`deal%3A${deal.id}`) || p.url().includes(`deal:${deal.id}`), `the item opened deal ${deal.id}: ${p.url()}`);
    await row.waitFor();

    // 3. Someone changed the task meanwhile (409): the tick shows at once, then rolls back with a message.
    let intercepted = 0;
    await p.route(`**/api/v1/deal-tasks/${task.id}`, async (route) => {
      if (route.request().method() !== 'PATCH') return route.continue();
      intercepted++;
      // Long enough for the optimistic tick to be seen on a loaded machine (it lasts until the 409).
      await new Promise((r) => setTimeout(r, 2000));
      await route.fulfill({ status: 409, contentType: 'application/json', body: JSON.stringify({ error: { code: 'conflict', message: 'the record was changed by someone else' } }) });
    });
    await row.locator('[data-testid=task-done]').click();
    await p.waitForFunction((id) => document.querySelector(`[data-testid=task-item][data-task-id="${id}"]`)?.dataset.done === '1', task.id, { timeout: 5000 });
    await p.waitForFunction((id) => document.querySelector(`[data-testid=task-item][data-task-id="${id}"]`)?.dataset.done === '0', task.id, { timeout: 10000 });
    await p.getByText('Задачу уже изменили').first().waitFor({ timeout: 5000 });
    assert(intercepted === 1, `one PATCH intercepted (${intercepted})`);
    await p.unroute(`**/api/v1/deal-tasks/${task.id}`);
    assert((await api(p, 'GET', `/api/v1/deal-tasks/${task.id}`)).body.done === false, 'still open on the server');

    // 4. Ticked done for real: struck through among the done ones, done on the server, gone from Today.
    const patched = p.waitForResponse((r) => r.url().endsWith(`/api/v1/deal-tasks/${task.id}`) && r.request().method() === 'PATCH');
    await p.locator(`[data-testid=task-item][data-task-id="${task.id}"] [data-testid=task-done]`).click();
    assert((await patched).status() === 200, 'PATCH done → 200');
    const stored = (await api(p, 'GET', `/api/v1/deal-tasks/${task.id}`)).body;
    assert(stored.done === true && stored.done_at, `done on the server: ${JSON.stringify(stored)}`);
    await p.click('[data-testid=tasks-done-toggle]');
    const doneRow = p.locator(`[data-testid=tasks-done] [data-testid=task-item][data-task-id="${task.id}"]`);
    await doneRow.waitFor({ state: 'visible', timeout: 5000 });
    const deco = await doneRow.locator('[data-testid=task-title]').evaluate((e) => getComputedStyle(e).textDecorationLine);
    assert(deco.includes('line-through'), `done task struck through (${deco})`);
    assert((await doneRow.getAttribute('data-overdue')) === '0', 'a done task is not overdue');
    for (const b of await p.$$('.mantine-Notification-root .mantine-Notification-closeButton')) await b.click().catch(() => {});
    await doneRow.scrollIntoViewIfNeeded();
    await p.waitForTimeout(300);
    await ctx.shot(p, 'deal-tasks-done.png');
    await p.keyboard.press('Escape');
    await p.waitForSelector('[data-testid=deal-card-panel]', { state: 'detached' });
    await item.waitFor({ state: 'detached', timeout: 10000 });
    const after = (await api(p, 'GET', '/api/v1/sales/today')).body.tasks;
    assert(!after.some((x) => x.task_id === task.id), 'the server leaves it out of today too');
    console.log(`    task ${task.id} on deal ${deal.id}: due ${yesterday}, overdue in the card and Today, rolled back on 409, done → left Today`);
  });
}
