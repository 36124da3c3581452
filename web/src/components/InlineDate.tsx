// A date edited in place (deal's next step, a task's due date): the shared DateField, saved on Enter,
// leaving the field or a pick in the calendar; Esc cancels the edit only; a date in the past is saved
// only after a yes; a year far from today's is refused (DateField).
import { useRef, useState } from 'react';
import type { MantineSize } from '@mantine/core';
import { useLocale } from '../i18n';
import { formatDate } from '../lib/format';
import { todayIso } from '../lib/dates';
import { DateField } from './DateField';

export function InlineDateEditor({ value, onSave, onDone, testId, size = 'xs', warnPast = true, w = 170, ariaLabel, today = todayIso() }: {
  value: string | null;
  /** Throws an Error whose message shows under the field. */
  onSave: (iso: string | null) => Promise<void>;
  /** Leaves the editor (saved, unchanged or cancelled). */
  onDone: () => void;
  testId: string;
  size?: MantineSize;
  warnPast?: boolean;
  w?: number;
  ariaLabel?: string;
  today?: string;
}) {
  const { t, locale } = useLocale();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const saving = useRef(false);
  const invalid = useRef(false);
  // A refused past date or a failed save keeps the editor open when the focus leaves.
  const held = useRef(false);

  async function save(iso: string | null) {
    held.current = false;
    if (iso === value) return onDone();
    if (warnPast && iso && iso < today && !window.confirm(t('dates.pastConfirm', { date: formatDate(iso, locale) }))) {
      held.current = true;
      setError(t('dates.pastTitle'));
      return;
    }
    saving.current = true;
    setBusy(true);
    setError(null);
    try {
      await onSave(iso);
      onDone();
    } catch (e) {
      held.current = true;
      setError((e as Error).message);
    } finally {
      saving.current = false;
      setBusy(false);
    }
  }

  return (
    <DateField
      value={value}
      onChange={(v) => void save(v)}
      autoFocus
      stopEscape
      yearsAround={5}
      size={size}
      w={w}
      error={error}
      busy={busy}
      aria-label={ariaLabel}
      testId={testId}
      onInvalidChange={(bad) => {
        invalid.current = bad;
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onDone();
        }
        // Enter with an unchanged date leaves; a changed one is saving (or was refused) already.
        if (e.key === 'Enter' && !saving.current && !held.current) onDone();
      }}
      onBlur={() => {
        if (!saving.current && !invalid.current && !held.current) onDone();
      }}
    />
  );
}
