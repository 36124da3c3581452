// The deal card's Documents tab says, before anyone clicks "Share", which requisites a contract, an
// invoice or an act still lacks (GET /api/v1/deals/{id}/document-readiness), with the way to fill
// them in: the client card (or, for a prospect deal, attach / create the client) and the agency
// settings for the agency's own.
import { useState } from 'react';
import { Alert, Anchor, Button, Group, List, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api, ApiError } from '../../api/client';
import type { Client, Deal } from '../../api/types';
import { usePanel } from '../../components/panel';
import { useSession } from '../../api/session';
import { RecordPicker } from '../../components/RecordPicker';
import { notifications } from '../../components/notify';
import { useLocale } from '../../i18n';
import { blockedKinds, inReadingOrder, staleClient, type Missing, type Readiness } from './readiness';
import { useDeal, useUpdateDeal } from '../../api/deals';
import type { Doc, DocKind } from './types';
import { documentKeys } from './api';

/** "ИНН, КПП, Руководитель": the server's field names in the reader's language. */
export function useFieldNames() {
  const { t } = useLocale();
  return (fields: string[]) => inReadingOrder(fields).map((f) => t(`readiness.fields.${f}`, { defaultValue: f })).join(', ');
}

/** "клиенту не хватает: ИНН, КПП; агентству не хватает: Руководитель". */
export function useLacks() {
  const { t } = useLocale();
  const names = useFieldNames();
  return (m: Missing) =>
    [m.client.length ? t('readiness.clientLacks', { fields: names(m.client) }) : '', m.agency.length ? t('readiness.agencyLacks', { fields: names(m.agency) }) : '']
      .filter(Boolean)
      .join('; ');
}

/** `urgent`: a document of the deal is already waiting to be shared (yellow); otherwise a grey note. */
export function ReadinessBlock({ dealId, readiness, urgent }: { dealId: number; readiness: Readiness; urgent: boolean }) {
  const { t } = useLocale();
  const lacks = useLacks();
  const blocked = blockedKinds(readiness);
  const deal = useDeal(dealId).data;
  if (blocked.length === 0)
    return (
      <Text size="sm" c="teal" data-testid="readiness" data-ready="1">
        ✓ {t('readiness.allReady')}
      </Text>
    );
  const clientLacks = blocked.some((b) => b.missing.client.length > 0);
  const agencyLacks = blocked.some((b) => b.missing.agency.length > 0);
  const kindName = (k: DocKind) => t(`paper.kinds.${k}`);
  return (
     <Alert color={urgent ? 'yellow' : 'gray'} variant="light" p="sm" title={t('readiness.notReady', { kinds: blocked.map((b) => kindName(b.kind).toLowerCase()).join(', ') })} data-testid="readiness" data-ready="0">
      <Stack gap={6}>
        <List size="sm" spacing={2}>
          {blocked.map((b) => (
            <List.Item key={b.kind} data-testid="readiness-kind" data-kind={b.kind}>
              <Text span fw={600} size="sm">
                {kindName(b.kind)}
              </Text>{' '}
              — {lacks(b.missing)}
            </List.Item>
          ))}
        </List>
        {clientLacks && (readiness.client_id ? <OpenClient id={readiness.client_id} /> : deal ? <AttachClient deal={deal} /> : null)}
        {agencyLacks && <OpenSettings />}
      </Stack>
    </Alert>
  );
}

function OpenClient({ id }: { id: number }) {
  const { t } = useLocale();
  const { open, canOpen } = usePanel();
  if (!canOpen('client')) return null;
  return (
    <Anchor size="sm" component="button" type="button" onClick={() => open('client', id)} style={{ alignSelf: 'start' }} data-testid="readiness-open-client">
      {t('readiness.openClient')} →
    </Anchor>
  );
}

