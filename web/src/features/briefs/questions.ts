// Brief template questions in the editor: pure helpers (move, checks like the server's) with unit tests.
import type { BriefQuestion, QuestionType } from './types';

export const choiceTypes: QuestionType[] = ['choice', 'multi_choice'];

export function move<T>(list: T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length || from === to) return list;
  const out = [...list];
  const [x] = out.splice(from, 1);
  out.splice(to, 0, x);
  return out;
}

/** A key from a label: latin letters, digits and _ (Cyrillic transliterated), ≤ 40, unique in the list. */
const translit: Record<string, string> = { а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'h', ц: 'c', ч: 'ch', ш: 'sh', щ: 'sch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya' };
export function keyFrom(label: string, taken: string[]): string {
  const base =
    label
      .toLowerCase()
      .split('')
      .map((c) => translit[c] ?? c)
      .join('')
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 36) || 'q';
  let key = base;
  for (let i = 2; taken.includes(key); i++) key = `${base}_${i}`;
  return key;
}

/** Problems per question index (messages are i18n keys), the same rules as the server's. */
export function questionErrors(qs: BriefQuestion[]): Record<number, string[]> {
  const out: Record<number, string[]> = {};
  const add = (i: number, e: string) => (out[i] ??= []).push(e);
  qs.forEach((q, i) => {
    if (!/^[a-z0-9_]{1,40}$/.test(q.key)) add(i, 'key');
    else if (qs.findIndex((x) => x.key === q.key) !== i) add(i, 'keyTaken');
    if (!q.label.trim() || q.label.length > 500) add(i, 'label');
    if ((q.help ?? '').length > 1000) add(i, 'help');
    const opts = (q.options ?? []).map((o) => o.trim()).filter(Boolean);
    if (choiceTypes.includes(q.type)) {
      if (opts.length < 1 || opts.length > 50) add(i, 'options');
      else if (new Set(opts).size !== opts.length) add(i, 'optionsDistinct');
      else if (opts.some((o) => o.length > 200)) add(i, 'optionLength');
    }
  });
  return out;
}

/** The question as the server wants it: options only for choice types, trimmed, no empty help. */
export function questionBody(q: BriefQuestion): BriefQuestion {
  const out: BriefQuestion = { key: q.key, type: q.type, label: q.label.trim(), required: !!q.required };
  if (q.help?.trim()) out.help = q.help.trim();
  out.options = choiceTypes.includes(q.type) ? (q.options ?? []).map((o) => o.trim()).filter(Boolean) : [];
  return out;
}
