#!/usr/bin/env node
// Spectral lint of docs/openapi.yaml with the repository's .spectral.yaml (spectral:oas).
//
//   node tests/contract/lint.mjs [--spec docs/openapi.yaml]
//
// Errors and warnings fail, one line each (a rule is switched off in .spectral.yaml with a reason,
// never ignored here); infos and hints are printed only. Closes with "1 passed, 0 failed" when
// clean, else "0 passed, M failed" with M the errors and warnings.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const { values: args } = parseArgs({
  options: { spec: { type: 'string', default: path.join(root, 'docs', 'openapi.yaml') } },
});
const spectral = path.join(here, 'node_modules', '.bin', 'spectral');
const ruleset = path.join(root, '.spectral.yaml');
const SEVERITY = ['error', 'warning', 'info', 'hint'];

function run(extra) {
  const out = spawnSync(spectral, ['lint', args.spec, '--ruleset', ruleset, '--fail-severity', 'warn', ...extra],
    { encoding: 'utf8', cwd: root });
  if (out.error) {
    console.log(`FAIL cannot run ${path.relative(root, spectral)} (npm ci in tests/contract first): ${out.error.message}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  return out;
}

const out = run(['--format', 'json', '--quiet']);
let results;
try {
  results = JSON.parse(out.stdout);
} catch {
  console.log(`FAIL spectral printed no JSON (exit ${out.status}): ${(out.stderr || out.stdout).trim().slice(0, 2000)}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

let failed = 0;
for (const r of results) {
  const where = `${path.relative(root, r.source || args.spec)}:${r.range.start.line + 1}:${r.range.start.character + 1}`;
  const line = `${where} ${SEVERITY[r.severity]} ${r.code}: ${r.message} (${r.path.join('.')})`;
  if (r.severity <= 1) {
    console.log(`FAIL ${line}`);
    failed += 1;
  } else {
    console.log(`note ${line}`);
  }
}
// One check when clean (the lint), else one failure per error or warning.
console.log(`${failed || out.status !== 0 ? 0 : 1} passed, ${failed || (out.status !== 0 ? 1 : 0)} failed`);
process.exit(failed || out.status !== 0 ? 1 : 0);
