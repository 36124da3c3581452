// The one date field of the app: typed in the interface language's format (lib/dates.ts: 03.12.2026 in
// Russian, 12/03/2026 in English), a calendar beside it, and an error under it for a date that does
// not exist or is out of bounds — never a silent revert to the previous value.
import { useEffect, useRef, useState, type CSSProperties, type KeyboardEvent, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { ActionIcon, Loader, Popover, TextInput, type MantineSize } from '@mantine/core';
import { DatePicker } from '@mantine/dates';
import { useLocale } from '../i18n';
import { checkDate, datePattern, formatDateInput, parseDateInput, todayIso } from '../lib/dates';
import { formatDate } from '../lib/format';

export interface DateFieldProps {
  /** "YYYY-MM-DD" or null. */
  value: string | null;
  /** Called with a valid date ("YYYY-MM-DD") or null (emptied) when the text is committed: on blur, Enter or a pick in the calendar. */
  onChange: (iso: string | null) => void;
  label?: ReactNode;
  description?: ReactNode;
  /** An error from outside (e.g. the server's) shown when the text itself is fine. */
  error?: ReactNode;
  required?: boolean;
  minDate?: string;
  maxDate?: string;
  /** Shown instead of the generic "not after …" (e.g. "no time in the future"). */
  maxMessage?: string;
  /** A year further than this from today's is refused (0202, 2062). */
  yearsAround?: number;
  size?: MantineSize;
  w?: number | string;
  style?: CSSProperties;
  autoFocus?: boolean;
  leftSection?: ReactNode;
  leftSectionWidth?: number;
  busy?: boolean;
  'aria-label'?: string;
  title?: string;
  testId?: string;
  /** Esc inside the field does not reach a surrounding drawer or modal (inline editors). */
  stopEscape?: boolean;
  /** Told whether the typed text is unusable (so a form can refuse to save). */
  onInvalidChange?: (invalid: boolean) => void;
  /** Keys after the field's own handling (Enter commits first, and stops here when the text is wrong). */
  onKeyDown?: (e: KeyboardEvent<HTMLInputElement>) => void;
  /** Leaving the field, after the commit. */
  onBlur?: () => void;
}

export function DateField(props: DateFieldProps) {
  const { value, onChange, required, minDate, maxDate, maxMessage, yearsAround = 20, testId, onInvalidChange } = props;
  const { t, locale } = useLocale();
  const [text, setText] = useState(() => formatDateInput(value, locale));
  const [localError, setLocalError] = useState<string | null>(null);
  const [calendar, setCalendar] = useState(false);
  const focused = useRef(false);

  // A new value from outside (or a language switch) shows formatted, unless the person is typing.
  useEffect(() => {
    if (!focused.current) {
      setText(formatDateInput(value, locale));
      setLocalError(null);
    }
  }, [value, locale]);

  const setError = (e: string | null) => {
    setLocalError(e);
    onInvalidChange?.(e !== null);
  };

  /** Reads the text; a valid date goes to onChange, anything else stays typed with an error under it. */
  function commit(raw: string): boolean {
    const s = raw.trim();
    if (s === '') {
      if (required) {
        setError(t('dates.required'));
        return false;
      }
      setError(null);
      if (value !== null) flushSync(() => onChange(null));
      return true;
    }
    const p = parseDateInput(s, locale);
    if (!p.ok) {
      setError(p.reason === 'invalid' ? t('dates.noSuchDay', { text: s }) : t('dates.unreadable', { pattern: datePattern(locale) }));
      return false;
    }
    const check = checkDate(p.iso, { today: todayIso(), min: minDate, max: maxDate, yearsAround });
    const problem =
      check === 'absurdYear'
        ? t('dates.absurdYear', { year: p.iso.slice(0, 4) })
        : check === 'beforeMin'
          ? t('dates.notBefore', { date: formatDate(minDate, locale) })
          : check === 'afterMax'
            ? (maxMessage ?? t('dates.notAfter', { date: formatDate(maxDate, locale) }))
            : null;
    if (problem) {
      setError(problem);
      return false;
    }
    setError(null);
    setText(formatDateInput(p.iso, locale));
    // Synchronously: Enter in a form then submits with the date just typed, not the one before.
    if (p.iso !== value) flushSync(() => onChange(p.iso));
    return true;
  }

  const calendarButton = (
    <ActionIcon
      variant="subtle"
      color="gray"
      size="sm"
      aria-label={t('dates.calendar')}
      title={t('dates.calendar')}
      tabIndex={-1}
      // Keeps the focus in the input: opening the calendar is not leaving the field.
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => setCalendar((o) => !o)}
      data-testid={testId ? `${testId}-calendar` : undefined}
    >
      <svg width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden>
        <rect x="3" y="4" width="18" height="18" rx="2" />
        <path d="M16 2v4M8 2v4M3 10h18" />
      </svg>
    </ActionIcon>
  );

  return (
    <Popover opened={calendar} onChange={setCalendar} position="bottom-start" shadow="md" zIndex={1000} withinPortal trapFocus={false} returnFocus={false} closeOnEscape={false}>
      <Popover.Target>
        <TextInput
          label={props.label}
          description={props.description}
          required={required}
          size={props.size}
          w={props.w}
          style={props.style}
          autoFocus={props.autoFocus}
          leftSection={props.leftSection}
          leftSectionWidth={props.leftSectionWidth}
          aria-label={props['aria-label']}
          title={props.title}
          placeholder={datePattern(locale)}
          inputMode="numeric"
          autoComplete="off"
          value={text}
          error={localError ?? props.error}
          rightSection={props.busy ? <Loader size={12} /> : calendarButton}
          data-testid={testId}
          data-invalid-date={localError ? '1' : undefined}
          data-mantine-stop-propagation={props.stopEscape || calendar ? 'true' : undefined}
          onFocus={() => {
            focused.current = true;
          }}
          onChange={(e) => {
            setText(e.currentTarget.value);
            if (localError) setError(null);
          }}
          onBlur={() => {
            focused.current = false;
            setCalendar(false);
            commit(text);
            props.onBlur?.();
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && calendar) {
              e.preventDefault();
              e.stopPropagation();
              setCalendar(false);
              return;
            }
            if (e.key === 'Enter') {
              // The typed date is committed first (an error keeps the form from submitting).
              if (!commit(text)) {
                e.preventDefault();
                return;
              }
            }
            if (e.key === 'ArrowDown' && e.altKey) {
              e.preventDefault();
              setCalendar(true);
              return;
            }
            props.onKeyDown?.(e);
          }}
        />
      </Popover.Target>
      <Popover.Dropdown onMouseDown={(e) => e.preventDefault()} data-testid={testId ? `${testId}-dropdown` : undefined}>
        <DatePicker
          value={value}
          defaultDate={value ?? todayIso()}
          minDate={minDate}
          maxDate={maxDate}
          onChange={(v) => {
            setCalendar(false);
            setError(null);
            setText(formatDateInput(v, locale));
            if (v !== value) onChange(v);
          }}
        />
      </Popover.Dropdown>
    </Popover>
  );
}
