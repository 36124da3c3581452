// Agency settings (/settings/agency): name and requisites for documents, tax mode (VAT of estimates),
// the hourly cost rate of estimates, proposal follow-up days, the agency's time zone. PATCH: owner, head.
import { useEffect, useState } from 'react';
import { Alert, Button, Group, Paper, Select, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { useSaveFailure } from './parts';
import { useSession } from '../../app/session';
import { Muted } from '../../components/CardParts';
import { QueryState } from '../../components/QueryState';
import { notifications } from '../../components/notify';
import { useLocale } from '../../i18n';
import { parseRubles } from '../sales/board';
import { paperKeys, useAgencySettings } from './api';
import { taxModes, type AgencySettings, type TaxMode } from './types';

const rub = (k: number) => (k % 100 === 0 ? String(k / 100) : (k / 100).toFixed(2)).replace('.', ',');

export default function AgencySettingsPage() {
  const { t } = useLocale();
  const saveFailed = useSaveFailure();
  const { can } = useSession();
  const qc = useQueryClient();
  const settings = useAgencySettings();
  const canWrite = can('PATCH', '/api/v1/agency-settings');
  const [f, setF] = useState({ agency_name: '', agency_requisites: '', tax_mode: 'vat' as TaxMode, cost: '', followup: '', tz: '', base: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const s = settings.data;
  useEffect(() => {
    if (s) setF({ agency_name: s.agency_name, agency_requisites: s.agency_requisites, tax_mode: s.tax_mode, cost: s.estimate_cost_rate_kopecks ? rub(s.estimate_cost_rate_kopecks) : '', followup: String(s.proposal_followup_days), tz: String(s.timezone_offset_minutes / 60).replace('.', ','), base: s.public_base_url ?? '' });
  }, [s]);
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
      });
      qc.setQueryData(paperKeys.settings, saved);
      notifications.show({ message: t('common.saved'), color: 'green' });
    } catch (err) {
      saveFailed(err, setErrors, setFormError);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder radius="md" p="md" maw={760}>
      <Title order={3} mb="sm">
        {t('nav.settings')}
      </Title>
      <QueryState isLoading={settings.isLoading} error={settings.error} refetch={settings.refetch}>
        {s === null ? (
          <Muted>{t('common.notAvailableYet')}</Muted>
        ) : (
          <form onSubmit={(e) => void save(e)} data-testid="settings-form">
            <fieldset disabled={!canWrite} style={{ border: 0, padding: 0, margin: 0 }}>
              <Stack gap="sm">
                <TextInput label={t('settings.agencyName')} value={f.agency_name} onChange={(e) => set({ agency_name: e.currentTarget.value })} error={errors.agency_name} required data-testid="settings-name" />
                <Textarea label={t('settings.requisites')} description={t('settings.requisitesHint', { ph: '{{agency.requisites}}', interpolation: { escapeValue: false } })} value={f.agency_requisites} onChange={(e) => set({ agency_requisites: e.currentTarget.value })} error={errors.agency_requisites} autosize minRows={3} data-testid="settings-requisites" />
                <Group grow align="start">
                  <Select label={t('settings.taxMode')} data={taxModes.map((m) => ({ value: m, label: t(`settings.taxModes.${m}`) }))} value={f.tax_mode} onChange={(v) => v && set({ tax_mode: v as TaxMode })} error={errors.tax_mode} allowDeselect={false} data-testid="settings-tax" />
                  {s?.estimate_cost_rate_kopecks !== undefined && <TextInput label={t('settings.costRate')} description={t('settings.costRateHint')} value={f.cost} onChange={(e) => set({ cost: e.currentTarget.value })} error={errors.estimate_cost_rate_kopecks} inputMode="decimal" data-testid="settings-cost" />}
                </Group>
                <Group grow align="start">
                  <TextInput label={t('settings.followup')} description={t('settings.followupHint')} value={f.followup} onChange={(e) => set({ followup: e.currentTarget.value })} error={errors.proposal_followup_days} inputMode="numeric" data-testid="settings-followup" />
                  <TextInput label={t('settings.tz')} description={t('settings.tzHint')} value={f.tz} onChange={(e) => set({ tz: e.currentTarget.value })} error={errors.timezone_offset_minutes} inputMode="decimal" data-testid="settings-tz" />
                </Group>
                <TextInput label={t('settings.baseUrl')} description={t('settings.baseUrlHint')} placeholder="https://crm.agency.ru" value={f.base} onChange={(e) => set({ base: e.currentTarget.value })} error={errors.public_base_url} inputMode="url" data-testid="settings-base-url" />
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
