// Shared queries: one cache key per resource so cards and screens reuse each other's data.
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, orNull } from './client';
import type { AgencySettings, Dashboard, Employee, Service, ServiceType } from './types';

export const keys = {
  dashboard: (period: string) => ['dashboard', period] as const,
  employees: ['employees'] as const,
  serviceTypes: ['service-types'] as const,
  service: (id: number) => ['services', id] as const,
  client: (id: number) => ['clients', id] as const,
  employee: (id: number) => ['employees', id] as const,
  agencySettings: ['agency-settings'] as const,
};

export function useDashboard(period: string) {
  return useQuery({
    queryKey: keys.dashboard(period),
    queryFn: () => api.get<Dashboard>('/api/v1/dashboard', { period }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

export function useEmployees() {
  return useQuery({
    queryKey: keys.employees,
    queryFn: async () => (await api.list<Employee>('/api/v1/employees', { limit: 1000, sort: 'name' })).items,
    staleTime: 5 * 60_000,
  });
}

export function useServiceTypes() {
  return useQuery({
    queryKey: keys.serviceTypes,
    queryFn: async () => (await api.list<ServiceType>('/api/v1/service-types', { limit: 1000, sort: 'name' })).items,
    staleTime: 5 * 60_000,
  });
}

export function useService(id: number | null) {
  return useQuery({
    queryKey: keys.service(id ?? 0),
    queryFn: () => api.get<Service>(`/api/v1/services/${id}`),
    enabled: id !== null && id > 0,
  });
}

/** After a time entry changes, every view of hours refreshes. */
export function useInvalidateTime() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: ['dashboard'] });
    void qc.invalidateQueries({ queryKey: ['time-entries'] });
    void qc.invalidateQueries({ queryKey: ['service-history'] });
    void qc.invalidateQueries({ queryKey: ['client-time'] });
    void qc.invalidateQueries({ queryKey: ['report'] });
  };
}

export function useAgencySettings() {
  return useQuery({ queryKey: keys.agencySettings, queryFn: () => orNull(api.get<AgencySettings>('/api/v1/agency-settings')), staleTime: 5 * 60_000, retry: false });
}
