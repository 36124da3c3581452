import { describe, expect, it } from 'vitest';
import { commitTask, groupTasks, isTaskOverdue, rollbackTask, taskCounts, tickTask, titleProblem, type DealTask } from './tasks';

const task = (id: number, title: string, due_on: string | null, done = false, done_at: string | null = null): DealTask => ({
  id,
  version: 1,
  deal_id: 7,
  title,
  due_on,
  assignee_id: 3,
  author_id: 3,
  done,
  done_at,
});

describe('deal tasks', () => {
  it('overdue: open and due before today only', () => {
    expect(isTaskOverdue(task(1, 'a', '2026-11-24'), '2026-11-25')).toBe(true);
    expect(isTaskOverdue(task(1, 'a', '2026-11-25'), '2026-11-25')).toBe(false);
    expect(isTaskOverdue(task(1, 'a', null), '2026-11-25')).toBe(false);
    expect(isTaskOverdue(task(1, 'a', '2026-11-01', true), '2026-11-25')).toBe(false);
  });

  it('groups open ones by due date (undated last, then title) and done ones most recent first', () => {
    const list = [
      task(1, 'Позвонить', null),
      task(2, 'Бриф', '2026-11-26'),
      task(3, 'Счёт', '2026-11-20'),
      task(4, 'Акт', '2026-11-26'),
      task(5, 'Старое', '2026-11-01', true, '2026-11-02T10:00:00Z'),
      task(6, 'Новое', '2026-11-10', true, '2026-11-24T10:00:00Z'),
      task(7, 'Без даты', null, true, null),
    ];
    const g = groupTasks(list);
    expect(g.open.map((x) => x.id)).toEqual([3, 4, 2, 1]);
    expect(g.done.map((x) => x.id)).toEqual([6, 5, 7]);
    expect(taskCounts(list, '2026-11-25')).toEqual({ open: 4, overdue: 1 });
  });

  it('ticks optimistically, commits the server copy, rolls back only that task', () => {
    const list = [task(1, 'a', '2026-11-20'), task(2, 'b', '2026-11-21')];
    const now = new Date('2026-11-25T12:34:56.789Z');
    const { tasks, previous } = tickTask(list, 1, true, now);
    expect(tasks[0]).toMatchObject({ id: 1, done: true, done_at: '2026-11-25T12:34:56Z' });
    expect(previous).toBe(list[0]);
    expect(groupTasks(tasks).open.map((x) => x.id)).toEqual([2]);
    // Meanwhile task 2 changed on the server; the rollback of 1 keeps it.
    const changed = commitTask(tasks, { ...list[1], title: 'b2', version: 2 });
    const back = rollbackTask(changed, previous!);
    expect(back[0]).toEqual(list[0]);
    expect(back[1].title).toBe('b2');
    expect(tickTask(list, 99, true, now)).toEqual({ tasks: list, previous: null });
    const saved = { ...list[0], done: true, done_at: '2026-11-25T12:35:00Z', version: 2 };
    expect(commitTask(tasks, saved)[0]).toBe(saved);
    expect(commitTask([], saved)).toEqual([saved]);
    const undone = tickTask([saved], 1, false, now).tasks[0];
    expect(undone.done).toBe(false);
    expect(undone.done_at).toBeNull();
  });

  it('checks the title like the server (required, at most 300 characters)', () => {
    expect(titleProblem('  ')).toBe('required');
    expect(titleProblem('ё'.repeat(300))).toBeNull();
    expect(titleProblem('ё'.repeat(301))).toBe('tooLong');
  });
});
