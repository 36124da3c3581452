import { Select, Text } from '@mantine/core';
import { useState } from 'react';
import { useEmployees } from '../../api/queries';
import type { Client } from '../../api/types';
import { useLocale } from '../../i18n';
import { usePanel } from '../../components/panel';
import { RecordList } from '../../components/RecordList';
import { StatusBadge } from '../../components/CardParts';

export default function ClientsPage() {
  const { t } = useLocale();
  const { open } = usePanel();
  const employees = useEmployees();
  const [status, setStatus] = useState<string | null>(null);
  const nameOf = (id: number | null) => employees.data?.find((e) => e.id === id)?.name ?? '—';
  return (
    <RecordList<Client>
      title={t('list.clients')}
      path="/api/v1/clients"
      testId="clients-table"
      extraQuery={{ sort: 'name', status: status ?? undefined }}
      filters={
        <Select
          placeholder={t('common.status')}
          data={['lead', 'active', 'paused', 'churned'].map((s) => ({ value: s, label: t(`status.${s}`) }))}
          value={status}
          onChange={setStatus}
          clearable
          w={160}
        />
      }
      onOpen={(c) => open('client', c.id)}
      columns={[
        { key: 'name', title: t('common.name'), render: (c) => <><Text size="sm" fw={500}>{c.name}</Text>{c.legal_name && <Text size="xs" c="dimmed">{c.legal_name}</Text>}</> },
        { key: 'inn', title: t('client.inn'), render: (c) => c.inn ?? '' },
        { key: 'manager', title: t('client.account_manager'), render: (c) => nameOf(c.account_manager_id) },
        { key: 'phone', title: t('client.phone'), render: (c) => c.phone ?? '' },
        { key: 'status', title: t('common.status'), render: (c) => <StatusBadge status={c.status} label={t(`status.${c.status}`)} /> },
      ]}
    />
  );
}
