// What other features use of an account manager's Today (docs/architecture.md, "Web UI modules").
export { AccountsColumns } from './AccountsColumns';
export { Column, Item } from './TodayColumn';
export { accountItems, todaySections } from './today';
export type { AccountsToday } from './types';
