// The estimate calculator of a deal: price-list lines (searchable), free lines, quantity with
// decimals, discount %, live totals by the server's rules (estimate.ts); after saving the server's
// figures. Revisions, "revise" for a proposed one, and "Make proposal" → share its link.
import { useEffect, useMemo, useState } from 'react';
import { ActionIcon, Alert, Button, Group, SegmentedControl, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client';
import { fieldMessage } from '../../api/messages';
import { useSession } from '../../api/session';
import { dealKeys } from '../../api/deals';
import { useAgencySettings, useEmployees } from '../../api/queries';
import { Muted, Section } from '../../components/CardParts';
import { QueryState } from '../../components/QueryState';
import { notifications } from '../../components/notify';
import { useLocale } from '../../i18n';
import { formatHours, formatMoney, formatNumber, formatPercent } from '../../lib/format';
import { todayIso } from '../../lib/dates';
import { formatRublesInput, parseRubles } from '../../lib/money';
import { type Doc, DocRow, documentKeys, useDocumentTemplates } from '../documents';
import { averageCostRate, estimateTotals, lineBody, lineErrors, lineFigures, parseQuantity, vatRate, type Totals } from './estimate';
import { estimateKeys, useEstimates, usePriceItems } from './api';
import { StatusTag } from '../../components/StatusTag';
import { useErrorText } from '../../api/errors';
import type { Estimate, EstimateLineInput, PriceItem } from './types';

interface DraftLine {
  key: number;
  price_item_id: number | null;
  name: string;
  unit: string;
  qty: string;
  price: string;
  discount: string;
  minutes_per_unit: number;
}

let nextKey = 1;
const qtyText = (q: number) => String(q).replace('.', ',');

function toDraft(l: EstimateLineInput): DraftLine {
  return { key: nextKey++, price_item_id: l.price_item_id ?? null, name: l.name, unit: l.unit, qty: qtyText(l.quantity), price: formatRublesInput(l.unit_price_kopecks), discount: String(l.discount_percent ?? 0), minutes_per_unit: l.minutes_per_unit ?? 0 };
}

function fromItem(p: PriceItem): DraftLine {
  return { key: nextKey++, price_item_id: p.id, name: p.name, unit: p.unit, qty: '1', price: formatRublesInput(p.unit_price_kopecks), discount: '0', minutes_per_unit: p.minutes_per_unit ?? 0 };
}

/** The draft as the server's line; NaN marks what does not parse (checked by lineErrors). */
function toInput(l: DraftLine): EstimateLineInput {
  const q = parseQuantity(l.qty);
  const p = parseRubles(l.price);
  const d = l.discount.trim() === '' ? 0 : Number(l.discount.replace(',', '.'));
  return { price_item_id: l.price_item_id, name: l.name.trim(), unit: l.unit.trim(), quantity: q ?? NaN, unit_price_kopecks: p ?? NaN, minutes_per_unit: l.minutes_per_unit, discount_percent: d };
}

/** Nothing for a role that may not list them (permissions from /auth/me). */
export function EstimateSection(props: { dealId: number }) {
  const { can } = useSession();
  return can('GET', '/api/v1/estimates') ? <EstimateSectionInner {...props} /> : null;
}

function EstimateSectionInner({ dealId }: { dealId: number }) {
  const { t, locale } = useLocale();
  const { can } = useSession();
  const qc = useQueryClient();
  const estimates = useEstimates(dealId);
  const settings = useAgencySettings();
  const canWrite = can('POST', '/api/v1/estimates');
  const prices = usePriceItems(canWrite);
  const errorText = useErrorText();
  const [selected, setSelected] = useState<number | 'new' | null>(null);
  const [lines, setLines] = useState<DraftLine[]>([]);
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const docTemplates = useDocumentTemplates();
  const proposalTemplates = (docTemplates.data ?? []).filter((x) => x.kind === 'proposal');
  const [templateId, setTemplateId] = useState<string | null>(null);

  const list = estimates.data ?? [];
  const current: Estimate | null = selected === 'new' ? null : (list.find((e) => e.id === selected) ?? (selected === null ? (list[0] ?? null) : null));
  const editing = selected === 'new' || (current !== null && current.status === 'draft' && canWrite);

  // A different estimate (or fresh data after a save) resets the draft to the server's lines.
  useEffect(() => {
    if (dirty) return;
    setLines(current ? current.lines.map(toDraft) : []);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [current?.id, current?.version]);

  const vat = current ? current.vat_rate_percent : settings.data ? vatRate(settings.data.tax_mode, todayIso(new Date())) : vatRate('vat', todayIso(new Date()));
  const employees = useEmployees();
  // Before saving: the agency's rate, else (0) the server's average of employees' rates when this role sees them.
  const costRate = (current ? current.cost_rate_kopecks : settings.data?.estimate_cost_rate_kopecks || averageCostRate(employees.data ?? [])) ?? 0;
  // The server sends cost fields only to the roles that see costs; others get no cost or margin row.
  const seesCosts = current ? current.cost_kopecks !== undefined : settings.data?.estimate_cost_rate_kopecks !== undefined;
  const inputs = useMemo(() => lines.map(toInput), [lines]);
  const live: Totals = useMemo(() => estimateTotals(inputs.map((l) => ({ ...l, quantity: Number.isNaN(l.quantity) ? 0 : l.quantity, unit_price_kopecks: Number.isNaN(l.unit_price_kopecks) ? 0 : l.unit_price_kopecks })), vat, costRate), [inputs, vat, costRate]);
  const showServer = current !== null && !dirty;
  const totals: Totals = showServer ? current : live;
  const costKnown = showServer || costRate > 0;

  const edit = (i: number, patch: Partial<DraftLine>) => {
    setLines((ls) => ls.map((l, j) => (j === i ? { ...l, ...patch } : l)));
    setDirty(true);
    setErrors({});
  };
  const addLine = (l: DraftLine) => {
    setLines((ls) => [...ls, l]);
    setDirty(true);
  };

  async function save() {
    const local = lineErrors(inputs);
    if (inputs.length === 0) {
      setFormError(t('paper.noLines'));
      return;
    }
    if (Object.keys(local).length) {
      setErrors(Object.fromEntries(Object.entries(local).map(([k, v]) => [k, t(`paper.lineErrors.${v}`)])));
      return;
    }
    setBusy('save');
    setFormError(null);
    try {
      const body = { lines: inputs.map(lineBody) };
      const saved =
        selected === 'new' || !current
          ? await api.post<Estimate>('/api/v1/estimates', { deal_id: dealId, ...body })
          : await api.patch<Estimate>(`/api/v1/estimates/${current.id}`, { ...body, version: current.version });
      qc.setQueryData<Estimate[] | null>(estimateKeys.estimates(dealId), (old) => [saved, ...(old ?? []).filter((e) => e.id !== saved.id)].sort((a, b) => b.revision - a.revision));
      setDirty(false);
      setSelected(saved.id);
      setLines(saved.lines.map(toDraft));
      setErrors({});
      notifications.show({ message: t('paper.estimateSaved'), color: 'green' });
    } catch (e) {
      if (e instanceof ApiError && Object.keys(e.fields).length) {
        setErrors(Object.fromEntries(Object.entries(e.fields).map(([k, v]) => [k, fieldMessage(v, t, locale)])));
        const unplaced = Object.entries(e.fields).filter(([k]) => !/^lines\[\d+\]\./.test(k));
        if (unplaced.length) setFormError(unplaced.map(([k, v]) => `${k}: ${fieldMessage(v, t, locale)}`).join('; '));
      } else {
        if (e instanceof ApiError && e.status === 409) void estimates.refetch();
        setFormError(errorText(e));
      }
    } finally {
      setBusy(null);
    }
  }

  async function post(what: 'revise' | 'proposal') {
    if (!current) return;
    setBusy(what);
    try {
      if (what === 'revise') {
        const e = await api.post<Estimate>(`/api/v1/estimates/${current.id}/revise`, {});
        setDirty(false);
        setSelected(e.id);
      } else {
        const doc = await api.post<Doc>(`/api/v1/estimates/${current.id}/proposal`, templateId ? { template_id: Number(templateId) } : {});
        notifications.show({ message: t('paper.proposalMade', { number: doc.number }), color: 'green' });
        void qc.invalidateQueries({ queryKey: ['documents'] });
        void qc.invalidateQueries({ queryKey: dealKeys.deal(dealId) });
        void qc.invalidateQueries({ queryKey: ['deals'] });
      }
      await estimates.refetch();
    } catch (e) {
      notifications.show({ message: errorText(e), color: 'red' });
    } finally {
      setBusy(null);
    }
  }

  const priceOptions = (prices.data ?? []).map((p) => ({ value: String(p.id), label: `${p.name} — ${formatMoney(p.unit_price_kopecks, locale)} / ${p.unit}` }));

  return (
    <Section
      title={t('paper.estimate')}
      right={
        list.length > 0 ? (
          <SegmentedControl
            size="xs"
            value={String(current?.id ?? 'new')}
            onChange={(v) => {
              setDirty(false);
              setErrors({});
              setSelected(v === 'new' ? 'new' : Number(v));
            }}
            data={[...list].reverse().map((e) => ({ value: String(e.id), label: t('paper.revision', { n: e.revision }) })).concat(selected === 'new' ? [{ value: 'new', label: t('paper.newEstimate') }] : [])}
            data-testid="estimate-revisions"
          />
        ) : undefined
      }
    >
      <QueryState isLoading={estimates.isLoading} error={estimates.error} refetch={estimates.refetch}>
        {estimates.data === null ? (
          <Muted>{t('common.notAvailableYet')}</Muted>
        ) : list.length === 0 && selected !== 'new' ? (
          <Group>
            <Muted>{t('paper.noEstimates')}</Muted>
            {canWrite && (
              <Button size="xs" variant="light" onClick={() => setSelected('new')} data-testid="estimate-new">
                {t('paper.newEstimate')}
              </Button>
            )}
          </Group>
        ) : (
          <Stack gap={8} data-testid="estimate" data-estimate-id={current?.id ?? ''}>
            {current && (
              <Group gap="xs">
                <StatusTag status={current.status} label={t(`paper.estimateStatus.${current.status}`)} testId="estimate-status" />
                <Text size="xs" c="dimmed">
                  {current.vat_rate_percent > 0 ? t('paper.vatLabel', { rate: current.vat_rate_percent }) : t('paper.noVat')}
                </Text>
              </Group>
            )}
            <Table.ScrollContainer minWidth={620} type="native">
            <Table withTableBorder verticalSpacing={4} horizontalSpacing={6} fz="sm" data-testid="estimate-lines">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('paper.lineName')}</Table.Th>
                  <Table.Th w={64}>{t('paper.unit')}</Table.Th>
                  <Table.Th w={84}>{t('paper.quantity')}</Table.Th>
                  <Table.Th w={110}>{t('paper.price')}</Table.Th>
                  <Table.Th w={64}>{t('paper.discount')}</Table.Th>
                  <Table.Th w={120} style={{ textAlign: 'right' }}>
                    {t('paper.amount')}
                  </Table.Th>
                  {editing && <Table.Th w={28} />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {lines.map((l, i) => {
                  const inp = inputs[i];
                  const saved = showServer ? current?.lines[i] : undefined;
                  const amount = saved ? saved.amount_kopecks : Number.isNaN(inp.quantity) || Number.isNaN(inp.unit_price_kopecks) ? null : lineFigures(inp, vat).amount_kopecks;
                  const err = (f: string) => errors[`lines[${i}].${f}`];
                  const cell = (f: keyof DraftLine, apiField: string, extra?: object) =>
                    editing ? (
                      <TextInput size="xs" value={String(l[f])} onChange={(e) => edit(i, { [f]: e.currentTarget.value } as Partial<DraftLine>)} error={err(apiField)} data-testid={`line-${f}`} {...extra} />
                    ) : (
                      <Text size="sm">{String(l[f])}</Text>
                    );
                  return (
                    <Table.Tr key={l.key} data-testid="estimate-line">
                      <Table.Td>{cell('name', 'name')}</Table.Td>
                      <Table.Td>{cell('unit', 'unit')}</Table.Td>
                      <Table.Td>{cell('qty', 'quantity', { inputMode: 'decimal' })}</Table.Td>
                      <Table.Td className={editing ? undefined : 'money'}>{editing ? cell('price', 'unit_price_kopecks', { inputMode: 'decimal' }) : formatMoney(inp.unit_price_kopecks, locale)}</Table.Td>
                      <Table.Td>{cell('discount', 'discount_percent', { inputMode: 'numeric' })}</Table.Td>
                      <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }} className="money" data-testid="line-amount">
                        {amount === null ? '—' : formatMoney(amount, locale)}
                      </Table.Td>
                      {editing && (
                        <Table.Td>
                          <ActionIcon
                            size="sm"
                            variant="subtle"
                            color="red"
                            aria-label={t('common.delete')}
                            onClick={() => {
                              setLines((ls) => ls.filter((_, j) => j !== i));
                              setDirty(true);
                              setErrors({});
                            }}
                            data-testid="line-remove"
                          >
                            ×
                          </ActionIcon>
                        </Table.Td>
                      )}
                    </Table.Tr>
                  );
                })}
                {lines.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={7}>
                      <Muted>{t('paper.noLines')}</Muted>
                    </Table.Td>
                  </Table.Tr>
                )}
              </Table.Tbody>
            </Table>
            </Table.ScrollContainer>
            {editing && (
              <Group gap="xs" align="end">
                <Select
                  size="xs"
                  placeholder={prices.data === null ? t('paper.noPriceList') : t('paper.pickPriceItem')}
                  data={priceOptions}
                  value={null}
                  onChange={(v) => {
                    const p = prices.data?.find((x) => String(x.id) === v);
                    if (p) addLine(fromItem(p));
                  }}
                  searchable
                  clearable={false}
                  nothingFoundMessage={t('common.notFound')}
                  comboboxProps={{ zIndex: 400 }}
                  style={{ flex: 1 }}
                  data-testid="price-item-picker"
                />
                <Button size="xs" variant="default" onClick={() => addLine({ key: nextKey++, price_item_id: null, name: '', unit: t('paper.defaultUnit'), qty: '1', price: '', discount: '0', minutes_per_unit: 0 })} data-testid="line-add-free">
                  + {t('paper.freeLine')}
                </Button>
              </Group>
            )}
            <TotalsBlock totals={totals} vat={vat} costKnown={costKnown} seesCosts={seesCosts} live={!showServer} />
            {formError && (
              <Alert color="red" p="xs" data-testid="estimate-error">
                {formError}
              </Alert>
            )}
            <Group gap="xs" justify="flex-end">
              {editing && (dirty || selected === 'new') && (
                <Button size="xs" loading={busy === 'save'} onClick={() => void save()} data-testid="estimate-save">
                  {t('paper.saveEstimate')}
                </Button>
              )}
              {current && current.status === 'draft' && !dirty && can('POST', '/api/v1/estimates/{id}/proposal') && proposalTemplates.length > 1 && (
                <Select
                  size="xs"
                  data={proposalTemplates.map((x) => ({ value: String(x.id), label: x.name }))}
                  value={templateId ?? String(proposalTemplates[0].id)}
                  onChange={setTemplateId}
                  allowDeselect={false}
                  comboboxProps={{ zIndex: 400 }}
                  w={220}
                  aria-label={t('paper.proposalTemplate')}
                  data-testid="proposal-template"
                />
              )}
              {current && current.status === 'draft' && !dirty && can('POST', '/api/v1/estimates/{id}/proposal') && (
                <Button size="xs" color="violet" loading={busy === 'proposal'} onClick={() => void post('proposal')} data-testid="estimate-proposal">
                  {t('paper.makeProposal')}
                </Button>
              )}
              {current && current.status === 'proposed' && can('POST', '/api/v1/estimates/{id}/revise') && (
                <Button size="xs" variant="default" loading={busy === 'revise'} onClick={() => void post('revise')} data-testid="estimate-revise">
                  {t('paper.revise')}
                </Button>
              )}
            </Group>
            {current?.proposal_document_id && <ProposalDoc id={current.proposal_document_id} dealId={dealId} />}
          </Stack>
        )}
      </QueryState>
    </Section>
  );
}

