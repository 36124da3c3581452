// Documents of a deal (and the row used by the Documents screen): number, kind, status, views;
// share / revoke / copy the link, staff preview, PDF; "Contract and invoice" once the proposal is accepted.
import { useState } from 'react';
import { Alert, Anchor, Button, Group, Paper, Select, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client';
import { useSession } from '../../api/session';
import { Muted, Section } from '../../components/CardParts';
import { QueryState } from '../../components/QueryState';
import { notifications } from '../../components/notify';
import { useLocale } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { missingFor, requisiteErrors, staleClient, type Missing } from './readiness';
import { OpenSettings, ReadinessBlock, useFieldNames, useLacks } from './ReadinessBlock';
import { documentKeys, useDealDocuments, useReadiness } from './api';
import { DocViews } from './DocViews';
import { Expiry, LinkBox, ShareButton, useLinkActions } from '../../components/SecretLink';
import { StatusTag } from '../../components/StatusTag';
import { useErrorText } from '../../api/errors';
import { type Doc, type DocKind, docKinds } from './types';

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
  const readiness = useReadiness(dealId, can('GET', '/api/v1/deals/{id}/document-readiness'));
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [kind, setKind] = useState<DocKind | null>(null);
  const list = docs.data ?? [];
  const accepted = list.find((d) => d.kind === 'proposal' && d.status === 'accepted');
  const hasContract = list.some((d) => d.kind === 'contract' && d.status !== 'revoked');
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['documents'] });
    void qc.invalidateQueries({ queryKey: documentKeys.readiness(dealId) });
  };

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
            {readiness.data && <ReadinessBlock dealId={dealId} readiness={readiness.data} urgent={list.some((d) => d.status !== 'accepted' && !!missingFor(readiness.data, d.kind))} />}
            {list.length === 0 && <Muted>{t('paper.noDocuments')}</Muted>}
            {list.map((d) => (
              <DocRow key={d.id} doc={d} onChange={refresh} blocked={readiness.data ? missingFor(readiness.data, d.kind) : null} dealClient={staleClient(d, readiness.data)} />
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

/** `showDeal`: the row is on the Documents screen (with a link to the deal). Views come with the item (no request per row).
 * `blocked`: the requisites a contract, an invoice or an act still lacks (the deal card knows them
 * beforehand): its "Share" is disabled with the reason. A share the server still refuses for
 * requisites shows its field errors in the row. `dealClient`: the document was made before the deal
 * had a client — it is not shared until it takes the deal's client (one click). */
export function DocRow({ doc: d, onChange, showDeal, blocked, dealClient }: { doc: Doc; onChange: () => void; showDeal?: (id: number) => void; blocked?: Missing | null; dealClient?: number | null }) {
  const { t, locale } = useLocale();
  const { can } = useSession();
  const lacks = useLacks();
  const [refused, setRefused] = useState<ApiError | null>(null);
  const { busy, act } = useLinkActions<'share' | 'revoke'>(
    `/api/v1/documents/${d.id}`,
    () => {
      setRefused(null);
      onChange();
    },
    (what) => (what === 'share' ? t('paper.shared') : t('paper.linkRevoked')),
    (e) => {
      // Requisites missing (client.inn, agency.director …): said in the row, where the links are.
      if (e instanceof ApiError && e.status === 400 && Object.keys(e.fields).some((f) => /^(client|agency)\./.test(f))) {
        setRefused(e);
        onChange();
        return true;
      }
      return false;
    },
  );
  const shareBlocked = !!blocked && d.status !== 'accepted';
  const [fixing, setFixing] = useState(false);
  const takeDealClient = async () => {
    setFixing(true);
    try {
      await api.patch<Doc>(`/api/v1/documents/${d.id}`, { client_id: dealClient, version: d.version });
      setRefused(null);
    } catch (e) {
      notifications.show({ message: e instanceof ApiError ? e.message : t('common.serverError'), color: 'red' });
    } finally {
      setFixing(false);
      onChange();
    }
  };

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
          <ShareButton
            label={d.public_url ? t('paper.newLink') : t('paper.share')}
            primary={!d.public_url}
            busy={busy === 'share'}
            onShare={(body) => act('share', body)}
            testId="doc-share"
            disabledReason={shareBlocked ? t('readiness.shareBlocked', { fields: lacks(blocked!) }) : dealClient ? t('readiness.staleClient') : undefined}
          />
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
      {shareBlocked && can('POST', '/api/v1/documents/{id}/share') && (
        <Text size="xs" c="orange.8" mt={4} data-testid="doc-share-blocked">
          {t('readiness.shareBlocked', { fields: lacks(blocked!) })}
        </Text>
      )}
      {dealClient && !shareBlocked && can('PATCH', '/api/v1/documents/{id}') && (
        <Group gap="xs" mt={4} wrap="wrap">
          <Text size="xs" c="orange.8" data-testid="doc-stale-client">
            {t('readiness.staleClient')}
          </Text>
          <Button size="compact-xs" variant="light" loading={fixing} onClick={() => void takeDealClient()} data-testid="doc-take-client">
            {t('readiness.takeClient')}
          </Button>
        </Group>
      )}
      {refused && <Refusal error={refused} />}
    </Paper>
  );
}

/** The server refused to share for missing requisites: its field errors, by party, and where to fill them in. */
function Refusal({ error }: { error: ApiError }) {
  const { t } = useLocale();
  const names = useFieldNames();
  const r = requisiteErrors(error.fields);
  // The server says the same of every field ("is required before the document is shared"): once per party.
  const first = (party: 'client' | 'agency') => error.fields[`${party}.${r[party][0]}`];
  return (
    <Alert color="red" variant="light" p="xs" mt={6} title={error.message ? error.message[0].toUpperCase() + error.message.slice(1) : t('readiness.refused')} data-testid="doc-share-refused">
      <Stack gap={2}>
        {(['client', 'agency'] as const).map((party) =>
          r[party].length ? (
            <Text size="xs" key={party} data-testid={`doc-share-refused-${party}`}>
              {t(`readiness.party.${party}`)}: {names(r[party])} — {first(party)}
            </Text>
          ) : null,
        )}
        {r.other.map(([f, m]) => (
          <Text size="xs" key={f}>
            {f}: {m}
          </Text>
        ))}
        {r.agency.length > 0 && <OpenSettings />}
      </Stack>
    </Alert>
  );
}
