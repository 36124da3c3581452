// At the top of the deal card: what the customer wrote and the page it came from (the deal's
// application, GET /api/v1/deals/{id}/application; 404: the deal did not come from one).
import { Anchor, Paper, Spoiler, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, orNull } from '../../api/client';
import { useSession } from '../../api/session';
import { useLocale } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { pageLink, senderLine, type DealApplication } from './application';

export function ApplicationBox({ dealId, applicationId }: { dealId: number; applicationId: number | null }) {
  const { t, locale } = useLocale();
  const { can } = useSession();
  const app = useQuery({
    queryKey: ['deal-application', dealId],
    queryFn: () => orNull(api.get<DealApplication>(`/api/v1/deals/${dealId}/application`)),
    // A deal made by hand has no application: no request that can only answer 404.
    enabled: applicationId !== null && can('GET', '/api/v1/deals/{id}/application'),
    staleTime: 5 * 60_000,
    retry: false,
  });
  const a = app.data;
  if (!a) return null;
  const page = pageLink(a.page_url);
  const sender = senderLine(a, t('deal.inn'));
  return (
    <Paper withBorder radius="sm" p="xs" mt="sm" className="deal-application" data-testid="deal-application">
      <Text size="xs" c="dimmed">
        <Text span size="xs" fw={600} c="var(--mantine-color-text)">
          {t('application.request')}
        </Text>
        {' · '}
        {t('application.receivedAt', { source: t(`sales.sources.${a.source}`), at: formatDateTime(a.created_at, locale) })}
      </Text>
      {a.message?.trim() ? (
        <Spoiler maxHeight={96} showLabel={t('portal.more')} hideLabel="▲" mt={4}>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }} data-testid="deal-application-message">
            {a.message}
          </Text>
        </Spoiler>
      ) : (
        <Text size="sm" c="dimmed" mt={4} fs="italic" data-testid="deal-application-message">
          {t('application.noMessage')}
        </Text>
      )}
      {page && (
        <Text size="xs" mt={4} style={{ wordBreak: 'break-all' }}>
          {t('application.page')}:{' '}
          {page.href ? (
            <Anchor size="xs" href={page.href} target="_blank" rel="noopener noreferrer" data-testid="deal-application-page">
              {page.text}
            </Anchor>
          ) : (
            <span data-testid="deal-application-page">{page.text}</span>
          )}
        </Text>
      )}
      {sender && (
        <Text size="xs" c="dimmed" mt={2} style={{ wordBreak: 'break-word' }}>
          {t('application.from')}: {sender}
        </Text>
      )}
    </Paper>
  );
}
