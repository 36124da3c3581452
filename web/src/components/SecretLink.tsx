// A secret link (a brief's, a document's): the link with copy, share / send / revoke, an optional expiry.
import { useState } from 'react';
import { Button, CopyButton, Group, Text, TextInput, Tooltip } from '@mantine/core';
import { api } from '../api/client';
import { useErrorText } from '../api/errors';
import { useAgencySettings } from '../api/queries';
import { useLocale } from '../i18n';
import { endOfDayUtc, todayIso } from '../lib/dates';
import { formatDateTime } from '../lib/format';
import { absoluteUrl } from '../lib/links';
import { DateField } from './DateField';
import { notifications } from './notify';

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
