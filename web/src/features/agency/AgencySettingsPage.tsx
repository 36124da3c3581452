// Agency settings (/settings/agency): name, the language of brief and document pages, tax mode (VAT
// of estimates), the hourly cost rate of estimates, proposal follow-up days, the agency's time zone,
// the e-mail link address, and the agency's requisites field by field (what a contract, an invoice
// and an act print and need before they are shared). PATCH: owner, head; the server's field errors
// under each field.
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Group, Paper, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useLocation } from 'react-router';
import { api } from '../../api/client';
import { useSession } from '../../api/session';
import { Muted } from '../../components/CardParts';
import { QueryState } from '../../components/QueryState';
import { notifications } from '../../components/notify';
import { useLocale } from '../../i18n';
import { formatRublesInput, parseRubles } from '../../lib/money';
import { useSaveFailure } from '../../api/errors';
import { keys, useAgencySettings } from '../../api/queries';
import { type AgencySettings, type TaxMode, taxModes } from '../../api/types';


/** The agency's requisites (settings agency_*), in the order of the form; `need`: a contract, an
 * invoice or an act is not shared without it (docs/documents.md). */
const requisites = [
  { key: 'legal_name', need: true },
  { key: 'inn', need: true },
  { key: 'kpp', need: true },
  { key: 'ogrn', need: true },
  { key: 'address', need: true },
  { key: 'bank_name', need: true },
  { key: 'bik', need: true },
  { key: 'correspondent_account', need: true },
  { key: 'bank_account', need: true },
  { key: 'director', need: true },
  { key: 'accountant', need: false },
  { key: 'phone', need: false },
  { key: 'email', need: false },
] as const;
type RequisiteKey = (typeof requisites)[number]['key'];
type SettingKey = `agency_${RequisiteKey}`;
const settingOf = (k: RequisiteKey) => `agency_${k}` as SettingKey;

