// Briefs of a deal: made from a brief template, sent as a secret link (/b/<token>), answers shown
// once the client submits (docs/paperwork.md "Briefs").
import { useState } from 'react';
import { Alert, Anchor, Button, Group, Paper, Select, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { useSession } from '../../api/session';
import { Muted, Section } from '../../components/CardParts';
import { QueryState } from '../../components/QueryState';
import { notifications } from '../../components/notify';
import { useLocale } from '../../i18n';
import { formatDateTime, formatNumber } from '../../lib/format';
import { briefKeys, useBriefs, useBriefTemplates } from './api';
import { Expiry, LinkBox, ShareButton, useLinkActions } from '../../components/SecretLink';
import { StatusTag } from '../../components/StatusTag';
import { useErrorText } from '../../api/errors';
import type { AnswerValue, Brief, BriefQuestion } from './types';

/** Nothing for a role that may not list them (permissions from /auth/me). */
export function BriefsSection(props: { dealId: number }) {
  const { can } = useSession();
  return can('GET', '/api/v1/briefs') ? <BriefsSectionInner {...props} /> : null;
}

function BriefsSectionInner({ dealId }: { dealId: number }) {
  const { t } = useLocale();
  const { can } = useSession();
  const qc = useQueryClient();
  const briefs = useBriefs(dealId);
  const canCreate = can('POST', '/api/v1/briefs');
  const templates = useBriefTemplates();
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errorText = useErrorText();
  const refresh = () => void qc.invalidateQueries({ queryKey: briefKeys.briefs(dealId) });

  async function create() {
    if (!templateId) return;
    setBusy(true);
    try {
      await api.post<Brief>('/api/v1/briefs', { deal_id: dealId, template_id: Number(templateId) });
      setTemplateId(null);
      refresh();
    } catch (e) {
      notifications.show({ message: errorText(e), color: 'red' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section title={t('paper.briefs')}>
      <QueryState isLoading={briefs.isLoading} error={briefs.error} refetch={briefs.refetch}>
        {briefs.data === null ? (
          <Muted>{t('common.notAvailableYet')}</Muted>
        ) : (
          <Stack gap={8} data-testid="deal-briefs">
            {briefs.data?.length === 0 && <Muted>{t('paper.noBriefs')}</Muted>}
            {briefs.data?.map((b) => <BriefItem key={b.id} brief={b} onChange={refresh} />)}
            {canCreate && (
              <Group gap="xs" align="end">
                <Select
                  size="xs"
                  placeholder={t('paper.briefTemplate')}
                  data={(templates.data ?? []).map((x) => ({ value: String(x.id), label: x.name }))}
                  value={templateId}
                  onChange={setTemplateId}
                  searchable
                  comboboxProps={{ zIndex: 400 }}
                  style={{ flex: 1, maxWidth: 360 }}
                  data-testid="brief-template"
                />
                <Button size="xs" onClick={() => void create()} disabled={!templateId} loading={busy} data-testid="brief-create">
                  {t('paper.createBrief')}
                </Button>
              </Group>
            )}
          </Stack>
        )}
      </QueryState>
    </Section>
  );
}

const filled = (v: AnswerValue | undefined) => !(v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0));

function BriefItem({ brief: b, onChange }: { brief: Brief; onChange: () => void }) {
  const { t, locale } = useLocale();
  const { can } = useSession();
  const { busy, act } = useLinkActions<'send' | 'revoke'>(`/api/v1/briefs/${b.id}`, onChange, (what) => (what === 'send' ? t('paper.briefSent') : t('paper.linkRevoked')));
  const answered = b.status === 'submitted' || (b.answers && Object.keys(b.answers).length > 0);
  return (
    <Paper withBorder p="xs" radius="sm" data-testid="brief-item" data-brief-id={b.id}>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="sm" fw={500} style={{ minWidth: 0 }} truncate>
          {b.title}
        </Text>
        <StatusTag status={b.status} label={t(`paper.briefStatus.${b.status}`)} testId="brief-status" />
      </Group>
      <Text size="xs" c="dimmed">
        {b.submitted_at ? t('paper.submittedAt', { at: formatDateTime(b.submitted_at, locale) }) : b.sent_at ? t('paper.sentAt', { at: formatDateTime(b.sent_at, locale) }) : t('paper.notSent')}
        {b.saved_at && b.status !== 'submitted' ? ` · ${t('paper.savedAt', { at: formatDateTime(b.saved_at, locale) })}` : ''}
        <Expiry at={b.expires_at} live={!!b.public_url && b.status === 'sent'} />
      </Text>
      <Group gap="xs" mt={6} wrap="wrap">
        {b.public_url && <LinkBox path={b.public_url} testId="brief-link" />}
        {can('POST', '/api/v1/briefs/{id}/send') && (
          <ShareButton label={b.public_url ? t('paper.newLink') : t('paper.send')} primary={!b.public_url} busy={busy === 'send'} onShare={(body) => act('send', body)} testId="brief-send" />
        )}
        {b.public_url && can('POST', '/api/v1/briefs/{id}/revoke') && (
          <Button size="xs" variant="subtle" color="red" loading={busy === 'revoke'} onClick={() => void act('revoke')} data-testid="brief-revoke">
            {t('paper.revoke')}
          </Button>
        )}
      </Group>
      {answered && <Answers questions={b.questions ?? []} answers={b.answers ?? {}} draft={b.status !== 'submitted'} />}
    </Paper>
  );
}

/** Answers by question; `draft`: the client's autosaved answers, not submitted yet (with how many are filled). */
function Answers({ questions, answers, draft }: { questions: BriefQuestion[]; answers: Record<string, AnswerValue>; draft: boolean }) {
  const { t, locale } = useLocale();
  const show = (q: BriefQuestion, v: AnswerValue) => {
    if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0))
      return (
        <Text size="sm" fs="italic" opacity={0.65}>
          {t('paper.noAnswer')}
        </Text>
      );
    if (Array.isArray(v)) return <Text size="sm">{v.join(', ')}</Text>;
    if (typeof v === 'number') return <Text size="sm">{formatNumber(v, locale, Number.isInteger(v) ? 0 : 2)}</Text>;
    if ((q.type === 'url' || q.type === 'file_link') && /^https?:\/\//.test(v))
      return (
        <Anchor size="sm" href={v} target="_blank" rel="noopener noreferrer">
          {v}
        </Anchor>
      );
    return (
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
        {String(v)}
      </Text>
    );
  };
  const extra = Object.keys(answers).filter((k) => !questions.some((q) => q.key === k));
  return (
    <Alert
      color={draft ? 'yellow' : 'green'}
      variant="light"
      mt={8}
      p="xs"
      title={draft ? t('paper.draftAnswers', { filled: questions.filter((q) => filled(answers[q.key])).length, total: questions.length }) : t('paper.answers')}
      data-testid={draft ? 'brief-draft-answers' : 'brief-answers'}
    >
      <Stack gap={6}>
        {questions.map((q) => (
          <div key={q.key} data-testid="brief-answer" data-key={q.key}>
            {/* Labels inherit the text colour (not "dimmed" grey): readable on the green or yellow box in both themes. */}
            <Text size="xs" fw={500} opacity={0.75}>
              {q.label}
            </Text>
            {show(q, answers[q.key] ?? null)}
          </div>
        ))}
        {extra.map((k) => (
          <div key={k}>
            <Text size="xs" fw={500} opacity={0.75}>
              {k}
            </Text>
            {show({ key: k, type: 'text', label: k }, answers[k])}
          </div>
        ))}
      </Stack>
    </Alert>
  );
}
