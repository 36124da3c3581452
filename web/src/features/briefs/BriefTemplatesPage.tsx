// Brief templates (/brief-templates): name, service type, description and the questions (key, type,
// label, help, required, options for choice types), added, removed and reordered.
import { useEffect, useState } from 'react';
import { ActionIcon, Alert, Button, Checkbox, Grid, Group, NavLink, Paper, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client';
import { useServiceTypes } from '../../api/queries';
import { useSession } from '../../api/session';
import { Muted } from '../../components/CardParts';
import { QueryState } from '../../components/QueryState';
import { notifications } from '../../components/notify';
import { useLocale } from '../../i18n';
import { choiceTypes, keyFrom, move, questionBody, questionErrors } from './questions';
import { useSaveFailure } from '../../api/errors';
import { briefKeys, useBriefTemplates } from './api';
import { type BriefQuestion, type BriefTemplate, type QuestionType, questionTypes } from './types';

interface Draft {
  id: number | null;
  version: number;
  name: string;
  service_type_id: string | null;
  description: string;
  questions: (BriefQuestion & { optionsText: string })[];
}

const toDraft = (x: BriefTemplate): Draft => ({
  id: x.id,
  version: x.version,
  name: x.name,
  service_type_id: x.service_type_id ? String(x.service_type_id) : null,
  description: x.description ?? '',
  questions: x.questions.map((q) => ({ ...q, optionsText: (q.options ?? []).join('\n') })),
});

export default function BriefTemplatesPage() {
  const { t, locale } = useLocale();
  const saveFailed = useSaveFailure();
  const { can } = useSession();
  const qc = useQueryClient();
  const templates = useBriefTemplates();
  const types = useServiceTypes();
  const [d, setD] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [qErrors, setQErrors] = useState<Record<number, string[]>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const list = templates.data ?? [];
  const canWrite = d?.id ? can('PATCH', '/api/v1/brief-templates/{id}') : can('POST', '/api/v1/brief-templates');
  const pick = (x: BriefTemplate) => {
    setD(toDraft(x));
    setErrors({});
    setQErrors({});
    setFormError(null);
  };
  useEffect(() => {
    if (!d && list.length) pick(list[0]);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [list.length]);
  const setQ = (i: number, patch: Partial<Draft['questions'][number]>) => {
    if (!d) return;
    setD({ ...d, questions: d.questions.map((q, j) => (j === i ? { ...q, ...patch } : q)) });
    setQErrors({});
  };

  async function save() {
    if (!d) return;
    const qs = d.questions.map((q) => ({ ...q, options: q.optionsText.split('\n') }));
    const local = questionErrors(qs);
    const top: Record<string, string> = {};
    if (!d.name.trim()) top.name = t('time.required');
    if (qs.length === 0) top.questions = t('btpl.needQuestion');
    setErrors(top);
    setQErrors(local);
    if (Object.keys(local).length || Object.keys(top).length) return;
    setBusy(true);
    setFormError(null);
    try {
      const body = { name: d.name.trim(), service_type_id: d.service_type_id ? Number(d.service_type_id) : null, description: d.description.trim() || null, questions: qs.map(questionBody) };
      const saved = d.id ? await api.patch<BriefTemplate>(`/api/v1/brief-templates/${d.id}`, { ...body, version: d.version }) : await api.post<BriefTemplate>('/api/v1/brief-templates', body);
      await qc.invalidateQueries({ queryKey: briefKeys.templates });
      pick(saved);
      notifications.show({ message: t('common.saved'), color: 'green' });
    } catch (e) {
      saveFailed(e, setErrors, setFormError);
    } finally {
      setBusy(false);
    }
  }

  async function archive() {
    if (!d?.id || !window.confirm(t('common.confirmDelete'))) return;
    try {
      await api.del(`/api/v1/brief-templates/${d.id}`);
      setD(null);
      await qc.invalidateQueries({ queryKey: briefKeys.templates });
    } catch (e) {
      setFormError(e instanceof ApiError ? e.message : t('common.serverError'));
    }
  }

  return (
    <Stack gap="sm">
      <Title order={2}>{t('nav.briefTemplates')}</Title>
      <QueryState isLoading={templates.isLoading} error={templates.error} refetch={templates.refetch}>
        {templates.data === null ? (
          <Muted>{t('common.notAvailableYet')}</Muted>
        ) : (
          <Grid>
            <Grid.Col span={{ base: 12, md: 3 }}>
              <Paper withBorder p="xs" radius="md">
                <Stack gap={2} data-testid="btpl-list">
                  {list.map((x) => (
                    <NavLink key={x.id} label={x.name} description={t('btpl.count', { count: x.questions.length })} active={d?.id === x.id} onClick={() => pick(x)} data-testid="btpl-item" />
                  ))}
                  {can('POST', '/api/v1/brief-templates') && (
                    <Button size="xs" variant="light" mt="xs" onClick={() => setD({ id: null, version: 0, name: '', service_type_id: null, description: '', questions: [{ key: 'goal', type: 'long_text', label: '', required: true, optionsText: '' }] })} data-testid="btpl-new">
                      + {t('btpl.new')}
                    </Button>
                  )}
                </Stack>
              </Paper>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 9 }}>
              {d && (
                <Paper withBorder p="md" radius="md">
                  <Stack gap="sm" data-testid="btpl-form">
                    <Group grow align="start">
                      <TextInput label={t('common.name')} value={d.name} onChange={(e) => setD({ ...d, name: e.currentTarget.value })} error={errors.name} required data-testid="btpl-name" />
                      <Select label={t('price.serviceType')} data={(types.data ?? []).map((x) => ({ value: String(x.id), label: locale === 'en' && x.name_en ? x.name_en : x.name }))} value={d.service_type_id} onChange={(v) => setD({ ...d, service_type_id: v })} clearable searchable error={errors.service_type_id} />
                    </Group>
                    <Textarea label={t('price.description')} value={d.description} onChange={(e) => setD({ ...d, description: e.currentTarget.value })} error={errors.description} autosize minRows={1} />
                    <Text fw={600}>{t('btpl.questions')}</Text>
                    {errors.questions && (
                      <Alert color="red" p="xs" data-testid="btpl-questions-error">
                        {errors.questions}
                      </Alert>
                    )}
                    {d.questions.map((q, i) => (
                      <Paper key={i} withBorder p="xs" radius="sm" data-testid="btpl-question">
                        <Group gap="xs" align="start" wrap="nowrap">
                          <Text size="sm" c="dimmed" w={22} pt={6}>
                            {i + 1}
                          </Text>
                          <Stack gap={6} style={{ flex: 1 }}>
                            <Group gap="xs" grow align="start">
                              <TextInput
                                size="xs"
                                label={t('btpl.label')}
                                value={q.label}
                                onChange={(e) => setQ(i, { label: e.currentTarget.value })}
                                onBlur={() => {
                                  if (!q.key || q.key === 'goal' && !d.id) setQ(i, { key: keyFrom(q.label, d.questions.filter((_, j) => j !== i).map((x) => x.key)) });
                                }}
                                data-testid="q-label"
                              />
                              <TextInput size="xs" label={t('btpl.key')} value={q.key} onChange={(e) => setQ(i, { key: e.currentTarget.value })} styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }} maw={200} data-testid="q-key" />
                              <Select size="xs" label={t('btpl.type')} data={questionTypes.map((x) => ({ value: x, label: t(`btpl.types.${x}`) }))} value={q.type} onChange={(v) => v && setQ(i, { type: v as QuestionType })} allowDeselect={false} maw={180} data-testid="q-type" />
                            </Group>
                            <TextInput size="xs" placeholder={t('btpl.help')} value={q.help ?? ''} onChange={(e) => setQ(i, { help: e.currentTarget.value })} />
                            {choiceTypes.includes(q.type) && <Textarea size="xs" placeholder={t('btpl.options')} value={q.optionsText} onChange={(e) => setQ(i, { optionsText: e.currentTarget.value })} autosize minRows={2} data-testid="q-options" />}
                            <Checkbox size="xs" label={t('btpl.required')} checked={!!q.required} onChange={(e) => setQ(i, { required: e.currentTarget.checked })} />
                            {qErrors[i] && (
                              <Text size="xs" c="red" data-testid="q-error">
                                {qErrors[i].map((e) => t(`btpl.errors.${e}`)).join('; ')}
                              </Text>
                            )}
                          </Stack>
                          <Stack gap={2}>
                            <ActionIcon size="sm" variant="subtle" disabled={i === 0} onClick={() => setD({ ...d, questions: move(d.questions, i, i - 1) })} aria-label={t('btpl.up')} data-testid="q-up">
                              ↑
                            </ActionIcon>
                            <ActionIcon size="sm" variant="subtle" disabled={i === d.questions.length - 1} onClick={() => setD({ ...d, questions: move(d.questions, i, i + 1) })} aria-label={t('btpl.down')} data-testid="q-down">
                              ↓
                            </ActionIcon>
                            <ActionIcon size="sm" variant="subtle" color="red" onClick={() => setD({ ...d, questions: d.questions.filter((_, j) => j !== i) })} aria-label={t('common.delete')} data-testid="q-remove">
                              ×
                            </ActionIcon>
                          </Stack>
                        </Group>
                      </Paper>
                    ))}
                    <Group>
                      <Button size="xs" variant="default" onClick={() => setD({ ...d, questions: [...d.questions, { key: keyFrom('q', d.questions.map((x) => x.key)), type: 'text', label: '', required: false, optionsText: '' }] })} data-testid="q-add">
                        + {t('btpl.addQuestion')}
                      </Button>
                    </Group>
                    {formError && <Alert color="red">{formError}</Alert>}
                    <Group justify="space-between">
                      {d.id && can('DELETE', '/api/v1/brief-templates/{id}') ? (
                        <Button variant="subtle" color="red" size="xs" onClick={() => void archive()}>
                          {t('common.delete')}
                        </Button>
                      ) : (
                        <span />
                      )}
                      <Button onClick={() => void save()} loading={busy} disabled={!canWrite} data-testid="btpl-save">
                        {t('common.save')}
                      </Button>
                    </Group>
                  </Stack>
                </Paper>
              )}
            </Grid.Col>
          </Grid>
        )}
      </QueryState>
    </Stack>
  );
}