function TotalsBlock({ totals: s, vat, costKnown, seesCosts, live }: { totals: Totals; vat: number; costKnown: boolean; seesCosts: boolean; live: boolean }) {
  const { t, locale } = useLocale();
  const row = (label: string, value: string, testId: string, strong = false) => (
    <Group justify="space-between" gap="xs" wrap="nowrap">
      <Text size="sm" c={strong ? undefined : 'dimmed'} fw={strong ? 600 : undefined}>
        {label}
      </Text>
      <Text size="sm" fw={strong ? 700 : 500} className="money" data-testid={testId}>
        {value}
      </Text>
    </Group>
  );
  return (
    <Stack gap={2} className="estimate-totals" data-testid="estimate-totals" data-live={live ? '1' : '0'} style={{ maxWidth: 360, marginLeft: 'auto', width: '100%' }}>
      {s.discount_kopecks > 0 && row(t('paper.discountTotal'), `−${formatMoney(s.discount_kopecks, locale)}`, 'total-discount')}
      {row(t('paper.net'), formatMoney(s.net_kopecks, locale), 'total-net')}
      {row(vat > 0 ? t('paper.vatLabel', { rate: formatNumber(vat, locale) }) : t('paper.noVat'), formatMoney(s.vat_kopecks, locale), 'total-vat')}
      {row(t('paper.total'), formatMoney(s.total_kopecks, locale), 'total-total', true)}
      {row(t('paper.hours'), formatHours(s.minutes, locale), 'total-hours')}
      {seesCosts && row(t('paper.cost'), costKnown ? formatMoney(s.cost_kopecks ?? 0, locale) : t('paper.afterSave'), 'total-cost')}
      {seesCosts && row(t('paper.margin'), costKnown ? `${formatMoney(s.margin_kopecks ?? 0, locale)}${s.margin_percent == null ? '' : ` (${formatPercent(s.margin_percent, locale, false)})`}` : t('paper.afterSave'), 'total-margin')}
      <Text size="xs" c="dimmed" ta="right">
        {live ? t('paper.liveTotals') : t('paper.serverTotals')}
      </Text>
    </Stack>
  );
}

function ProposalDoc({ id, dealId }: { id: number; dealId: number }) {
  const { t } = useLocale();
  const qc = useQueryClient();
  const doc = useQuery({ queryKey: ['documents', 'one', id], queryFn: () => api.get<Doc>(`/api/v1/documents/${id}`) });
  if (!doc.data) return null;
  return (
    <div data-testid="estimate-proposal-doc">
      <Text size="xs" c="dimmed" mb={4}>
        {t('paper.proposalOfEstimate')}
      </Text>
      <DocRow
        doc={doc.data}
        onChange={() => {
          void qc.invalidateQueries({ queryKey: ['documents'] });
          void qc.invalidateQueries({ queryKey: documentKeys.dealDocs(dealId) });
        }}
      />
    </div>
  );
}
