// Documents screen (/documents): every document the role sees with kind/status filters and search
// (number, title), the same actions as in the deal card; and the document templates editor.
import { useEffect, useState } from 'react';
import { Alert, Button, Code, Grid, Group, NavLink, Paper, ScrollArea, Select, Stack, Tabs, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api, ApiError } from '../../api/client';
import { usePanel } from '../../components/panel';
import { useSession } from '../../api/session';
import { ListFooter } from '../../components/ListFooter';
import { Muted } from '../../components/CardParts';
import { QueryState } from '../../components/QueryState';
import { notifications } from '../../components/notify';
import { useLocale } from '../../i18n';
import { DocRow } from './DocumentsSection';
import { useSaveFailure } from '../../api/errors';
import { documentKeys, useDocumentTemplates } from './api';
import { type Doc, type DocKind, docKinds, docStatuses, type DocumentTemplate } from './types';

const PAGE = 50;

export default function DocumentsPage() {
  const { t } = useLocale();
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const view = params.get('view') === 'templates' && can('GET', '/api/v1/document-templates') ? 'templates' : 'documents';
  return (
    <Stack gap="sm">
      <Title order={2}>{t('docs.title')}</Title>
      <Tabs
        value={view}
        onChange={(v) =>
          setParams((p) => {
            const n = new URLSearchParams(p);
            if (v === 'templates') n.set('view', 'templates');
            else n.delete('view');
            return n;
          })
        }
      >
        <Tabs.List>
          <Tabs.Tab value="documents" data-testid="docs-tab">
            {t('docs.documents')}
          </Tabs.Tab>
          {can('GET', '/api/v1/document-templates') && (
            <Tabs.Tab value="templates" data-testid="templates-tab">
              {t('docs.templates')}
            </Tabs.Tab>
          )}
        </Tabs.List>
      </Tabs>
      {view === 'documents' ? <DocumentList /> : <TemplateEditor />}
    </Stack>
  );
}

function DocumentList() {
  const { t } = useLocale();
  const qc = useQueryClient();
  const { open, canOpen } = usePanel();
  const [params, setParams] = useSearchParams();
  const kind = params.get('kind');
  const status = params.get('status');
  const page = Number(params.get('page') ?? 1) || 1;
  const [q, setQ] = useState(params.get('q') ?? '');
  const [debounced] = useDebouncedValue(q, 300);
  const set = (k: string, v: string | null) =>
    setParams((p) => {
      const n = new URLSearchParams(p);
      if (v) n.set(k, v);
      else n.delete(k);
      if (k !== 'page') n.delete('page');
      return n;
    });
  useEffect(() => {
    if ((params.get('q') ?? '') !== debounced) set('q', debounced || null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);
  const list = useQuery({
    queryKey: ['documents', 'list', kind, status, debounced, page],
    queryFn: () => api.list<Doc>('/api/v1/documents', { kind, status, q: debounced || undefined, limit: PAGE, offset: (page - 1) * PAGE, sort: 'created_at', order: 'desc' }),
    placeholderData: keepPreviousData,
  });
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / PAGE));
  return (
    <Paper withBorder radius="md" p="md">
      <Group mb="sm" gap="xs">
        <Select placeholder={t('docs.kind')} data={docKinds.map((k) => ({ value: k, label: t(`paper.kinds.${k}`) }))} value={kind} onChange={(v) => set('kind', v)} clearable w={170} data-testid="docs-kind" />
        <Select placeholder={t('common.status')} data={docStatuses.map((k) => ({ value: k, label: t(`paper.docStatus.${k}`) }))} value={status} onChange={(v) => set('status', v)} clearable w={170} data-testid="docs-status" />
        <TextInput placeholder={t('docs.searchPlaceholder')} value={q} onChange={(e) => setQ(e.currentTarget.value)} w={280} data-testid="docs-search" />
      </Group>
      <QueryState isLoading={list.isLoading} error={list.error} refetch={list.refetch}>
        <Stack gap={8} data-testid="docs-list">
          {list.data?.items.map((d) => <DocRow key={d.id} doc={d} onChange={() => void qc.invalidateQueries({ queryKey: ['documents'] })} showDeal={canOpen('deal') ? (id) => open('deal', id) : undefined} />)}
        </Stack>
        <ListFooter empty={!!list.data && list.data.items.length === 0} countLabel={t('list.count', { count: list.data?.total ?? 0 })} pages={pages} page={page} onPage={(n) => set('page', n > 1 ? String(n) : null)} />
      </QueryState>
    </Paper>
  );
}

const placeholders = [
  'client.name', 'client.legal_name', 'client.inn', 'client.kpp', 'client.ogrn', 'client.legal_address', 'client.bank_name', 'client.bik', 'client.bank_account', 'client.correspondent_account', 'client.email', 'client.phone',
  'deal.title', 'deal.company', 'deal.contact_name', 'deal.amount', 'agency.name', 'agency.requisites', 'document.number', 'document.title', 'document.date', 'document.kind',
  'estimate.net', 'estimate.vat', 'estimate.total', 'estimate.vat_label', 'estimate.hours', 'estimate.revision',
];
const lineSection = '{{#estimate.lines}}<tr><td>{{n}}</td><td>{{name}}</td><td>{{unit}}</td><td>{{quantity}}</td><td>{{price}}</td><td>{{net_price}}</td><td>{{discount}}</td><td>{{amount}}</td><td>{{vat}}</td><td>{{total}}</td></tr>{{/estimate.lines}}';

