// "New application": a call or letter entered by hand (POST /api/v1/applications → the created deal).
// When the server linked the deal to an existing client (same ИНН, phone or email) the form says so.
// The source starts empty and must be chosen (a default «звонок» skewed the analytics).
import { useState } from 'react';
import { Alert, Button, Group, Modal, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client';
import { fieldMessages } from '../../api/messages';
import { dealSources, type ApplicationInput, type ApplicationResult, type Client, type DealSource } from '../../api/types';
import { useLocale } from '../../i18n';
import { usePanel } from '../../components/panel';
import { notifications } from '../../components/notify';

const empty = { name: '', phone: '', email: '', company: '', inn: '', message: '' };

export function ApplicationDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t, locale } = useLocale();
  const qc = useQueryClient();
  const { open } = usePanel();
  const [form, setForm] = useState(empty);
  const [source, setSource] = useState<DealSource | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [duplicate, setDuplicate] = useState<{ dealId: number; client: string } | null>(null);

  const close = () => {
    setForm(empty);
    setSource(null);
    setErrors({});
    setFormError(null);
    setDuplicate(null);
    onClose();
  };
  const field = (k: keyof typeof empty) => ({
    value: form[k],
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      const v = e.currentTarget.value;
      setForm((f) => ({ ...f, [k]: v }));
      setErrors((er) => ({ ...er, [k]: '', ...(k === 'phone' || k === 'email' ? { phone: '', email: '' } : {}) }));
    },
    error: errors[k] || undefined,
    'data-testid': `app-${k}`,
  });

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!form.name.trim()) local.name = t('time.required');
    if (!form.phone.trim() && !form.email.trim()) local.phone = local.email = t('application.phoneOrEmail');
    if (!source) local.source = t('application.sourceRequired');
    if (Object.keys(local).length) {
      setErrors(local);
      return;
    }
    const body: ApplicationInput = { name: form.name.trim(), source: source! };
    for (const k of ['phone', 'email', 'company', 'inn', 'message'] as const) if (form[k].trim()) body[k] = form[k].trim();
    setBusy(true);
    setFormError(null);
    try {
      const deal = await api.post<ApplicationResult>('/api/v1/applications', body);
      void qc.invalidateQueries({ queryKey: ['deals'] });
      const clientId = deal.duplicate_of_client_id ?? deal.client_id;
      if (clientId) {
        let name = deal.client_name ?? `#${clientId}`;
        try {
          name = (await api.get<Client>(`/api/v1/clients/${clientId}`)).name;
        } catch {
          /* a client the role may not see keeps its id */
        }
        setDuplicate({ dealId: deal.id, client: name });
      } else {
        notifications.show({ message: t('application.created', { title: deal.title }), color: 'green' });
        close();
        open('deal', deal.id);
      }
    } catch (err) {
      if (err instanceof ApiError) {
        setErrors(fieldMessages(err.fields, t, locale));
        if (!Object.keys(err.fields).length) setFormError(err.status === 403 ? t('common.forbidden') : err.message);
      } else setFormError(t('common.serverError'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened={opened} onClose={close} title={t('application.title')} size="lg" zIndex={300} data-testid="application-dialog">
      {duplicate ? (
        <Stack>
          <Alert color="yellow" title={t('application.duplicateShort')} data-testid="application-duplicate">
            {t('application.duplicate', { client: duplicate.client })}
          </Alert>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.close')}
            </Button>
            <Button
              onClick={() => {
                const id = duplicate.dealId;
                close();
                open('deal', id);
              }}
              data-testid="application-open-deal"
            >
              {t('application.openDeal')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            {formError && <Alert color="red">{formError}</Alert>}
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput label={t('application.name')} required autoFocus {...field('name')} />
              <TextInput label={t('application.company')} {...field('company')} />
              <TextInput label={t('application.phone')} type="tel" {...field('phone')} />
              <TextInput label={t('application.email')} type="email" {...field('email')} />
              <TextInput label={t('application.inn')} {...field('inn')} />
              <Select
                label={t('application.source')}
                data={dealSources.filter((s) => s !== 'site').map((s) => ({ value: s, label: t(`sales.sources.${s}`) }))}
                placeholder={t('application.sourcePick')}
                value={source}
                onChange={(v) => {
                  setSource(v as DealSource | null);
                  setErrors((er) => ({ ...er, source: '' }));
                }}
                error={errors.source || undefined}
                required
                allowDeselect={false}
                comboboxProps={{ zIndex: 400 }}
                data-testid="app-source"
              />
            </SimpleGrid>
            <Textarea label={t('application.message')} autosize minRows={3} {...field('message')} />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={busy} data-testid="application-submit">
                {t('application.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
