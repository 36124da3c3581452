// How service names read where their client is already on screen.

/** "SEO — ООО Ромашка" shows as "SEO" inside the card of ООО Ромашка. */
export function shortServiceName(service: string, client: string): string {
  for (const sep of [' — ', ' - ', ' – ']) {
    const suffix = sep + client;
    if (service.endsWith(suffix) && service.length > suffix.length) return service.slice(0, -suffix.length);
  }
  return service;
}

/** "ООО Ромашка — SEO — ООО Ромашка" (client prefixed to a name that already ends with it) → "SEO — ООО Ромашка". */
export function dedupeClient(name: string): string {
  const parts = name.split(' — ');
  return parts.length >= 3 && parts[0] === parts[parts.length - 1] ? parts.slice(1).join(' — ') : name;
}
