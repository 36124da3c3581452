// The Employees screen lists the agency's staff; portal users of client companies (role "client") are
// not employees and get their own tab. Archived people stay out of both.
import type { Employee } from '../../api/types';

export function splitPeople(all: Employee[]): { staff: Employee[]; portal: Employee[] } {
  const staff: Employee[] = [];
  const portal: Employee[] = [];
  for (const e of all) {
    if (e.archived_at) continue;
    (e.role === 'client' ? portal : staff).push(e);
  }
  return { staff, portal };
}
