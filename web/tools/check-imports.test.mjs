// The module-boundary check (check-imports.mjs) on two small trees: one that keeps the rule and one
// that breaks it in every way the rule forbids.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkImports } from './check-imports.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

describe('the web UI', () => {
  it('keeps the module rule (docs/architecture.md, "Web UI modules")', () => {
    expect(checkImports(path.join(here, '../src')).violations).toEqual([]);
  });
});

describe('the import check', () => {
  it('passes a tree that keeps the module rule (index imports, comments and strings aside)', () => {
    const { violations, edges } = checkImports(path.join(here, 'fixtures/good'));
    expect(violations).toEqual([]);
    expect([...edges.get('features/deals')]).toEqual(['features/papers']);
  });

  it('reports app/ from a feature, a feature\'s inner file, a feature from components/, api/ from lib/, a cycle, an unknown folder', () => {
    expect(checkImports(path.join(here, 'fixtures/bad')).violations).toEqual([
      "components/Money.tsx: '../features/papers': components/ may import only lib/, api/, i18n/, components/",
      "features/deals/DealsPage.tsx: '../../app/session': only app/ and main.tsx import app/ (move what is shared to lib/, api/ or components/)",
      "features/deals/DealsPage.tsx: '../papers/PapersSection': another feature is imported only through its index.ts ('features/papers')",
      'features: an import cycle features/deals → features/papers → features/deals',
      "lib/money.ts: '../api/client': lib/ may import only lib/",
      'shared/util.ts: is in a folder the module rule does not know (lib, api, i18n, components, features/NAME, app)',
    ]);
  });
});
