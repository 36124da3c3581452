// Search folding shared by every in-browser filter: case-insensitive for Cyrillic and Latin, ё = е.

/** Lower-cased text with ё→е and runs of whitespace collapsed, for substring matching. */
export function fold(text: string): string {
  return text.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
}

/** True when the folded haystack contains the folded needle (an empty needle matches everything). */
export function matches(foldedHaystack: string, foldedNeedle: string): boolean {
  return foldedNeedle === '' || foldedHaystack.includes(foldedNeedle);
}
