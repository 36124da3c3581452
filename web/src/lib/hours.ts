// Durations typed by people: "1:30", "1.5", "1,5", "90m", "2h", "45 мин" → integer minutes.

export type DurationProblem = 'empty' | 'format' | 'negative' | 'zero' | 'over24';

/** Minutes from a typed duration, or what is wrong with it: unreadable, negative, zero, over 24 h a day. */
export function readDuration(input: string): { minutes: number } | { problem: DurationProblem } {
  const s = input.trim().toLowerCase().replace(/\s+/g, '');
  if (s === '') return { problem: 'empty' };
  if (/^[-−–]/.test(s)) return rawMinutes(s.slice(1)) !== null ? { problem: 'negative' } : { problem: 'format' };
  const m = rawMinutes(s);
  if (m === null || !Number.isFinite(m)) return { problem: 'format' };
  if (m <= 0) return { problem: 'zero' };
  if (m > 24 * 60) return { problem: 'over24' };
  return { minutes: m };
}

/** Minutes from a typed duration, or null when it cannot be read or is not positive. */
export function parseDuration(input: string): number | null {
  const r = readDuration(input);
  return 'minutes' in r ? r.minutes : null;
}

function rawMinutes(s: string): number | null {
  let minutes: number | null = null;
  let m: RegExpMatchArray | null;
  if ((m = s.match(/^(\d{1,2}):([0-5]\d)$/))) {
    minutes = Number(m[1]) * 60 + Number(m[2]);
  } else if ((m = s.match(/^(\d+(?:[.,]\d+)?)(h|ч|час|часа|часов)?$/))) {
    minutes = Math.round(Number(m[1].replace(',', '.')) * 60);
  } else if ((m = s.match(/^(\d+)(m|min|м|мин)$/))) {
    minutes = Number(m[1]);
  } else if ((m = s.match(/^(\d+)(?:h|ч)(\d+)(?:m|min|м|мин)?$/))) {
    minutes = Number(m[1]) * 60 + Number(m[2]);
  }
  return minutes;
}

/** "1:30" from 90 minutes: the form's canonical display. */
export function formatDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${h}:${String(m).padStart(2, '0')}`;
}
