// Deal tasks (docs/paperwork.md "Deal tasks"): types and the pure rules of the Tasks section — order,
// overdue, the optimistic "done" tick and its rollback, the agency's today.

export interface DealTask {
  id: number;
  version: number;
  deal_id: number;
  title: string;
  due_on: string | null;
  assignee_id: number | null;
  author_id: number | null;
  done: boolean;
  done_at: string | null;
  created_at?: string;
  updated_at?: string;
}

/** An item of `tasks` in GET /api/v1/sales/today: the caller's open tasks due today or earlier. */
export interface TodayTask {
  task_id: number;
  title: string;
  due_on: string;
  overdue: boolean;
  deal_id: number;
  deal_title: string;
}

export const TITLE_MAX = 300;

/** An open task with a due date before today (today is `YYYY-MM-DD`). */
export function isTaskOverdue(task: Pick<DealTask, 'due_on' | 'done'>, today: string): boolean {
  return !task.done && !!task.due_on && task.due_on.slice(0, 10) < today;
}

const byDue = (a: DealTask, b: DealTask): number => {
  // Dated ones first (earliest first), undated last; then title, then creation order.
  if (a.due_on !== b.due_on) {
    if (a.due_on === null) return 1;
    if (b.due_on === null) return -1;
    return a.due_on < b.due_on ? -1 : 1;
  }
  const t = a.title.localeCompare(b.title, 'ru');
  return t !== 0 ? t : a.id - b.id;
};

/**
 * The section's two groups: open tasks by due date (undated last), and done ones, the most recently
 * done first (done_at, else the latest id).
 */
export function groupTasks(tasks: DealTask[]): { open: DealTask[]; done: DealTask[] } {
  const open = tasks.filter((x) => !x.done).sort(byDue);
  const done = tasks
    .filter((x) => x.done)
    .sort((a, b) => {
      const da = a.done_at ?? '';
      const db = b.done_at ?? '';
      if (da !== db) return da < db ? 1 : -1;
      return b.id - a.id;
    });
  return { open, done };
}

/** Counts for the section title: open, overdue among them. */
export function taskCounts(tasks: DealTask[], today: string): { open: number; overdue: number } {
  const open = tasks.filter((x) => !x.done);
  return { open: open.length, overdue: open.filter((x) => isTaskOverdue(x, today)).length };
}

/**
 * The optimistic tick: the list with that task turned done/undone (done_at now or cleared) and the
 * task as it was, for the rollback. `previous` is null when the task is not in the list.
 */
export function tickTask(tasks: DealTask[], id: number, done: boolean, now: Date): { tasks: DealTask[]; previous: DealTask | null } {
  const previous = tasks.find((x) => x.id === id) ?? null;
  if (!previous) return { tasks, previous };
  const at = done ? now.toISOString().replace(/\.\d{3}Z$/, 'Z') : null;
  return { tasks: tasks.map((x) => (x.id === id ? { ...x, done, done_at: at } : x)), previous };
}

/** The server's answer replaces the optimistic copy. */
export function commitTask(tasks: DealTask[], saved: DealTask): DealTask[] {
  return tasks.some((x) => x.id === saved.id) ? tasks.map((x) => (x.id === saved.id ? saved : x)) : [...tasks, saved];
}

/** A failed write puts that one task back as it was (others' changes in the meantime stay). */
export function rollbackTask(tasks: DealTask[], previous: DealTask): DealTask[] {
  return tasks.map((x) => (x.id === previous.id ? previous : x));
}

/** Local check of a title before sending: null when fine, else 'required' or 'tooLong'. */
export function titleProblem(title: string): 'required' | 'tooLong' | null {
  const t = title.trim();
  if (!t) return 'required';
  if ([...t].length > TITLE_MAX) return 'tooLong';
  return null;
}
