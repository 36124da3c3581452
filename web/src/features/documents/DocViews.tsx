import { useState } from 'react';
import { Loader, Popover, Stack, Text, UnstyledButton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { useLocale } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import type { DocView } from './types';

/**
 * Views of a document from the list item itself (`views`, `last_viewed_at`: no request per row); the
 * view times (GET …/views) load only when the figure is clicked.
 */
export function DocViews({ id, views, lastViewedAt }: { id: number; views: number; lastViewedAt: string | null }) {
  const { t, locale } = useLocale();
  const [opened, setOpened] = useState(false);
  const list = useQuery({
    queryKey: ['document-views', id, views],
    queryFn: () => api.get<{ items: DocView[]; total: number }>(`/api/v1/documents/${id}/views`),
    enabled: opened && views > 0,
    staleTime: 30_000,
  });
  const label = (
    <Text size="xs" c="dimmed" span style={{ whiteSpace: 'nowrap' }} data-testid="doc-views" data-views={views} title={lastViewedAt ? t('today.lastViewed', { at: formatDateTime(lastViewedAt, locale) }) : undefined}>
      {t('paper.views', { count: views })}
    </Text>
  );
  if (views === 0) return label;
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" withArrow shadow="md" zIndex={400}>
      <Popover.Target>
        <UnstyledButton onClick={() => setOpened((o) => !o)} style={{ textDecoration: 'underline dotted' }} data-testid="doc-views-open">
          {label}
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown data-testid="doc-views-list">
        <Text size="xs" fw={600} mb={4}>
          {t('paper.viewTimes')}
        </Text>
        {list.isLoading ? (
          <Loader size="xs" />
        ) : list.error ? (
          <Text size="xs" c="red">
            {t('common.serverError')}
          </Text>
        ) : (
          <Stack gap={2} mah={220} style={{ overflowY: 'auto' }}>
            {(list.data?.items ?? []).map((v, i) => (
              <Text key={i} size="xs" data-testid="doc-view-time">
                {formatDateTime(v.at, locale)}
              </Text>
            ))}
            {(list.data?.total ?? 0) > (list.data?.items.length ?? 0) && (
              <Text size="xs" c="dimmed">
                {t('list.count', { count: list.data?.total ?? 0 })}
              </Text>
            )}
          </Stack>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}
