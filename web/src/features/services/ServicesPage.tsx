import { Select, Text } from '@mantine/core';
import { useState } from 'react';
import { useEmployees, useServiceTypes } from '../../api/queries';
import type { Service } from '../../api/types';
import { useLocale } from '../../i18n';
import { usePanel } from '../../components/panel';
import { RecordList } from '../../components/RecordList';
import { StatusBadge } from '../../components/CardParts';
import { Money } from '../../components/Money';
import { formatDate } from '../../lib/format';

export default function ServicesPage() {
  const { t, locale } = useLocale();
  const { open } = usePanel();
  const employees = useEmployees();
  const types = useServiceTypes();
  const [typeId, setTypeId] = useState<string | null>(null);
  const nameOf = (id: number | null) => employees.data?.find((e) => e.id === id)?.name ?? '—';
  const typeName = (id: number) => {
    const ty = types.data?.find((x) => x.id === id);
    return ty ? (locale === 'en' ? ty.name_en || ty.name : ty.name) : '';
  };
  return (
    <RecordList<Service>
      title={t('list.services')}
      path="/api/v1/services"
      extraQuery={{ sort: 'name', service_type_id: typeId ?? undefined }}
      filters={
        <Select
          placeholder={t('dashboard.allServiceTypes')}
          data={(types.data ?? []).map((x) => ({ value: String(x.id), label: locale === 'en' ? x.name_en || x.name : x.name }))}
          value={typeId}
          onChange={setTypeId}
          clearable
          w={200}
        />
      }
      onOpen={(s) => open('service', s.id)}
      columns={[
        { key: 'name', title: t('common.name'), render: (s) => <><Text size="sm" fw={500}>{s.name}</Text><Text size="xs" c="dimmed">{typeName(s.service_type_id)}</Text></> },
        { key: 'specialist', title: t('service.specialist'), render: (s) => nameOf(s.specialist_id) },
        { key: 'manager', title: t('service.manager'), render: (s) => nameOf(s.account_manager_id) },
        { key: 'fee', title: t('service.fee'), align: 'right', render: (s) => <Money kopecks={s.monthly_fee_kopecks} /> },
        { key: 'starts', title: t('service.starts'), render: (s) => formatDate(s.starts_on, locale) },
        { key: 'status', title: t('common.status'), render: (s) => <StatusBadge status={s.status} label={t(`status.${s.status}`)} /> },
      ]}
    />
  );
}
