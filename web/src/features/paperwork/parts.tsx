// Small shared pieces of the paperwork UI: a secret link with copy, status badges, error text.
import { Badge, Button, CopyButton, Group, TextInput } from '@mantine/core';
import { ApiError } from '../../api/client';
import { fieldMessage } from '../../api/messages';
import { useLocale } from '../../i18n';
import { absoluteUrl } from './api';

export function LinkBox({ path, testId }: { path: string; testId: string }) {
  const { t } = useLocale();
  const url = absoluteUrl(path);
  return (
    <Group gap={4} wrap="nowrap" style={{ minWidth: 0, flex: 1 }}>
      <TextInput size="xs" readOnly value={url} onFocus={(e) => e.currentTarget.select()} style={{ flex: 1, minWidth: 0 }} data-testid={testId} aria-label={t('paper.link')} />
      <CopyButton value={url}>
        {({ copied, copy }) => (
          <Button size="xs" variant="light" color={copied ? 'teal' : 'blue'} onClick={copy} title={t('paper.copy')} data-testid={`${testId}-copy`}>
            {copied ? t('paper.copied') : t('paper.copyShort')}
          </Button>
        )}
      </CopyButton>
    </Group>
  );
}

const colors: Record<string, string> = { draft: 'gray', sent: 'blue', shared: 'blue', submitted: 'green', accepted: 'green', revoked: 'red', proposed: 'violet' };

export function StatusTag({ status, label, testId }: { status: string; label: string; testId?: string }) {
  return (
    <Badge color={colors[status] ?? 'gray'} variant="light" style={{ textTransform: 'none' }} data-testid={testId} data-status={status}>
      {label}
    </Badge>
  );
}

/** The message to show for a failed write: the first field error (translated), else the server's text. */
export function useErrorText() {
  const { t, locale } = useLocale();
  return (e: unknown): string => {
    if (e instanceof ApiError) {
      if (e.status === 409) return t('common.conflict');
      if (e.status === 403) return t('common.forbidden');
      const f = Object.entries(e.fields)[0];
      if (f) return `${f[0]}: ${fieldMessage(f[1], t, locale)}`;
      return e.message;
    }
    return t('common.serverError');
  };
}
