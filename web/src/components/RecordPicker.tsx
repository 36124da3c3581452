// A searchable select over a server list: the server searches by name, so thousands of records never load at once.
import { useMemo, useState } from 'react';
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { useLocale } from '../i18n';

interface Named {
  id: number;
  name: string;
}

export function RecordPicker({ path, value, onChange, label, placeholder, error, autoFocus, required, extraQuery, testId, clearable, w }: {
  path: string;
  value: number | null;
  onChange: (id: number | null) => void;
  label?: string;
  placeholder?: string;
  error?: string;
  autoFocus?: boolean;
  required?: boolean;
  extraQuery?: Record<string, string>;
  testId?: string;
  clearable?: boolean;
  w?: number;
}) {
  const { t } = useLocale();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 200);
  const selected = useQuery({
    queryKey: [path, Number(value)],
    queryFn: () => api.get<Named>(`${path}/${value}`),
    enabled: !!value,
    staleTime: 5 * 60_000,
  });
  const q = debounced === (selected.data?.name ?? '') ? '' : debounced;
  const results = useQuery({
    queryKey: [path, 'search', q, extraQuery],
    queryFn: async () => (await api.list<Named>(path, { q: q || undefined, limit: 50, sort: 'name', ...extraQuery })).items,
    staleTime: 60_000,
  });
  const data = useMemo(() => {
    const map = new Map<string, string>();
    if (selected.data) map.set(String(selected.data.id), selected.data.name);
    for (const s of results.data ?? []) map.set(String(s.id), s.name);
    return [...map].map(([v, l]) => ({ value: v, label: l }));
  }, [results.data, selected.data]);
  return (
    <Select
      label={label}
      placeholder={placeholder}
      searchable
      clearable={clearable}
      data={data}
      value={value ? String(value) : null}
      onChange={(v) => onChange(v ? Number(v) : null)}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={results.isFetching ? t('common.loading') : t('common.notFound')}
      error={error}
      autoFocus={autoFocus}
      data-testid={testId}
      comboboxProps={{ withinPortal: true, zIndex: 400 }}
      maxDropdownHeight={280}
      required={required}
      w={w}
    />
  );
}
