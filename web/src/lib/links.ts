// Secret links as the client sees them.

/** The link as the client sees it: the server gives a path ("/d/…"); the UI shows it absolute. */
export function absoluteUrl(path: string | null | undefined, origin = typeof window !== 'undefined' ? window.location.origin : ''): string {
  if (!path) return '';
  return /^https?:\/\//.test(path) ? path : `${origin}${path.startsWith('/') ? '' : '/'}${path}`;
}
