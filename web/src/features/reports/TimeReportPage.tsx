// The time report: a pivot of hours by one or two row dimensions against day/week/month columns.
import { useMemo } from 'react';
import { Alert, Button, Group, Paper, ScrollArea, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api, ApiError, withQuery } from '../../api/client';
import { useEmployees, useServiceTypes } from '../../api/queries';
import { useLocale } from '../../i18n';
import { formatDate, formatMonthShort, type Locale } from '../../lib/format';
import { currentPeriod, firstDay, lastDay, shiftPeriod } from '../../lib/period';
import { dedupeClient } from '../../lib/names';
import { QueryState } from '../../components/QueryState';
import { RecordPicker } from '../../components/RecordPicker';
import { DateField } from '../../components/DateField';
import { lineView, type ReportCell } from './view';

const dimensions = ['client', 'service', 'service_type', 'employee', 'group', 'direction'] as const;
type Cols = 'day' | 'week' | 'month';

interface ReportKey {
  id?: number | null;
  code?: string;
  name: string | null;
}
export interface TimeReport {
  rows: string[];
  cols: Cols;
  from: string;
  to: string;
  columns: string[];
  lines: { keys: ReportKey[]; cells: ReportCell[]; total: ReportCell }[];
  totals: { cells: ReportCell[]; total: ReportCell };
}

function columnLabel(c: string, cols: Cols, locale: Locale): string {
  if (cols === 'month') return formatMonthShort(c, locale, true);
  if (cols === 'day') return formatDate(c, locale).replace(/\.\d{4}$/, '').replace(/, \d{4}$/, '');
  return c.replace(/^\d{4}-W/, locale === 'ru' ? 'нед. ' : 'W');
}

