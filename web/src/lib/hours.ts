// Durations typed by people: "1:30", "1.5", "1,5", "90m", "2h", "45 мин" → integer minutes.

/** Minutes from a typed duration, or null when it cannot be read or is not positive. */
export function parseDuration(input: string): number | null {
  const s = input.trim().toLowerCase().replace(/\s+/g, '');
  if (s === '') return null;
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
  if (minutes === null || !Number.isFinite(minutes) || minutes <= 0 || minutes > 24 * 60) return null;
  return minutes;
}

/** "1:30" from 90 minutes: the form's canonical display. */
export function formatDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${h}:${String(m).padStart(2, '0')}`;
}
