import type { ReactNode } from 'react';
import { Alert, Button, Center, Loader, Stack } from '@mantine/core';
import { ApiError } from '../api/client';
import { useLocale } from '../i18n';

/** Loading spinner, error with retry, or the content. */
export function QueryState({ isLoading, error, refetch, children }: { isLoading: boolean; error: unknown; refetch?: () => void; children: ReactNode }) {
  const { t } = useLocale();
  if (isLoading)
    return (
      <Center p="lg">
        <Loader size="sm" />
      </Center>
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
