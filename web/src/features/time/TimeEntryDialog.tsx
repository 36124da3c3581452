// The quick time-entry form in a modal, opened from anywhere (header button, timer, service card).
// Opened to save the timer, it posts to /api/v1/timer/save (the entry and the cleared timer in one
// transaction); closing it keeps the timer.
import { createContext, useCallback, useContext, useState, type FormEvent, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Group, Modal, Stack, TextInput, Textarea } from '@mantine/core';
import { notifications } from '../../components/notify';
import { api, ApiError } from '../../api/client';
import { useInvalidateTime } from '../../api/queries';
import { fieldMessages } from '../../api/messages';
import type { TimeEntry } from '../../api/types';
import { useLocale } from '../../i18n';
import { formatDuration, parseDuration, readDuration } from '../../lib/hours';
import { todayIso } from '../../lib/dates';
import { ServicePicker } from './ServicePicker';
import { DateField } from '../../components/DateField';

export interface TimeEntryDraft {
  entry?: TimeEntry;
  serviceId?: number | null;
  minutes?: number;
  date?: string;
  note?: string;
  source?: TimeEntry['source'];
  /** Saving the server's timer: POST /api/v1/timer/save instead of /api/v1/time-entries. */
  timer?: boolean;
}

const Ctx = createContext<(draft?: TimeEntryDraft) => void>(() => {});

export function useTimeEntryDialog() {
  return useContext(Ctx);
}

export function TimeEntryDialogProvider({ children }: { children: ReactNode }) {
  const [draft, setDraft] = useState<TimeEntryDraft | null>(null);
  const open = useCallback((d?: TimeEntryDraft) => setDraft(d ?? {}), []);
  return (
    <Ctx.Provider value={open}>
      {children}
      {draft && <TimeEntryModal draft={draft} onClose={() => setDraft(null)} />}
    </Ctx.Provider>
  );
}

function TimeEntryModal({ draft, onClose }: { draft: TimeEntryDraft; onClose: () => void }) {
  const { t, locale } = useLocale();
  const invalidate = useInvalidateTime();
  const qc = useQueryClient();
  const entry = draft.entry;
  const [serviceId, setServiceId] = useState<number | null>(entry?.service_id ?? draft.serviceId ?? null);
  const [date, setDate] = useState<string>(entry?.date ?? draft.date ?? todayIso());
  const [dateInvalid, setDateInvalid] = useState(false);
  const [hours, setHours] = useState<string>(entry ? formatDuration(entry.duration_minutes) : draft.minutes ? formatDuration(draft.minutes) : '');
  const [note, setNote] = useState(entry?.note ?? draft.note ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const read = readDuration(hours);
    const minutes = 'minutes' in read ? read.minutes : null;
    const local: Record<string, string> = {};
    if (!serviceId) local.service_id = t('time.required');
    if ('problem' in read) local.duration_minutes = read.problem === 'empty' ? t('time.required') : t(`time.hoursProblem.${read.problem}`);
    if (!date) local.date = t('time.required');
    setErrors(local);
    setFormError(null);
    if (Object.keys(local).length || dateInvalid) return;
    setBusy(true);
    try {
      if (entry) {
        await api.patch<TimeEntry>(`/api/v1/time-entries/${entry.id}`, { version: entry.version, service_id: serviceId, date, duration_minutes: minutes, note: note || null });
        notifications.show({ message: t('time.updated'), color: 'green' });
      } else if (draft.timer) {
        await api.post<TimeEntry>('/api/v1/timer/save', { service_id: serviceId, date, duration_minutes: minutes, note: note || null });
        qc.setQueryData(['timer'], { state: 'idle', service_id: null, started_at: null, seconds: 0, minutes: 0, note: '' });
        notifications.show({ message: t('timer.saved'), color: 'green' });
      } else {
        await api.post<TimeEntry>('/api/v1/time-entries', { service_id: serviceId, date, duration_minutes: minutes, note: note || null, source: draft.source ?? 'manual' });
        notifications.show({ message: t('time.created'), color: 'green' });
      }
      invalidate();
      onClose();
    } catch (err) {
      if (err instanceof ApiError) {
        setErrors(fieldMessages(err.fields, t, locale));
        if (draft.timer && err.status === 409) {
          // Saved or discarded on another device meanwhile: nothing to save here any more.
          setFormError(t('timer.gone'));
          void qc.invalidateQueries({ queryKey: ['timer'] });
        } else if (!Object.keys(err.fields).length) setFormError(err.status === 409 ? t('common.conflict') : err.status === 403 ? `${t('common.forbidden')}: ${err.message}` : err.message);
      } else setFormError(t('common.serverError'));
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    if (!entry || !window.confirm(t('common.confirmDelete'))) return;
    setBusy(true);
    try {
      await api.del(`/api/v1/time-entries/${entry.id}`);
      notifications.show({ message: t('time.deleted'), color: 'green' });
      invalidate();
      onClose();
    } catch (err) {
      setFormError(err instanceof ApiError ? err.message : t('common.serverError'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened onClose={onClose} title={entry ? t('time.editEntry') : draft.timer ? t('timer.saveTitle') : t('time.quickAdd')} zIndex={300} size="md">
      <form onSubmit={submit} data-testid="time-entry-form">
        <Stack>
          {formError && <Alert color="red">{formError}</Alert>}
          <ServicePicker value={serviceId} onChange={setServiceId} error={errors.service_id} autoFocus={!serviceId} />
          <Group grow align="start">
            <DateField
              label={t('time.date')}
              value={date || null}
              onChange={(v) => setDate(v ?? '')}
              onInvalidChange={setDateInvalid}
              error={errors.date}
              maxDate={todayIso()}
              maxMessage={t('dates.future')}
              testId="time-entry-date"
              required
            />
            <TextInput
              label={t('time.hours')}
              description={(() => {
                const m = parseDuration(hours);
                return m ? t('time.parsed', { hours: Math.floor(m / 60), minutes: m % 60 }) : t('time.hoursHint');
              })()}
              value={hours}
              onChange={(e) => setHours(e.currentTarget.value)}
              error={errors.duration_minutes}
              name="hours"
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              autoFocus={!!serviceId}
              required
            />
          </Group>
          <Textarea label={t('time.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errors.note} name="note" autosize minRows={2} maxRows={6} />
          <Group justify="space-between">
            {entry ? (
              <Button color="red" variant="subtle" onClick={remove} disabled={busy}>
                {t('common.delete')}
              </Button>
            ) : (
              <span />
            )}
            <Group>
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={busy} data-testid="time-entry-save">
                {t('common.save')}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
