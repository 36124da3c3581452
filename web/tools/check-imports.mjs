#!/usr/bin/env node
// The web UI's module boundaries (docs/architecture.md, "Web UI modules"), checked on every `npm test`
// so that a shortcut across them fails CI instead of growing into another tangle:
//   lib/                 imports only lib/
//   api/, i18n/          import lib/, api/, i18n/
//   components/          imports lib/, api/, i18n/, components/
//   features/X/          imports lib/, api/, i18n/, components/, its own files, and another feature only
//                        through that feature's index.ts; the features import each other without cycles
//   app/, main.tsx       the composition root: import anything; nothing else imports them
// A new top-level folder under src/ is refused until the rule says where it stands.
//
// Usage: node tools/check-imports.mjs [SRC_DIR]   (default: web/src); exit 1 on a violation.
// The specifiers come from TypeScript's own pre-parser (import, import type, export … from, import()),
// so comments and strings that merely look like imports do not count.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const SHARED = ['lib', 'api', 'i18n', 'components'];
const MAY_IMPORT = {
  lib: ['lib'],
  api: ['lib', 'api', 'i18n'],
  i18n: ['lib', 'api', 'i18n'],
  components: ['lib', 'api', 'i18n', 'components'],
};
const SOURCE = /\.(ts|tsx)$/;
const RESOLVE = ['', '.ts', '.tsx', '/index.ts', '/index.tsx'];

function walk(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (SOURCE.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const posix = (p) => p.split(path.sep).join('/');

function resolve(fromFile, specifier) {
  const base = path.resolve(path.dirname(fromFile), specifier);
  for (const ext of RESOLVE) {
    const p = base + ext;
    if (fs.existsSync(p) && fs.statSync(p).isFile()) return p;
  }
  return null;
}

/** Where a file (path relative to src, POSIX) stands: lib, api, i18n, components, app, root,
 * features/NAME, or null for a folder the rule does not know. */
function areaOf(rel) {
  const parts = rel.split('/');
  if (parts.length === 1) return 'root';
  if (parts[0] === 'features') return parts.length > 2 ? `features/${parts[1]}` : null;
  if (parts[0] === 'app' || SHARED.includes(parts[0])) return parts[0];
  return null;
}

const isFeature = (area) => area?.startsWith('features/');
const isIndex = (rel) => /^features\/[^/]+\/index\.tsx?$/.test(rel);

/** One cycle through `start` inside its strongly connected component, as a list of nodes. */
function cycleThrough(start, edges, component) {
  const seen = new Set();
  const pathTo = [start];
  const dfs = (node) => {
    for (const next of [...(edges.get(node) ?? [])].sort()) {
      if (!component.has(next)) continue;
      if (next === start) return true;
      if (seen.has(next)) continue;
      seen.add(next);
      pathTo.push(next);
      if (dfs(next)) return true;
      pathTo.pop();
    }
    return false;
  };
  dfs(start);
  return [...pathTo, start];
}

/** Strongly connected components with more than one feature (Tarjan). */
function cycles(edges) {
  let index = 0;
  const idx = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  const visit = (v) => {
    idx.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const component = new Set();
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        component.add(w);
      } while (w !== v);
      if (component.size > 1) found.push(component);
    }
  };
  for (const v of [...edges.keys()].sort()) if (!idx.has(v)) visit(v);
  return found.map((c) => cycleThrough([...c].sort()[0], edges, c));
}

/**
 * Every violation under `srcDir` as "file: message" (file relative to srcDir), sorted; empty when the
 * tree keeps the rule. Also returns the feature graph it saw.
 */
export function checkImports(srcDir) {
  const root = path.resolve(srcDir);
  const violations = [];
  const edges = new Map();
  for (const file of walk(root).sort()) {
    const rel = posix(path.relative(root, file));
    const from = areaOf(rel);
    const report = (msg) => violations.push(`${rel}: ${msg}`);
    if (from === null) {
      report('is in a folder the module rule does not know (lib, api, i18n, components, features/NAME, app)');
      continue;
    }
    if (isFeature(from) && !edges.has(from)) edges.set(from, new Set());
    const text = fs.readFileSync(file, 'utf8');
    for (const { fileName: spec } of ts.preProcessFile(text, true, true).importedFiles) {
      if (!spec.startsWith('.')) continue; // a package
      const target = resolve(file, spec);
      if (!target) {
        report(`'${spec}' does not resolve to a file`);
        continue;
      }
      const trel = posix(path.relative(root, target));
      if (trel.startsWith('../')) {
        report(`'${spec}' reaches outside src/`);
        continue;
      }
      const to = areaOf(trel);
      if (to === 'root') {
        report(`'${spec}': nothing imports the entry point`);
        continue;
      }
      if (from === 'app' || from === 'root') continue;
      if (to === 'app') {
        report(`'${spec}': only app/ and main.tsx import app/ (move what is shared to lib/, api/ or components/)`);
        continue;
      }
      if (to === null) {
        report(`'${spec}' is in a folder the module rule does not know`);
        continue;
      }
      if (isFeature(from)) {
        if (to === from || SHARED.includes(to)) continue;
        edges.get(from).add(to);
        if (!isIndex(trel)) report(`'${spec}': another feature is imported only through its index.ts ('${to}')`);
        continue;
      }
      if (!MAY_IMPORT[from].includes(to)) report(`'${spec}': ${from}/ may import only ${MAY_IMPORT[from].map((a) => `${a}/`).join(', ')}`);
    }
  }
  for (const cycle of cycles(edges)) violations.push(`features: an import cycle ${cycle.join(' → ')}`);
  violations.sort();
  return { violations, edges };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src');
  const { violations } = checkImports(dir);
  for (const v of violations) console.error(v);
  if (violations.length) {
    console.error(`${violations.length} import(s) cross the module boundaries (docs/architecture.md, "Web UI modules")`);
    process.exit(1);
  }
  console.log('imports keep the module boundaries');
}
