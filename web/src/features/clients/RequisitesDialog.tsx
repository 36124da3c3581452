// The client's requisites edited in one form (legal name, ИНН, КПП, ОГРН, address, bank): what a
// contract, an invoice or an act needs before it is shared (docs/documents.md). PATCH with the
// version; the server's field errors (ИНН check digits, accounts against the БИК) under the fields.
import { useState } from 'react';
import { Alert, Button, Group, Modal, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client';
import type { Client } from '../../api/types';
import { notifications } from '../../components/notify';
import { useLocale } from '../../i18n';
import { usePhone } from '../../lib/usePhone';

export const requisiteFields = ['legal_name', 'inn', 'kpp', 'ogrn', 'legal_address', 'bank_name', 'bik', 'bank_account', 'correspondent_account'] as const;
type Field = (typeof requisiteFields)[number];
type Draft = Record<Field, string>;

const draftOf = (c: Client): Draft => Object.fromEntries(requisiteFields.map((f) => [f, c[f] ?? ''])) as Draft;

export function RequisitesDialog({ client, opened, onClose }: { client: Client; opened: boolean; onClose: () => void }) {
  const { t } = useLocale();
  const qc = useQueryClient();
  const phone = usePhone();
  const [draft, setDraft] = useState<Draft>(() => draftOf(client));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const input = (f: Field) => ({
    label: t(`readiness.fields.${f}`),
    value: draft[f],
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      const v = e.currentTarget.value;
      setDraft((d) => ({ ...d, [f]: v }));
      setErrors((er) => ({ ...er, [f]: '' }));
    },
    error: errors[f] || undefined,
    'data-testid': `req-${f}`,
  });

  async function save(e: React.FormEvent) {
    e.preventDefault();
    const changes: Partial<Record<Field, string | null>> = {};
    for (const f of requisiteFields) {
      const v = draft[f].trim();
      if (v !== (client[f] ?? '')) changes[f] = v || null;
    }
    if (Object.keys(changes).length === 0) return onClose();
    setBusy(true);
    setFormError(null);
    try {
      const saved = await api.patch<Client>(`/api/v1/clients/${client.id}`, { ...changes, version: client.version });
      qc.setQueryData(['clients', client.id], saved);
      void qc.invalidateQueries({ queryKey: ['document-readiness'] });
      notifications.show({ message: t('readiness.requisitesSaved'), color: 'green' });
      onClose();
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.fields).length) setErrors(err.fields);
      else if (err instanceof ApiError && err.status === 409) {
        setFormError(t('common.conflict'));
        void qc.invalidateQueries({ queryKey: ['clients', client.id] });
      } else setFormError(err instanceof ApiError ? err.message : t('common.serverError'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened={opened} onClose={onClose} title={t('readiness.requisitesTitle')} size="lg" zIndex={300} fullScreen={phone} data-testid="requisites-dialog">
      <form onSubmit={(e) => void save(e)} noValidate>
        <Stack gap="sm">
          {formError && <Alert color="red">{formError}</Alert>}
          <TextInput {...input('legal_name')} autoFocus />
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput {...input('inn')} inputMode="numeric" />
            <TextInput {...input('kpp')} />
            <TextInput {...input('ogrn')} inputMode="numeric" />
          </SimpleGrid>
          <Textarea {...input('legal_address')} autosize minRows={2} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput {...input('bank_name')} />
            <TextInput {...input('bik')} inputMode="numeric" />
            <TextInput {...input('bank_account')} inputMode="numeric" />
            <TextInput {...input('correspondent_account')} inputMode="numeric" />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-testid="requisites-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