export function OpenSettings() {
  const { t } = useLocale();
  const { can } = useSession();
  const navigate = useNavigate();
  if (!can('PATCH', '/api/v1/agency-settings'))
    return (
      <Text size="sm" c="dimmed" data-testid="readiness-settings-boss">
        {t('readiness.settingsByBoss')}
      </Text>
    );
  return (
    <Anchor size="sm" href="/settings/agency#requisites" onClick={(e) => { e.preventDefault(); navigate('/settings/agency#requisites'); }} style={{ alignSelf: 'start' }} data-testid="readiness-open-settings">
      {t('readiness.openSettings')} →
    </Anchor>
  );
}

/** A prospect deal: attach an existing client or create one from the deal's company, ИНН and contacts. */
function AttachClient({ deal }: { deal: Deal }) {
  const { t } = useLocale();
  const { can } = useSession();
  const qc = useQueryClient();
  const update = useUpdateDeal();
  const [picked, setPicked] = useState<number | null>(null);
  const [busy, setBusy] = useState<'attach' | 'create' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const canAttach = can('PATCH', '/api/v1/deals/{id}');
  const canCreate = canAttach && can('POST', '/api/v1/clients');
  const failed = (e: unknown) => {
    if (e instanceof ApiError) {
      if (e.status === 409) return t('common.conflict');
      const f = Object.entries(e.fields)[0];
      return f ? `${t(`readiness.fields.${f[0]}`, { defaultValue: f[0] })}: ${f[1]}` : e.message;
    }
    return t('common.serverError');
  };
  const attach = async (clientId: number) => {
    await update.mutateAsync({ deal, changes: { client_id: clientId } });
    // The deal's contracts, invoices and acts made while it had no client get it too (the server
    // shares a document with its own client_id, set when it was made).
    const docs = qc.getQueryData<Doc[] | null>(documentKeys.dealDocs(deal.id)) ?? [];
    await Promise.all(
      docs
        .filter((d) => staleClient(d, { deal_id: deal.id, client_id: clientId, missing: {} }))
        .map((d) => api.patch(`/api/v1/documents/${d.id}`, { client_id: clientId, version: d.version }).catch(() => null)),
    );
    void qc.invalidateQueries({ queryKey: ['document-readiness', deal.id] });
    void qc.invalidateQueries({ queryKey: ['documents'] });
  };
  async function attachPicked() {
    if (!picked) return;
    setBusy('attach');
    setError(null);
    try {
      await attach(picked);
      notifications.show({ message: t('readiness.attached'), color: 'green' });
    } catch (e) {
      setError(failed(e));
    } finally {
      setBusy(null);
    }
  }
  async function create() {
    setBusy('create');
    setError(null);
    try {
      const name = deal.company?.trim() || deal.contact_name?.trim() || deal.title;
      const body: Record<string, string> = { name, status: 'lead' };
      if (deal.inn) body.inn = deal.inn;
      if (deal.phone) body.phone = deal.phone;
      if (deal.email) body.email = deal.email;
      const c = await api.post<Client>('/api/v1/clients', body);
      await attach(c.id);
      notifications.show({ message: t('readiness.created', { name: c.name }), color: 'green' });
    } catch (e) {
      setError(failed(e));
    } finally {
      setBusy(null);
    }
  }
  return (
    <Stack gap={6} data-testid="readiness-no-client">
      <Text size="sm">{t('readiness.noClient')}</Text>
      {canAttach && (
        <Group gap="xs" align="flex-start" wrap="wrap">
          <RecordPicker path="/api/v1/clients" value={picked} onChange={setPicked} placeholder={t('readiness.attachPlaceholder')} testId="readiness-client-picker" w={240} />
          <Button size="xs" variant="default" disabled={!picked} loading={busy === 'attach'} onClick={() => void attachPicked()} data-testid="readiness-attach">
            {t('readiness.attach')}
          </Button>
          {canCreate && (
            <Button size="xs" variant="light" loading={busy === 'create'} onClick={() => void create()} data-testid="readiness-create-client">
              {t('readiness.createClient')}
            </Button>
          )}
        </Group>
      )}
      {error && (
        <Text size="sm" c="red" data-testid="readiness-error">
          {error}
        </Text>
      )}
    </Stack>
  );
}
