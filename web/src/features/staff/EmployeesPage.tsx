import { Group, Text } from '@mantine/core';
import type { Employee } from '../../api/types';
import { useLocale } from '../../i18n';
import { usePanel } from '../../app/panel';
import { RecordList } from '../../components/RecordList';
import { PersonAvatar } from '../../components/PersonAvatar';

export default function EmployeesPage() {
  const { t } = useLocale();
  const { open } = usePanel();
  return (
    <RecordList<Employee>
      title={t('list.employees')}
      path="/api/v1/employees"
      extraQuery={{ sort: 'name' }}
      onOpen={(e) => open('employee', e.id)}
      columns={[
        {
          key: 'name',
          title: t('common.name'),
          render: (e) => (
            <Group gap="sm" wrap="nowrap">
              <PersonAvatar id={e.id} name={e.name} photoUrl={e.photo_url} />
              <div>
                <Text size="sm" fw={500}>{e.name}</Text>
                {e.position && <Text size="xs" c="dimmed">{e.position}</Text>}
              </div>
            </Group>
          ),
        },
        { key: 'role', title: t('employee.role'), render: (e) => t(`roles.${e.role}`) },
        { key: 'email', title: t('employee.email'), render: (e) => e.email },
        { key: 'phone', title: t('employee.phone'), render: (e) => e.phone ?? '' },
      ]}
    />
  );
}
