// Under every paged list: "nothing found" when empty, the total, and the pages.
import { Group, Pagination, Text } from '@mantine/core';
import { useLocale } from '../i18n';

export function ListFooter(props: {
  empty: boolean;
  countLabel: string;
  pages: number;
  page: number;
  onPage: (page: number) => void;
}) {
  const { t } = useLocale();
  return (
    <>
      {props.empty && (
        <Text c="dimmed" ta="center" p="lg">
          {t('common.nothing')}
        </Text>
      )}
      <Group justify="space-between" mt="sm">
        <Text size="sm" c="dimmed">
          {props.countLabel}
        </Text>
        {props.pages > 1 && <Pagination total={props.pages} value={props.page} onChange={props.onPage} size="sm" />}
      </Group>
    </>
  );
}
