// Price list (/price-list): CRUD of price items (fixed price per unit, or hourly: rate × hours per
// unit). Read: owner, head, sales, manager, lead generator; write as the permissions say.
import { useMemo, useState } from 'react';
import { Alert, Button, Group, Modal, Paper, SegmentedControl, Select, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client';
import { useServiceTypes } from '../../api/queries';
import { useSession } from '../../api/session';
import { Muted } from '../../components/CardParts';
import { QueryState } from '../../components/QueryState';
import { notifications } from '../../components/notify';
import { useLocale } from '../../i18n';
import { formatHours, formatMoney } from '../../lib/format';
import { fold } from '../../lib/search';
import { formatRublesInput, parseRubles } from '../../lib/money';
import { parseQuantity } from './estimate';
import { useSaveFailure } from '../../api/errors';
import { estimateKeys, usePriceItems } from './api';
import type { PriceItem, Pricing } from './types';

interface Form {
  id: number | null;
  version: number;
  name: string;
  unit: string;
  pricing: Pricing;
  price: string;
  rate: string;
  hours: string;
  service_type_id: string | null;
  description: string;
}


export default function PriceListPage() {
  const { t, locale } = useLocale();
  const { can } = useSession();
  const items = usePriceItems();
  const types = useServiceTypes();
  const [q, setQ] = useState('');
  const [pricing, setPricing] = useState<string | null>(null);
  const [typeId, setTypeId] = useState<string | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const list = useMemo(() => {
    const f = fold(q.trim());
    return (items.data ?? []).filter((x) => (!f || fold(x.name).includes(f)) && (!pricing || x.pricing === pricing) && (!typeId || String(x.service_type_id) === typeId));
  }, [items.data, q, pricing, typeId]);
  const typeName = (id: number | null) => types.data?.find((x) => x.id === id)?.[locale === 'en' ? 'name_en' : 'name'] ?? types.data?.find((x) => x.id === id)?.name ?? '';
  const open = (x?: PriceItem) =>
    setForm(
      x
        ? { id: x.id, version: x.version, name: x.name, unit: x.unit, pricing: x.pricing, price: formatRublesInput(x.price_kopecks), rate: formatRublesInput(x.rate_kopecks), hours: x.minutes_per_unit ? String(x.minutes_per_unit / 60).replace('.', ',') : '', service_type_id: x.service_type_id ? String(x.service_type_id) : null, description: x.description ?? '' }
        : { id: null, version: 0, name: '', unit: t('price.defaultUnit'), pricing: 'fixed', price: '', rate: '', hours: '', service_type_id: null, description: '' },
    );
  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" mb="sm">
        <Title order={3}>{t('nav.priceList')}</Title>
        <Group>
          <Select placeholder={t('price.pricing')} data={[{ value: 'fixed', label: t('price.fixed') }, { value: 'hourly', label: t('price.hourly') }]} value={pricing} onChange={setPricing} clearable w={170} data-testid="price-filter-pricing" />
          <Select placeholder={t('price.serviceType')} data={(types.data ?? []).map((x) => ({ value: String(x.id), label: locale === 'en' && x.name_en ? x.name_en : x.name }))} value={typeId} onChange={setTypeId} clearable searchable w={200} data-testid="price-filter-type" />
          <TextInput placeholder={t('list.searchPlaceholder')} value={q} onChange={(e) => setQ(e.currentTarget.value)} w={240} data-testid="price-search" />
          {can('POST', '/api/v1/price-items') && (
            <Button onClick={() => open()} data-testid="price-new">
              + {t('price.new')}
            </Button>
          )}
        </Group>
      </Group>
      <QueryState isLoading={items.isLoading} error={items.error} refetch={items.refetch}>
        {items.data === null ? (
          <Muted>{t('common.notAvailableYet')}</Muted>
        ) : (
          <Table highlightOnHover fz="sm" data-testid="price-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('common.name')}</Table.Th>
                <Table.Th>{t('price.unit')}</Table.Th>
                <Table.Th>{t('price.pricing')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('price.unitPrice')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('price.hoursPerUnit')}</Table.Th>
                <Table.Th>{t('price.serviceType')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((x) => (
                <Table.Tr key={x.id} style={{ cursor: 'pointer' }} onClick={() => open(x)} data-testid="price-row">
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {x.name}
                    </Text>
                    {x.description && (
                      <Text size="xs" c="dimmed" lineClamp={1}>
                        {x.description}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{x.unit}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{x.pricing === 'hourly' ? t('price.hourlyRate', { rate: formatMoney(x.rate_kopecks ?? 0, locale) }) : t('price.fixed')}</Table.Td>
                  <Table.Td style={{ textAlign: 'right' }} className="money">
                    {formatMoney(x.unit_price_kopecks, locale)}
                  </Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>{x.minutes_per_unit ? formatHours(x.minutes_per_unit, locale) : '—'}</Table.Td>
                  <Table.Td>{typeName(x.service_type_id)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
      {form && <PriceForm form={form} onClose={() => setForm(null)} types={(types.data ?? []).map((x) => ({ value: String(x.id), label: locale === 'en' && x.name_en ? x.name_en : x.name }))} />}
    </Paper>
  );
}

function PriceForm({ form: initial, onClose, types }: { form: Form; onClose: () => void; types: { value: string; label: string }[] }) {
  const { t } = useLocale();
  const saveFailed = useSaveFailure();
  const { can } = useSession();
  const qc = useQueryClient();
  const [f, setF] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<Form>) => {
    setF({ ...f, ...patch });
    setErrors({});
  };
  const canWrite = f.id ? can('PATCH', '/api/v1/price-items/{id}') : can('POST', '/api/v1/price-items');

  async function save(e: React.FormEvent) {
    e.preventDefault();
    const local: Record<string, string> = {};
    const price = parseRubles(f.price);
    const rate = parseRubles(f.rate);
    const hours = parseQuantity(f.hours);
    if (!f.name.trim()) local.name = t('time.required');
    if (!f.unit.trim()) local.unit = t('time.required');
    if (f.pricing === 'fixed' && (price === null || Number.isNaN(price))) local.price_kopecks = t('price.invalidMoney');
    if (f.pricing === 'hourly' && (rate === null || Number.isNaN(rate))) local.rate_kopecks = t('price.invalidMoney');
    if (hours !== null && Number.isNaN(hours)) local.minutes_per_unit = t('price.invalidHours');
    if (f.pricing === 'hourly' && hours === null) local.minutes_per_unit = t('time.required');
    if (Object.keys(local).length) {
      setErrors(local);
      return;
    }
    const body: Record<string, unknown> = {
      name: f.name.trim(),
      unit: f.unit.trim(),
      pricing: f.pricing,
      price_kopecks: f.pricing === 'fixed' ? price : null,
      rate_kopecks: f.pricing === 'hourly' ? rate : null,
      minutes_per_unit: hours === null ? null : Math.round(hours * 60),
      service_type_id: f.service_type_id ? Number(f.service_type_id) : null,
      description: f.description.trim() || null,
    };
    setBusy(true);
    setFormError(null);
    try {
      if (f.id) await api.patch(`/api/v1/price-items/${f.id}`, { ...body, version: f.version });
      else await api.post('/api/v1/price-items', body);
      await qc.invalidateQueries({ queryKey: estimateKeys.priceItems });
      notifications.show({ message: t('common.saved'), color: 'green' });
      onClose();
    } catch (err) {
      saveFailed(err, setErrors, setFormError);
    } finally {
      setBusy(false);
    }
  }

  async function archive() {
    if (!f.id || !window.confirm(t('common.confirmDelete'))) return;
    try {
      await api.del(`/api/v1/price-items/${f.id}`);
      await qc.invalidateQueries({ queryKey: estimateKeys.priceItems });
      onClose();
    } catch (err) {
      setFormError(err instanceof ApiError ? err.message : t('common.serverError'));
    }
  }

  return (
    <Modal opened onClose={onClose} title={f.id ? f.name : t('price.new')} size="lg">
      <form onSubmit={(e) => void save(e)} data-testid="price-form">
        <Stack gap="sm">
          <TextInput label={t('common.name')} value={f.name} onChange={(e) => set({ name: e.currentTarget.value })} error={errors.name} required data-testid="price-name" />
          <Group grow align="start">
            <TextInput label={t('price.unit')} value={f.unit} onChange={(e) => set({ unit: e.currentTarget.value })} error={errors.unit} required data-testid="price-unit" />
            <div>
              <Text size="sm" fw={500} mb={4}>
                {t('price.pricing')}
              </Text>
              <SegmentedControl fullWidth value={f.pricing} onChange={(v) => set({ pricing: v as Pricing })} data={[{ value: 'fixed', label: t('price.fixed') }, { value: 'hourly', label: t('price.hourly') }]} data-testid="price-pricing" />
            </div>
          </Group>
          <Group grow align="start">
            {f.pricing === 'fixed' ? (
              <TextInput label={t('price.price')} value={f.price} onChange={(e) => set({ price: e.currentTarget.value })} error={errors.price_kopecks} inputMode="decimal" data-testid="price-price" />
            ) : (
              <TextInput label={t('price.rate')} value={f.rate} onChange={(e) => set({ rate: e.currentTarget.value })} error={errors.rate_kopecks} inputMode="decimal" data-testid="price-rate" />
            )}
            <TextInput label={t('price.hoursPerUnit')} description={f.pricing === 'fixed' ? t('price.hoursHint') : undefined} value={f.hours} onChange={(e) => set({ hours: e.currentTarget.value })} error={errors.minutes_per_unit} inputMode="decimal" data-testid="price-hours" />
          </Group>
          <Select label={t('price.serviceType')} data={types} value={f.service_type_id} onChange={(v) => set({ service_type_id: v })} clearable searchable error={errors.service_type_id} />
          <Textarea label={t('price.description')} value={f.description} onChange={(e) => set({ description: e.currentTarget.value })} error={errors.description} autosize minRows={2} />
          {formError && <Alert color="red">{formError}</Alert>}
          <Group justify="space-between">
            {f.id && can('DELETE', '/api/v1/price-items/{id}') ? (
              <Button variant="subtle" color="red" onClick={() => void archive()}>
                {t('common.delete')}
              </Button>
            ) : (
              <span />
            )}
            <Button type="submit" loading={busy} disabled={!canWrite} data-testid="price-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
