import { describe, expect, it } from 'vitest';
import { newestFirst, todaySections } from './today';

const base = { canAccounts: true, canSales: true, accountItems: 0, salesItems: 0, ownsDeals: false };

describe("Today's columns", () => {
  it('give a manager the account columns, and the sales ones only when they own deals', () => {
    expect(todaySections({ ...base, role: 'manager' })).toEqual({ accounts: true, sales: false });
    expect(todaySections({ ...base, role: 'manager', ownsDeals: true })).toEqual({ accounts: true, sales: true });
    expect(todaySections({ ...base, role: 'manager', salesItems: 2 })).toEqual({ accounts: true, sales: true });
  });
  it('give the sales roles their deals only', () => {
    expect(todaySections({ ...base, role: 'sales', canAccounts: false })).toEqual({ accounts: false, sales: true });
    expect(todaySections({ ...base, role: 'sales', ownsDeals: true })).toEqual({ accounts: false, sales: true });
  });
  it('show the owner or a head both when they have both, and never nothing', () => {
    expect(todaySections({ ...base, role: 'head', ownsDeals: true })).toEqual({ accounts: true, sales: true });
    expect(todaySections({ ...base, role: 'owner' })).toEqual({ accounts: true, sales: false });
    expect(todaySections({ ...base, role: undefined, canAccounts: false })).toEqual({ accounts: false, sales: true });
    expect(todaySections({ ...base, role: 'sales', accountItems: 3 })).toEqual({ accounts: true, sales: true });
  });
  it('list missed calls newest first', () => {
    const calls = [
      { id: 1, started_at: '2026-12-05T09:00:00Z' },
      { id: 2, started_at: '2026-12-07T18:30:00Z' },
      { id: 3, started_at: '2026-12-06T10:00:00Z' },
    ];
    expect(newestFirst(calls).map((c) => c.id)).toEqual([2, 3, 1]);
  });
});