export default function AgencySettingsPage() {
  const { t } = useLocale();
  const saveFailed = useSaveFailure();
  const { can } = useSession();
  const qc = useQueryClient();
  const location = useLocation();
  const settings = useAgencySettings();
  const canWrite = can('PATCH', '/api/v1/agency-settings');
  const [f, setF] = useState({ agency_name: '', agency_requisites: '', tax_mode: 'vat' as TaxMode, cost: '', followup: '', tz: '', base: '', language: 'ru' as 'ru' | 'en' });
  const [req, setReq] = useState<Partial<Record<SettingKey, string>>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const requisitesRef = useRef<HTMLDivElement>(null);
  const s = settings.data;
  // A server without the field-by-field requisites (older) gets none of them sent.
  const hasRequisites = s?.agency_inn !== undefined;
  useEffect(() => {
    if (!s) return;
    setF({ agency_name: s.agency_name, agency_requisites: s.agency_requisites, tax_mode: s.tax_mode, cost: s.estimate_cost_rate_kopecks ? formatRublesInput(s.estimate_cost_rate_kopecks) : '', followup: String(s.proposal_followup_days), tz: String(s.timezone_offset_minutes / 60).replace('.', ','), base: s.public_base_url ?? '', language: s.language === 'en' ? 'en' : 'ru' });
    setReq(Object.fromEntries(requisites.map(({ key }) => [settingOf(key), s[settingOf(key)] ?? ''])));
  }, [s]);
  // "Fill in the agency settings" from a deal's documents lands on the requisites.
  useEffect(() => {
    if (s && location.hash === '#requisites') requisitesRef.current?.scrollIntoView({ block: 'start' });
  }, [s, location.hash]);
  const set = (patch: Partial<typeof f>) => {
    setF({ ...f, ...patch });
    setErrors({});
  };

  async function save(e: React.FormEvent) {
    e.preventDefault();
    const local: Record<string, string> = {};
    const cost = parseRubles(f.cost);
    const followup = Number(f.followup);
    const tz = Number(f.tz.replace(',', '.'));
    if (!f.agency_name.trim()) local.agency_name = t('time.required');
    if (cost !== null && Number.isNaN(cost)) local.estimate_cost_rate_kopecks = t('price.invalidMoney');
    if (!Number.isInteger(followup) || followup < 1 || followup > 90) local.proposal_followup_days = t('settings.followupRange');
    if (!Number.isFinite(tz) || tz < -12 || tz > 14) local.timezone_offset_minutes = t('settings.tzRange');
    if (Object.keys(local).length) {
      setErrors(local);
      return;
    }
    setBusy(true);
    setFormError(null);
    try {
      const saved = await api.patch<AgencySettings>('/api/v1/agency-settings', {
        agency_name: f.agency_name.trim(),
        agency_requisites: f.agency_requisites,
        tax_mode: f.tax_mode,
        ...(s?.estimate_cost_rate_kopecks !== undefined ? { estimate_cost_rate_kopecks: cost ?? 0 } : {}),
        proposal_followup_days: followup,
        timezone_offset_minutes: Math.round(tz * 60),
        public_base_url: f.base.trim(),
        ...(s?.language !== undefined ? { language: f.language } : {}),
        ...(hasRequisites ? Object.fromEntries(requisites.map(({ key }) => [settingOf(key), (req[settingOf(key)] ?? '').trim()])) : {}),
      });
      qc.setQueryData(keys.agencySettings, saved);
      // The deals' documents may be shareable now (or no longer).
      void qc.invalidateQueries({ queryKey: ['document-readiness'] });
      notifications.show({ message: t('common.saved'), color: 'green' });
    } catch (err) {
      saveFailed(err, setErrors, setFormError);
    } finally {
      setBusy(false);
    }
  }

  const requisite = (key: RequisiteKey, need: boolean) => {
    const k = settingOf(key);
    return (
      <TextInput
        key={k}
        label={t(`settings.${key}`)}
        withAsterisk={need}
        value={req[k] ?? ''}
        onChange={(e) => {
          const v = e.currentTarget.value;
          setReq((r) => ({ ...r, [k]: v }));
          setErrors((er) => ({ ...er, [k]: '' }));
        }}
        error={errors[k] || undefined}
        inputMode={['inn', 'kpp', 'ogrn', 'bik', 'correspondent_account', 'bank_account'].includes(key) ? 'numeric' : key === 'email' ? 'email' : undefined}
        data-testid={`settings-${k}`}
      />
    );
  };
  const group = (keys: RequisiteKey[]) => keys.map((key) => requisite(key, requisites.find((r) => r.key === key)!.need));

  return (
    <Paper withBorder radius="md" p="md" maw={860}>
      <Title order={3} mb="sm">
        {t('nav.settings')}
      </Title>
      <QueryState isLoading={settings.isLoading} error={settings.error} refetch={settings.refetch}>
        {s === null ? (
          <Muted>{t('common.notAvailableYet')}</Muted>
        ) : (
          <form onSubmit={(e) => void save(e)} data-testid="settings-form" noValidate>
            {!canWrite && <Alert color="gray" mb="sm">{t('settings.readOnly')}</Alert>}
            <fieldset disabled={!canWrite} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
              <Stack gap="sm">
                <Title order={5}>{t('settings.general')}</Title>
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                  <TextInput label={t('settings.agencyName')} value={f.agency_name} onChange={(e) => set({ agency_name: e.currentTarget.value })} error={errors.agency_name} required data-testid="settings-name" />
                  {s?.language !== undefined && (
                    <Select
                      label={t('settings.language')}
                      description={t('settings.languageHint')}
                      data={(['ru', 'en'] as const).map((l) => ({ value: l, label: t(`settings.languages.${l}`) }))}
                      value={f.language}
                      onChange={(v) => v && set({ language: v as 'ru' | 'en' })}
                      error={errors.language}
                      allowDeselect={false}
                      data-testid="settings-language"
                    />
                  )}
                </SimpleGrid>
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                  <Select label={t('settings.taxMode')} data={taxModes.map((m) => ({ value: m, label: t(`settings.taxModes.${m}`) }))} value={f.tax_mode} onChange={(v) => v && set({ tax_mode: v as TaxMode })} error={errors.tax_mode} allowDeselect={false} data-testid="settings-tax" />
                  {s?.estimate_cost_rate_kopecks !== undefined && <TextInput label={t('settings.costRate')} description={t('settings.costRateHint')} value={f.cost} onChange={(e) => set({ cost: e.currentTarget.value })} error={errors.estimate_cost_rate_kopecks} inputMode="decimal" data-testid="settings-cost" />}
                </SimpleGrid>
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                  <TextInput label={t('settings.followup')} description={t('settings.followupHint')} value={f.followup} onChange={(e) => set({ followup: e.currentTarget.value })} error={errors.proposal_followup_days} inputMode="numeric" data-testid="settings-followup" />
                  <TextInput label={t('settings.tz')} description={t('settings.tzHint')} value={f.tz} onChange={(e) => set({ tz: e.currentTarget.value })} error={errors.timezone_offset_minutes} inputMode="decimal" data-testid="settings-tz" />
                </SimpleGrid>
                <TextInput label={t('settings.baseUrl')} description={t('settings.baseUrlHint')} placeholder="https://crm.agency.ru" value={f.base} onChange={(e) => set({ base: e.currentTarget.value })} error={errors.public_base_url} inputMode="url" data-testid="settings-base-url" />

                {hasRequisites && (
                  <div ref={requisitesRef} id="requisites" style={{ scrollMarginTop: 70 }} data-testid="settings-requisites-block">
                    <Title order={5} mt="md">
                      {t('settings.requisitesTitle')}
                    </Title>
                    <Text size="sm" c="dimmed" mb="xs">
                      {t('settings.requisitesFor')}
                    </Text>
                    <Stack gap="sm">
                      {requisite('legal_name', true)}
                      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
                        {group(['inn', 'kpp', 'ogrn'])}
                      </SimpleGrid>
                      {requisite('address', true)}
                      <Text size="sm" fw={600} mt={4}>
                        {t('settings.bankTitle')}
                      </Text>
                      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                        {group(['bank_name', 'bik', 'correspondent_account', 'bank_account'])}
                      </SimpleGrid>
                      <Text size="sm" fw={600} mt={4}>
                        {t('settings.signTitle')}
                      </Text>
                      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                        {group(['director', 'accountant', 'phone', 'email'])}
                      </SimpleGrid>
                    </Stack>
                  </div>
                )}
                <Textarea label={t('settings.requisites')} description={t('settings.requisitesHint', { ph: '{{agency.requisites}}', interpolation: { escapeValue: false } })} value={f.agency_requisites} onChange={(e) => set({ agency_requisites: e.currentTarget.value })} error={errors.agency_requisites} autosize minRows={2} data-testid="settings-requisites" />
                {formError && <Alert color="red">{formError}</Alert>}
                {canWrite && (
                  <Group justify="flex-end">
                    <Button type="submit" loading={busy} data-testid="settings-save">
                      {t('common.save')}
                    </Button>
                  </Group>
                )}
              </Stack>
            </fieldset>
          </form>
        )}
      </QueryState>
    </Paper>
  );
}
