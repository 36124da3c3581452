// The header's bell: own notifications (GET /api/v1/notifications?limit=30, polled every minute), the unread
// count, a click opens the deal and marks it read; "mark all read".
import { ActionIcon, Badge, Button, Group, Indicator, Menu, Stack, Text, Tooltip } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, orNull } from '../../api/client';
import { usePanel } from '../../components/panel';
import { useLocale } from '../../i18n';
import { formatDateTime } from '../../lib/format';

interface Notice {
  id: number;
  kind: string;
  title: string;
  deal_id: number | null;
  entity: string;
  entity_id: number | null;
  created_at: string;
  read_at: string | null;
}

const noticeTab: Record<string, string | undefined> = { brief_submitted: 'brief', proposal_accepted: 'documents' };

export function NotificationsBell() {
  const { t, locale } = useLocale();
  const qc = useQueryClient();
  const { open, canOpen } = usePanel();
  const data = useQuery({
    queryKey: ['notifications'],
    // The list envelope with paging: the newest 30 and the unread count of all.
    queryFn: () => orNull(api.get<{ items: Notice[]; total: number; unread: number }>('/api/v1/notifications?limit=30')),
    refetchInterval: 60_000,
    retry: false,
  });
  if (!data.data) return null;
  const { items, unread } = data.data;
  const refresh = () => void qc.invalidateQueries({ queryKey: ['notifications'] });
  return (
    <Menu position="bottom-end" width={360} withArrow>
      <Menu.Target>
        <Tooltip label={t('notices.title')}>
          <Indicator disabled={unread === 0} label={unread > 99 ? '99+' : unread} size={16} offset={4} color="red">
            <ActionIcon variant="default" size="lg" aria-label={t('notices.title')} data-testid="notifications">
              <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden>
                <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
                <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
              </svg>
            </ActionIcon>
          </Indicator>
        </Tooltip>
      </Menu.Target>
      <Menu.Dropdown data-testid="notifications-menu">
        <Group justify="space-between" px="xs" py={4}>
          <Text size="sm" fw={600}>
            {t('notices.title')}
          </Text>
          {unread > 0 && (
            <Button size="compact-xs" variant="subtle" onClick={() => void api.post('/api/v1/notifications/read-all', {}).then(refresh)}>
              {t('notices.readAll')}
            </Button>
          )}
        </Group>
        {items.length === 0 && (
          <Text size="sm" c="dimmed" px="xs" py="sm">
            {t('notices.none')}
          </Text>
        )}
        <Stack gap={0} mah={420} style={{ overflowY: 'auto' }}>
          {items.slice(0, 30).map((n) => (
            <Menu.Item
              key={n.id}
              onClick={() => {
                if (!n.read_at) void api.post(`/api/v1/notifications/${n.id}/read`, {}).then(refresh);
                // The deal card opens on the tab the notice is about (a returned brief, an accepted proposal).
                if (n.deal_id && canOpen('deal')) open('deal', n.deal_id, noticeTab[n.kind]);
              }}
              data-testid="notification"
            >
              <Group gap={6} wrap="nowrap" align="start">
                {!n.read_at && <Badge size="xs" circle color="red" mt={4} />}
                <div>
                  <Text size="sm" fw={n.read_at ? 400 : 600}>
                    {n.title}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(n.created_at, locale)}
                  </Text>
                </div>
              </Group>
            </Menu.Item>
          ))}
        </Stack>
      </Menu.Dropdown>
    </Menu>
  );
}