export default function TimeReportPage() {
  const { t, locale } = useLocale();
  const [params, setParams] = useSearchParams();
  const now = currentPeriod();
  const row1 = params.get('r1') ?? 'employee';
  const row2 = params.get('r2') ?? 'service';
  const cols = (params.get('cols') as Cols) ?? 'month';
  const from = params.get('from') ?? firstDay(shiftPeriod(now, -2));
  const to = params.get('to') ?? lastDay(now);
  const employeeId = Number(params.get('employee_id')) || null;
  const clientId = Number(params.get('client_id')) || null;
  const typeId = Number(params.get('service_type_id')) || null;
  const employees = useEmployees();
  const types = useServiceTypes();

  const set = (key: string, value: string | null) =>
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        if (value) n.set(key, value);
        else n.delete(key);
        return n;
      },
      { replace: true },
    );

  const query = {
    rows: row2 && row2 !== row1 ? `${row1},${row2}` : row1,
    cols,
    from,
    to,
    employee_id: employeeId ?? undefined,
    client_id: clientId ?? undefined,
    service_type_id: typeId ?? undefined,
  };
  const report = useQuery({
    queryKey: ['report', query],
    queryFn: () => api.get<TimeReport>('/api/v1/reports/time', query),
    placeholderData: keepPreviousData,
    retry: false,
  });
  const exportHref = (format: 'csv' | 'xlsx') => withQuery('/api/v1/reports/time', { ...query, format, lang: locale });
  const notAvailable = report.error instanceof ApiError && report.error.status === 404 && report.error.code === 'not_found';
  const fieldErrors = report.error instanceof ApiError ? report.error.fields : {};
  const dimOptions = dimensions.map((d) => ({ value: d, label: t(`report.dims.${d}`) }));
  const data = report.data;
  const hasCost = data?.totals.total.labour_cost_kopecks !== undefined;

  const keyName = (k: ReportKey, dim: string) => {
    if (k.name && dim === 'service') return dedupeClient(k.name);
    if (k.name) return dim === 'direction' && k.code ? t(`directions.${k.code}`, { defaultValue: k.name }) : k.name;
    if (dim === 'direction' && k.code) return t(`directions.${k.code}`, { defaultValue: k.code });
    return dim === 'group' ? t('report.noGroup') : '—';
  };

  const body = useMemo(() => {
    if (!data) return null;
    let previous: string | null = null;
    return data.lines.map((line, i) => {
      const first = keyName(line.keys[0], data.rows[0]);
      const showFirst = first !== previous;
      previous = first;
      // The server's figures as they come: exact h:mm and kopecks, no sum or rounding of our own (view.ts).
      const v = lineView(line.cells, line.total, locale);
      return (
        <tr key={i} className={showFirst && i > 0 ? 'group-start' : undefined}>
          <td style={{ fontWeight: showFirst ? 500 : undefined, color: showFirst ? undefined : 'transparent' }}>{first}</td>
          {data.rows.length > 1 && <td>{keyName(line.keys[1], data.rows[1])}</td>}
          {v.cells.map((c, j) => (
            <td key={j} className="num" data-cell>
              {c}
            </td>
          ))}
          <td className="num total" data-row-total>{v.total}</td>
          {hasCost && <td className="num money" data-row-cost>{v.cost}</td>}
        </tr>
      );
    });
  }, [data, locale, hasCost, t]);

  return (
    <Stack>
      <Paper withBorder radius="md" p="md">
        <Group justify="space-between" mb="sm">
          <Title order={3}>{t('report.title')}</Title>
          <Group gap="xs">
            <Button component="a" href={exportHref('csv')} variant="default" size="xs" data-testid="export-csv" download>
              ⤓ {t('report.csv')}
            </Button>
            <Button component="a" href={exportHref('xlsx')} variant="default" size="xs" data-testid="export-xlsx" download>
              ⤓ {t('report.xlsx')}
            </Button>
          </Group>
        </Group>
        <Group align="end" gap="sm" wrap="wrap">
          <Select label={t('report.rows')} data={dimOptions} value={row1} onChange={(v) => v && set('r1', v)} allowDeselect={false} w={170} error={fieldErrors.rows} data-testid="report-row1" />
          <Select label=" " data={dimOptions.filter((d) => d.value !== row1)} value={row2 === row1 ? null : row2 || null} onChange={(v) => set('r2', v ?? '')} clearable placeholder="—" w={170} data-testid="report-row2" />
          <div>
            <Text size="sm" fw={500} mb={4}>
              {t('report.cols')}
            </Text>
            <SegmentedControl value={cols} onChange={(v) => set('cols', v)} data={(['day', 'week', 'month'] as const).map((c) => ({ value: c, label: t(`report.${c}`) }))} data-testid="report-cols" />
          </div>
          <DateField label={t('report.from')} value={from} onChange={(v) => v && set('from', v)} required w={150} error={fieldErrors.from} testId="report-from" />
          <DateField label={t('report.to')} value={to} onChange={(v) => v && set('to', v)} required w={150} error={fieldErrors.to} testId="report-to" />
          <Select
            label={t('report.dims.employee')}
            data={(employees.data ?? []).filter((e) => e.role !== 'client').map((e) => ({ value: String(e.id), label: e.name }))}
            value={employeeId ? String(employeeId) : null}
            onChange={(v) => set('employee_id', v)}
            searchable
            clearable
            placeholder={t('common.all')}
            w={180}
          />
          <RecordPicker path="/api/v1/clients" label={t('report.dims.client')} value={clientId} onChange={(v) => set('client_id', v ? String(v) : null)} placeholder={t('common.all')} clearable w={200} />
          <Select
            label={t('report.dims.service_type')}
            data={(types.data ?? []).map((x) => ({ value: String(x.id), label: locale === 'en' ? x.name_en || x.name : x.name }))}
            value={typeId ? String(typeId) : null}
            onChange={(v) => set('service_type_id', v)}
            clearable
            placeholder={t('common.all')}
            w={170}
          />
        </Group>
      </Paper>
      <Paper withBorder radius="md" p="md">
        {notAvailable ? (
          <Alert color="yellow">{t('report.notAvailable')}</Alert>
        ) : (
          <QueryState isLoading={report.isLoading} error={Object.keys(fieldErrors).length ? null : report.error} refetch={report.refetch}>
            {data && data.lines.length === 0 && (
              <Text c="dimmed" ta="center">
                {t('report.empty')}
              </Text>
            )}
            {data && data.lines.length > 0 && (
              <ScrollArea type="auto" style={{ opacity: report.isPlaceholderData ? 0.6 : 1 }}>
                <table className="pivot" data-testid="report-table">
                  <thead>
                    <tr>
                      {data.rows.map((r) => (
                        <th key={r}>{t(`report.dims.${r}`, { defaultValue: r })}</th>
                      ))}
                      {data.columns.map((c) => (
                        <th key={c} className="num">
                          {columnLabel(c, data.cols, locale)}
                        </th>
                      ))}
                      <th className="num total">
                        {t('report.total')}, {t('timer.hoursMinutes')}
                      </th>
                      {hasCost && <th className="num">{t('report.labourCost')}</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {body}
                    <TotalsRow data={data} hasCost={hasCost} label={t('report.total')} locale={locale} />
                  </tbody>
                </table>
              </ScrollArea>
            )}
          </QueryState>
        )}
      </Paper>
    </Stack>
  );
}

/** The totals line: the server's column totals and grand total, printed as they come. */
function TotalsRow({ data, hasCost, label, locale }: { data: TimeReport; hasCost: boolean; label: string; locale: Locale }) {
  const v = lineView(data.totals.cells, data.totals.total, locale, true);
  return (
    <tr className="total">
      <td colSpan={data.rows.length}>{label}</td>
      {v.cells.map((c, j) => (
        <td key={j} className="num" data-cell>
          {c}
        </td>
      ))}
      <td className="num" data-testid="report-total" data-row-total>
        {v.total}
      </td>
      {hasCost && (
        <td className="num money" data-row-cost>
          {v.cost}
        </td>
      )}
    </tr>
  );
}
