// Documents of a deal (and the row used by the Documents screen): number, kind, status, views;
// share / revoke / copy the link, staff preview, PDF; "Contract and invoice" once the proposal is accepted.
import { useState } from 'react';
import { Anchor, Button, Group, Paper, Select, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { useSession } from '../../app/session';
import { Muted, Section } from '../../components/CardParts';
import { QueryState } from '../../components/QueryState';
import { notifications } from '../../components/notify';
import { useLocale } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { paperKeys, useDealDocuments } from './api';
import { DocViews, Expiry, LinkBox, ShareButton, StatusTag, useErrorText, useLinkActions } from './parts';
import { docKinds, type Doc, type DocKind } from './types';

/** Nothing for a role that may not list them (permissions from /auth/me). */
export function DocumentsSection(props: { dealId: number }) {
  const { can } = useSession();
  return can('GET', '/api/v1/documents') ? <DocumentsSectionInner {...props} /> : null;
}

function DocumentsSectionInner({ dealId }: { dealId: number }) {
  const { t } = useLocale();
  const { can } = useSession();
  const qc = useQueryClient();
  const docs = useDealDocuments(dealId);
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [kind, setKind] = useState<DocKind | null>(null);
  const list = docs.data ?? [];
  const accepted = list.find((d) => d.kind === 'proposal' && d.status === 'accepted');
  const hasContract = list.some((d) => d.kind === 'contract' && d.status !== 'revoked');
  const refresh = () => void qc.invalidateQueries({ queryKey: ['documents'] });

  async function contractAndInvoice() {
    setBusy(true);
    try {
      const base = { deal_id: dealId, ...(accepted?.estimate_id ? { estimate_id: accepted.estimate_id } : {}) };
      const c = await api.post<Doc>('/api/v1/documents', { kind: 'contract', ...base });
      const i = await api.post<Doc>('/api/v1/documents', { kind: 'invoice', ...base });
      notifications.show({ message: t('paper.contractInvoiceMade', { contract: c.number, invoice: i.number }), color: 'green' });
    } catch (e) {
      notifications.show({ message: errorText(e), color: 'red' });
    } finally {
      setBusy(false);
      refresh();
    }
  }

  async function create() {
    if (!kind) return;
    setBusy(true);
    try {
      const latest = [...list].reverse().find((d) => d.estimate_id)?.estimate_id;
      const doc = await api.post<Doc>('/api/v1/documents', { kind, deal_id: dealId, ...(latest && kind !== 'proposal' ? { estimate_id: latest } : {}) });
      notifications.show({ message: t('paper.docCreated', { number: doc.number }), color: 'green' });
      setKind(null);
    } catch (e) {
      notifications.show({ message: errorText(e), color: 'red' });
    } finally {
      setBusy(false);
      refresh();
    }
  }

  return (
    <Section
      title={t('paper.documents')}
      right={
        accepted && !hasContract && can('POST', '/api/v1/documents') ? (
          <Button size="xs" color="green" loading={busy} onClick={() => void contractAndInvoice()} data-testid="contract-invoice">
            {t('paper.contractInvoice')}
          </Button>
        ) : undefined
      }
    >
      <QueryState isLoading={docs.isLoading} error={docs.error} refetch={docs.refetch}>
        {docs.data === null ? (
          <Muted>{t('common.notAvailableYet')}</Muted>
        ) : (
          <Stack gap={8} data-testid="deal-documents">
            {list.length === 0 && <Muted>{t('paper.noDocuments')}</Muted>}
            {list.map((d) => (
              <DocRow key={d.id} doc={d} onChange={refresh} />
            ))}
            {can('POST', '/api/v1/documents') && (
              <Group gap="xs">
                <Select
                  size="xs"
                  placeholder={t('paper.newDocument')}
                  data={docKinds.map((k) => ({ value: k, label: t(`paper.kinds.${k}`) }))}
                  value={kind}
                  onChange={(v) => setKind(v as DocKind | null)}
                  comboboxProps={{ zIndex: 400 }}
                  w={200}
                  data-testid="doc-new-kind"
                />
                <Button size="xs" variant="default" disabled={!kind} loading={busy && !!kind} onClick={() => void create()} data-testid="doc-create">
                  {t('paper.createDocument')}
                </Button>
              </Group>
            )}
          </Stack>
        )}
      </QueryState>
    </Section>
  );
}

/** `showDeal`: the row is on the Documents screen (with a link to the deal). Views come with the item (no request per row). */
export function DocRow({ doc: d, onChange, showDeal }: { doc: Doc; onChange: () => void; showDeal?: (id: number) => void }) {
  const { t, locale } = useLocale();
  const { can } = useSession();
  const { busy, act } = useLinkActions<'share' | 'revoke'>(`/api/v1/documents/${d.id}`, onChange, (what) => (what === 'share' ? t('paper.shared') : t('paper.linkRevoked')));

  return (
    <Paper withBorder p="xs" radius="sm" data-testid="doc-row" data-doc-id={d.id} data-kind={d.kind}>
      {/* On a narrow panel the views and the status go under the number and title instead of squeezing them. */}
      <Group justify="space-between" gap="xs" wrap="wrap" style={{ rowGap: 2 }}>
        <Group gap={8} wrap="nowrap" style={{ minWidth: 0, flex: '1 1 220px' }}>
          <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }} data-testid="doc-number">
            {d.number}
          </Text>
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {t(`paper.kinds.${d.kind}`)}
          </Text>
          <Text size="sm" truncate>
            {d.title}
          </Text>
        </Group>
        <Group gap={8} wrap="nowrap" style={{ flexShrink: 0 }}>
          <DocViews id={d.id} views={d.views ?? 0} lastViewedAt={d.last_viewed_at ?? null} />
          <StatusTag status={d.status} label={t(`paper.docStatus.${d.status}`)} testId="doc-status" />
        </Group>
      </Group>
      <Text size="xs" c="dimmed">
        {d.accepted_at
          ? t('paper.acceptedBy', { name: d.accepted_by_name ?? '', at: formatDateTime(d.accepted_at, locale) })
          : d.shared_at && d.status === 'shared'
            ? t('paper.sharedAt', { at: formatDateTime(d.shared_at, locale) })
            : d.created_at
              ? formatDateTime(d.created_at, locale)
              : ''}
        <Expiry at={d.expires_at} live={!!d.public_url} />
        {showDeal && d.deal_id ? (
          <>
            {' · '}
            <Anchor size="xs" onClick={() => showDeal(d.deal_id!)} data-testid="doc-deal">
              {t('paper.openDeal')}
            </Anchor>
          </>
        ) : null}
      </Text>
      <Group gap="xs" mt={6} wrap="wrap">
        {d.public_url && <LinkBox path={d.public_url} testId="doc-link" />}
        {can('POST', '/api/v1/documents/{id}/share') && d.status !== 'accepted' && (
          <ShareButton label={d.public_url ? t('paper.newLink') : t('paper.share')} primary={!d.public_url} busy={busy === 'share'} onShare={(body) => act('share', body)} testId="doc-share" />
        )}
        {d.public_url && can('POST', '/api/v1/documents/{id}/revoke') && d.status !== 'accepted' && (
          <Button size="xs" variant="subtle" color="red" loading={busy === 'revoke'} onClick={() => void act('revoke')} data-testid="doc-revoke">
            {t('paper.revoke')}
          </Button>
        )}
        <Button component="a" size="xs" variant="subtle" href={`/api/v1/documents/${d.id}/preview`} target="_blank" rel="noopener" data-testid="doc-preview">
          {t('paper.preview')}
        </Button>
        <Button component="a" size="xs" variant="subtle" href={`/api/v1/documents/${d.id}/pdf`} download={`${d.number}.pdf`} data-testid="doc-pdf">
          PDF
        </Button>
      </Group>
    </Paper>
  );
}

export const docKeys = paperKeys;
