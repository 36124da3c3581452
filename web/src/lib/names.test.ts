import { describe, expect, it } from 'vitest';
import { dedupeClient, shortServiceName } from './names';

describe('service names', () => {
  it('drop the client suffix inside the client card', () => {
    expect(shortServiceName('SEO — ООО Ромашка', 'ООО Ромашка')).toBe('SEO');
    expect(shortServiceName('SEO для Ромашки', 'ООО Ромашка')).toBe('SEO для Ромашки');
    expect(shortServiceName(' — ООО Ромашка', 'ООО Ромашка')).toBe(' — ООО Ромашка');
  });
  it('lose a repeated client prefix in the report', () => {
    expect(dedupeClient('ООО Ромашка — SEO — ООО Ромашка')).toBe('SEO — ООО Ромашка');
    expect(dedupeClient('ООО Ромашка — SEO')).toBe('ООО Ромашка — SEO');
  });
});
