// Small shared pieces of the paperwork UI: a secret link with copy, status badges, error text.
import { useState } from 'react';
import { Badge, Button, CopyButton, Group, Loader, Popover, Stack, Text, TextInput, Tooltip, UnstyledButton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client';
import { notifications } from '../../components/notify';
import { DateField } from '../../components/DateField';
import { fieldMessage, fieldMessages } from '../../api/messages';
import { useLocale } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { absoluteUrl, useAgencySettings } from './api';
import { endOfDayUtc, todayIso } from '../../lib/dates';
import type { DocView } from './types';

export function LinkBox({ path, testId }: { path: string; testId: string }) {
  const { t } = useLocale();
  const url = absoluteUrl(path);
  return (
    <Group gap={4} wrap="nowrap" style={{ minWidth: 0, flex: '1 1 100%' }}>
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
/** Share / send / revoke of a secret link: POST `${path}/${what}`, a green note (`done`), then
 * `onChange`; an error shows in red. `busy` names the action in flight. */
export function useLinkActions<W extends string>(path: string, onChange: () => void, done: (what: W) => string, handled?: (e: unknown) => boolean) {
  const errorText = useErrorText();
  const [busy, setBusy] = useState<W | null>(null);
  const act = async (what: W, body: { expires_at?: string } = {}): Promise<boolean> => {
    setBusy(what);
    try {
      await api.post(`${path}/${what}`, body);
      notifications.show({ message: done(what), color: 'green' });
      onChange();
      return true;
    } catch (e) {
      if (!handled?.(e)) notifications.show({ message: errorText(e), color: 'red' });
      return false;
    } finally {
      setBusy(null);
    }
  };
  return { busy, act };
}

/** A failed save of a form: the server's field errors under the fields, else one message for the
 * form (409: changed elsewhere). */
export function useSaveFailure() {
  const { t, locale } = useLocale();
  return (e: unknown, setErrors: (fields: Record<string, string>) => void, setFormError: (message: string) => void) => {
    if (e instanceof ApiError && Object.keys(e.fields).length) setErrors(fieldMessages(e.fields, t, locale));
    else setFormError(e instanceof ApiError ? (e.status === 409 ? t('common.conflict') : e.message) : t('common.serverError'));
  };
}

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

/**
 * "Share" / "New link" with an optional expiry date: empty = the link never expires; a date = until
 * the end of that day in the agency's time zone (`expires_at`, RFC 3339 UTC).
 */
export function ShareButton({ label, primary, busy, onShare, testId, disabledReason }: { label: string; primary: boolean; busy: boolean; onShare: (body: { expires_at?: string }) => Promise<boolean>; testId: string; disabledReason?: string }) {
  const { t } = useLocale();
  const settings = useAgencySettings();
  const [date, setDate] = useState('');
  const [invalid, setInvalid] = useState(false);
  const expires = date ? endOfDayUtc(date, settings.data?.timezone_offset_minutes) : null;
  return (
    <Group gap={4} wrap="nowrap" align="flex-start">
      <DateField
        size="xs"
        value={date || null}
        minDate={todayIso()}
        yearsAround={5}
        onChange={(v) => setDate(v ?? '')}
        onInvalidChange={setInvalid}
        w={176}
        leftSection={<Text size="xs" c="dimmed">{t('paper.until')}</Text>}
        leftSectionWidth={32}
        aria-label={t('paper.expiresPick')}
        title={t('paper.expiresPick')}
        testId={`${testId}-expires`}
      />
      <Tooltip label={disabledReason} disabled={!disabledReason} multiline w={260} withinPortal zIndex={400}>
        {/* A disabled button gets no hover: the wrapper carries the reason. */}
        <span style={{ display: 'inline-block' }}>
          <Button size="xs" variant={primary ? 'filled' : 'default'} loading={busy} disabled={invalid || !!disabledReason} onClick={() => void onShare(expires ? { expires_at: expires } : {}).then((ok) => ok && setDate(''))} data-testid={testId} data-blocked={disabledReason ? '1' : undefined}>
            {label}
          </Button>
        </span>
      </Tooltip>
    </Group>
  );
}

/** " · link valid until …" for a live link with an expiry. */
export function Expiry({ at, live }: { at: string | null | undefined; live: boolean }) {
  const { t, locale } = useLocale();
  if (!live || !at) return null;
  return <span data-testid="link-expires">{` · ${t('paper.expiresAt', { at: formatDateTime(at, locale) })}`}</span>;
}

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
