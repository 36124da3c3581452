import type { ReactNode } from 'react';
import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import { ApiError } from '../api/client';
import { useLocale } from '../i18n';

/** Loading spinner, error with retry, or the content. A block the role may not see (403) is hidden,
 * not red; "not found" (404) is said plainly with nothing to retry. */
export function QueryState({ isLoading, error, refetch, children }: { isLoading: boolean; error: unknown; refetch?: () => void; children: ReactNode }) {
  const { t } = useLocale();
  if (isLoading)
    return (
      <Center p="lg">
        <Loader size="sm" />
      </Center>
    );
  if (error instanceof ApiError && error.status === 403) return null;
  if (error instanceof ApiError && error.status === 404)
    return (
      <Text c="dimmed" size="sm" p="sm" data-testid="not-found">
        {t('common.notFound')}
      </Text>
    );
  if (error) {
    const message =
      error instanceof ApiError
        ? error.status === 404
          ? t('common.notFound')
          : error.status === 403
            ? t('common.forbidden')
            : `${t('common.error')}: ${error.message}`
        : t('common.error');
    return (
      <Alert color="red" title={message}>
        {refetch && (
          <Stack align="start">
            <Button size="xs" variant="light" onClick={refetch}>
              {t('common.retry')}
            </Button>
          </Stack>
        )}
      </Alert>
    );
  }
  return <>{children}</>;
}
