import { describe, expect, it } from 'vitest';
import type { Employee } from '../../api/types';
import { splitPeople } from './people';

const person = (id: number, role: Employee['role'], archived_at: string | null = null) =>
  ({ id, version: 1, email: `${id}@x`, name: `P${id}`, role, position: null, phone: null, photo_url: null, group_id: null, client_id: null, locale: 'ru', archived_at }) as Employee;

describe('the Employees screen', () => {
  it('lists staff apart from portal users of clients, without archived people', () => {
    const { staff, portal } = splitPeople([person(1, 'owner'), person(2, 'client'), person(3, 'specialist'), person(4, 'manager', '2026-01-01T00:00:00Z')]);
    expect(staff.map((e) => e.id)).toEqual([1, 3]);
    expect(portal.map((e) => e.id)).toEqual([2]);
  });
});