interface TemplateDraft {
  id: number | null;
  version: number;
  kind: DocKind;
  name: string;
  body_html: string;
}

function TemplateEditor() {
  const { t } = useLocale();
  const saveFailed = useSaveFailure();
  const { can } = useSession();
  const qc = useQueryClient();
  const templates = useDocumentTemplates();
  const [draft, setDraft] = useState<TemplateDraft | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const list = templates.data ?? [];
  const canWrite = draft?.id ? can('PATCH', '/api/v1/document-templates/{id}') : can('POST', '/api/v1/document-templates');
  const pick = (x: DocumentTemplate) => {
    setDraft({ id: x.id, version: x.version, kind: x.kind, name: x.name, body_html: x.body_html });
    setErrors({});
    setFormError(null);
  };
  useEffect(() => {
    if (!draft && list.length) pick(list[0]);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [list.length]);

  async function save() {
    if (!draft) return;
    setBusy(true);
    setErrors({});
    setFormError(null);
    try {
      const body = { kind: draft.kind, name: draft.name, body_html: draft.body_html };
      const saved = draft.id
        ? await api.patch<DocumentTemplate>(`/api/v1/document-templates/${draft.id}`, { name: body.name, body_html: body.body_html, version: draft.version })
        : await api.post<DocumentTemplate>('/api/v1/document-templates', body);
      await qc.invalidateQueries({ queryKey: documentKeys.templates });
      pick(saved);
      notifications.show({ message: t('common.saved'), color: 'green' });
    } catch (e) {
      saveFailed(e, setErrors, setFormError);
    } finally {
      setBusy(false);
    }
  }

  async function archive() {
    if (!draft?.id || !window.confirm(t('common.confirmDelete'))) return;
    try {
      await api.del(`/api/v1/document-templates/${draft.id}`);
      setDraft(null);
      await qc.invalidateQueries({ queryKey: documentKeys.templates });
    } catch (e) {
      notifications.show({ message: e instanceof ApiError ? e.message : t('common.serverError'), color: 'red' });
    }
  }

  return (
    <QueryState isLoading={templates.isLoading} error={templates.error} refetch={templates.refetch}>
      {templates.data === null ? (
        <Muted>{t('common.notAvailableYet')}</Muted>
      ) : (
        <Grid>
          <Grid.Col span={{ base: 12, md: 3 }}>
            <Paper withBorder p="xs" radius="md">
              <Stack gap={2} data-testid="template-list">
                {list.map((x) => (
                  <NavLink key={x.id} label={x.name} description={t(`paper.kinds.${x.kind}`)} active={draft?.id === x.id} onClick={() => pick(x)} data-testid="template-item" />
                ))}
                {can('POST', '/api/v1/document-templates') && (
                  <Button size="xs" variant="light" mt="xs" onClick={() => setDraft({ id: null, version: 0, kind: 'proposal', name: '', body_html: '<h1>{{document.title}}</h1>\n' })} data-testid="template-new">
                    + {t('docs.newTemplate')}
                  </Button>
                )}
              </Stack>
            </Paper>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            {draft && (
              <Paper withBorder p="md" radius="md">
                <Stack gap="sm" data-testid="template-form">
                  <Group grow>
                    <Select
                      label={t('docs.kind')}
                      data={docKinds.map((k) => ({ value: k, label: t(`paper.kinds.${k}`) }))}
                      value={draft.kind}
                      onChange={(v) => v && setDraft({ ...draft, kind: v as DocKind })}
                      disabled={!!draft.id}
                      error={errors.kind}
                      allowDeselect={false}
                    />
                    <TextInput label={t('common.name')} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })} error={errors.name} required data-testid="template-name" />
                  </Group>
                  <Textarea
                    label={t('docs.body')}
                    value={draft.body_html}
                    onChange={(e) => setDraft({ ...draft, body_html: e.currentTarget.value })}
                    error={errors.body_html}
                    autosize
                    minRows={18}
                    maxRows={34}
                    styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
                    spellCheck={false}
                    data-testid="template-body"
                  />
                  {formError && <Alert color="red">{formError}</Alert>}
                  <Group justify="space-between">
                    {draft.id && can('DELETE', '/api/v1/document-templates/{id}') ? (
                      <Button variant="subtle" color="red" size="xs" onClick={() => void archive()}>
                        {t('common.delete')}
                      </Button>
                    ) : (
                      <span />
                    )}
                    <Button onClick={() => void save()} loading={busy} disabled={!canWrite} data-testid="template-save">
                      {t('common.save')}
                    </Button>
                  </Group>
                </Stack>
              </Paper>
            )}
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 3 }}>
            <Paper withBorder p="sm" radius="md">
              <Text fw={600} size="sm">
                {t('docs.cheatSheet')}
              </Text>
              <Text size="xs" c="dimmed" mb={6}>
                {t('docs.cheatHint')}
              </Text>
              <ScrollArea.Autosize mah={520}>
                <Stack gap={2}>
                  {placeholders.map((p) => (
                    <Code key={p} style={{ cursor: 'copy' }} onClick={() => void navigator.clipboard?.writeText(`{{${p}}}`)}>{`{{${p}}}`}</Code>
                  ))}
                  <Text size="xs" mt={6}>
                    {t('docs.linesHint')}
                  </Text>
                  <Code block style={{ whiteSpace: 'pre-wrap', fontSize: 11 }}>
                    {lineSection}
                  </Code>
                </Stack>
              </ScrollArea.Autosize>
            </Paper>
          </Grid.Col>
        </Grid>
      )}
    </QueryState>
  );
}
