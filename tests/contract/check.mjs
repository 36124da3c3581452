#!/usr/bin/env node
// Validates real HTTP exchanges of the API tests against docs/openapi.yaml (docs/contract-tests.md).
//
//   python3 tests/api/run.py --binary build/rel/retainer --backend sqlite --record /tmp/x.jsonl
//   node tests/contract/check.mjs --exchanges /tmp/x.jsonl --backend sqlite
//
// Each recorded exchange (tests/api/harness.py, ExchangeLog) is replayed through an in-process
// Express app guarded by express-openapi-validator, which matches the concrete path to its
// operation and validates the JSON body against the response declared for the status (exact code,
// then NXX, then `default`) with Ajv's JSON Schema 2020-12 dialect. This script adds what that
// middleware leaves out: the status must be declared, the Content-Type must be a declared media
// type (no body where none is declared), headers declared `required: true` must be present and
// every declared header that is sent must match its schema. The validator gets a strict copy of
// the spec (see strictCopy): a field the server sends that the spec does not declare fails. Last,
// every operation of the spec must have been answered 2xx at least once (a 2xx that breaks the
// spec fails its own check), unless allow-listed in unexercised.txt with a reason.
//
// One check per (operation, status) seen and one per operation (exercised); one line per distinct
// failure, then "N passed, M failed". Exit status 1 on any failure.
import { readFileSync, existsSync } from 'node:fs';
import { once } from 'node:events';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Ajv2020 from 'ajv/dist/2020.js';
import express from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import YAML from 'yaml';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

const { values: args } = parseArgs({
  options: {
    exchanges: { type: 'string' },
    spec: { type: 'string', default: path.join(root, 'docs', 'openapi.yaml') },
    allow: { type: 'string', default: path.join(here, 'unexercised.txt') },
    backend: { type: 'string', default: '' },
    verbose: { type: 'boolean', short: 'v', default: false },
  },
});

let passed = 0;
let failed = 0;
const tag = args.backend ? `[${args.backend}] ` : '';
function pass(what) {
  passed += 1;
  if (args.verbose) console.log(`ok   ${tag}${what}`);
}
function fail(what) {
  failed += 1;
  console.log(`FAIL ${tag}${what}`);
}
function finish() {
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

// ------------------------------------------------------------------ inputs

if (!args.exchanges || !existsSync(args.exchanges)) {
  fail(`no exchanges file ${args.exchanges ?? '(--exchanges FILE)'}: run tests/api/run.py --record FILE first`);
  finish();
}
const spec = YAML.parse(readFileSync(args.spec, 'utf8'));
const exchanges = readFileSync(args.exchanges, 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line));

const operations = new Map(); // "GET /api/v1/clients" -> { key, method, route, op }
for (const [route, item] of Object.entries(spec.paths ?? {})) {
  for (const method of METHODS) {
    if (item[method]) {
      const key = `${method.toUpperCase()} ${route}`;
      operations.set(key, { key, method, route, op: item[method] });
    }
  }
}
const label = (o) => `${o.op.operationId ?? '?'} ${o.key}`;

// unexercised.txt: "METHOD /path  # why it is not exercised"; a reason is required.
const allowed = new Map();
if (existsSync(args.allow)) {
  readFileSync(args.allow, 'utf8').split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const m = line.match(/^([A-Z]+)\s+(\S+)\s+#\s*(\S.*)$/);
    if (!m) fail(`${path.relative(root, args.allow)}:${i + 1}: expected "METHOD /path  # reason": ${line}`);
    else allowed.set(`${m[1]} ${m[2]}`, m[3]);
  });
}

// ------------------------------------------------------------------ spec helpers

function deref(node) {
  let n = node;
  for (let hops = 0; n && n.$ref && hops < 10; hops += 1) {
    const parts = n.$ref.replace(/^#\//, '').split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    n = parts.reduce((acc, p) => (acc == null ? acc : acc[p]), spec);
  }
  return n;
}

function declaredResponse(op, status) {
  const responses = op.responses ?? {};
  for (const key of [String(status), `${String(status)[0]}XX`, 'default']) {
    if (responses[key]) return { key, response: deref(responses[key]) };
  }
  return null;
}

const mediaType = (contentType) => (contentType || '').split(';')[0].trim().toLowerCase();
function mediaMatches(declared, actual) {
  const d = declared.toLowerCase();
  if (d === '*/*' || d === actual) return true;
  return d.endsWith('/*') && actual.startsWith(d.slice(0, -1));
}

function pointer(body, jsonPath) {
  const parts = jsonPath.replace(/^\/response/, '').split('/').filter((p) => p !== '');
  let v = body;
  for (const p of parts) {
    if (v == null || typeof v !== 'object') return undefined;
    v = v[p.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return v;
}
function show(value) {
  if (value === undefined) return 'absent';
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

// Header values are strings on the wire: coerce them to the schema's scalar type, then validate.
const headerAjv = new Ajv2020({ strict: false, coerceTypes: true, allErrors: true });
const headerValidators = new Map();
function headerProblem(schema, value) {
  if (!schema) return null;
  let validate = headerValidators.get(schema);
  if (!validate) {
    validate = headerAjv.compile({ type: 'object', properties: { v: schema } });
    headerValidators.set(schema, validate);
  }
  return validate({ v: value }) ? null : headerAjv.errorsText(validate.errors, { dataVar: 'value' });
}

// Strict copy for the validator: a field the server sends must be declared. Every object schema that
// lists properties, in a value position (a response's schema, a property, array items) gets `unevaluatedProperties:
// false` unless it says otherwise; with 2020-12 that also sees the properties of its $ref and
// allOf/oneOf branches, which are left open themselves (closing a branch would refuse the others').
// The published spec stays open, so adding a field is not a breaking change for clients.
// An object that lists no properties at all (`type: object` alone) is a free map and stays open.
function listsProperties(node, depth = 0) {
  if (!node || typeof node !== 'object' || depth > 20) return false;
  if (node.properties) return true;
  if (node.$ref) return listsProperties(deref(node), depth + 1);
  return ['allOf', 'oneOf', 'anyOf'].some((k) => (node[k] ?? []).some((b) => listsProperties(b, depth + 1)));
}
function close(node) {
  if (!node || typeof node !== 'object') return;
  if (listsProperties(node) && !('additionalProperties' in node) && !('unevaluatedProperties' in node)) {
    if (node.$ref) { // express-openapi-validator inlines a $ref and drops its siblings: wrap it
      node.allOf = [{ $ref: node.$ref }, ...(node.allOf ?? [])];
      delete node.$ref;
    }
    node.unevaluatedProperties = false;
  }
}
function closeWithin(node, seen = new Set()) {
  if (!node || typeof node !== 'object' || seen.has(node)) return;
  seen.add(node);
  for (const value of Object.values(node.properties ?? {})) { close(value); closeWithin(value, seen); }
  for (const key of ['items', 'additionalProperties', 'unevaluatedProperties']) {
    if (node[key] && typeof node[key] === 'object') { close(node[key]); closeWithin(node[key], seen); }
  }
  for (const value of node.prefixItems ?? []) { close(value); closeWithin(value, seen); }
  for (const key of ['allOf', 'oneOf', 'anyOf']) for (const b of node[key] ?? []) closeWithin(b, seen);
}
function strictCopy(doc) {
  const copy = structuredClone(doc);
  const schemas = Object.values(copy.components?.schemas ?? {});
  const responses = [...Object.values(copy.components?.responses ?? {})];
  for (const item of Object.values(copy.paths ?? {})) {
    for (const method of METHODS) responses.push(...Object.values(item[method]?.responses ?? {}));
  }
  for (const r of responses) {
    for (const media of Object.values(r.content ?? {})) {
      if (media.schema) { close(media.schema); schemas.push(media.schema); }
    }
  }
  const seen = new Set();
  for (const schema of schemas) closeWithin(schema, seen);
  return copy;
}

// ------------------------------------------------------------------ replay through the validator

const results = exchanges.map(() => ({ operation: null, errors: [] }));
let specProblem = null;
const app = express();
app.set('etag', false);
app.use(OpenApiValidator.middleware({
  apiSpec: strictCopy(spec),
  validateApiSpec: true,
  validateRequests: false,
  validateSecurity: false,
  ignoreUndocumented: true,
  validateResponses: {
    allErrors: true,
    onError: (err, body, req) => {
      const i = Number(req.get('x-exchange'));
      for (const e of err.errors ?? [{ path: err.path, message: err.message }]) {
        results[i].errors.push({ path: (e.path || '').replace(/^\/response/, '') || '/', message: e.message, value: show(pointer(body, e.path || '')) });
      }
    },
  },
}));
app.use((req, res) => {
  const i = Number(req.get('x-exchange'));
  const e = exchanges[i];
  if (req.openapi?.openApiRoute) results[i].operation = `${req.method} ${req.openapi.openApiRoute}`;
  res.status(e.status);
  if (e.method === 'HEAD' || !('body' in e)) res.end();
  else res.json(e.body);
});
app.use((err, req, res, _next) => { // a spec the middleware cannot load, or a routing error
  specProblem ??= `${err.status ?? ''} ${err.message}`;
  res.status(599).end();
});

const server = app.listen(0, '127.0.0.1');
await once(server, 'listening');
const { port } = server.address();
const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
const CONCURRENCY = 16;
let next = 0;
async function worker() {
  while (next < exchanges.length) {
    const i = next;
    next += 1;
    const e = exchanges[i];
    // HEAD is answered like GET without a body (RFC 9110): replayed as GET, its status checked.
    const method = e.method === 'HEAD' ? 'GET' : e.method;
    await new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path: e.path, method, agent, headers: { 'x-exchange': String(i) } },
        (res) => { res.resume(); res.on('end', resolve); });
      req.on('error', reject);
      req.end();
    });
  }
}
await Promise.all(Array.from({ length: CONCURRENCY }, worker));
agent.destroy();
server.close();
if (specProblem) {
  fail(`express-openapi-validator refused ${path.relative(root, args.spec)}: ${specProblem}`);
  finish();
}

// ------------------------------------------------------------------ judge each exchange

const pairs = new Map(); // "GET /x → 200" -> { failures: Map(text -> {count, example}) }
const exercised = new Set();
const outside = [];
exchanges.forEach((e, i) => {
  const key = results[i].operation;
  const o = key && operations.get(key);
  if (!o) {
    outside.push(`${e.method} ${e.path.split('?')[0]} → ${e.status}`);
    return;
  }
  const pairKey = `${label(o)} → ${e.status}`;
  if (!pairs.has(pairKey)) pairs.set(pairKey, new Map());
  const problems = [];
  const declared = declaredResponse(o.op, e.status);
  if (!declared) {
    problems.push(`status ${e.status} is not declared (declared: ${Object.keys(o.op.responses ?? {}).join(', ')})`);
  } else {
    const { response } = declared;
    const content = response.content ?? {};
    const types = Object.keys(content);
    const actual = mediaType(e.content_type);
    if (e.body_bytes > 0 && e.method !== 'HEAD') {
      if (types.length === 0) problems.push(`a ${actual || 'untyped'} body where the spec declares none`);
      else if (!types.some((t) => mediaMatches(t, actual))) problems.push(`Content-Type ${show(e.content_type)} is not declared (declared: ${types.join(', ')})`);
    } else if (types.length > 0 && e.method !== 'HEAD' && e.status !== 204 && e.status !== 304) {
      problems.push(`empty body where the spec declares ${types.join(', ')}`);
    }
    if (e.body_error) problems.push(`body: ${e.body_error}`);
    for (const err of results[i].errors) {
      // Reported above, by this script's own status and Content-Type checks:
      if (/no schema defined for status code|should NOT have a body/.test(err.message)) continue;
      const message = err.message === 'must NOT have unevaluated properties' ? 'is not declared in the spec' : err.message;
      problems.push(/^must have required/.test(message) ? `${err.path}: ${message}` : `${err.path}: ${message} (server sent ${err.value})`);
    }
    for (const [name, h] of Object.entries(response.headers ?? {})) {
      const header = deref(h);
      const value = e.headers?.[name.toLowerCase()];
      if (value === undefined) {
        if (header.required) problems.push(`header ${name} is required but absent`);
      } else {
        const bad = headerProblem(header.schema, value);
        if (bad) problems.push(`header ${name}: ${bad} (server sent ${show(value)})`);
      }
    }
  }
  // One line per distinct problem: array indices and the server's value are left out of the key.
  const failures = pairs.get(pairKey);
  for (const p of problems) {
    const key = p.replace(/\/\d+(?=\/|:)/g, '/*').replace(/ \(server sent .*\)$/, '');
    const seen = failures.get(key) ?? { count: 0, text: p, example: `${e.method} ${e.path} as ${e.as}` };
    seen.count += 1;
    failures.set(key, seen);
  }
  if (e.status >= 200 && e.status < 300 && e.method !== 'HEAD') exercised.add(o.key);
});

for (const [pairKey, failures] of [...pairs].sort(([a], [b]) => a.localeCompare(b))) {
  if (failures.size === 0) {
    pass(pairKey);
    continue;
  }
  failed += 1;
  for (const { count, text, example } of failures.values()) {
    console.log(`FAIL ${tag}${pairKey}: ${text}; ${example}${count > 1 ? ` (and ${count - 1} more)` : ''}`);
  }
}

for (const o of operations.values()) {
  const why = allowed.get(o.key);
  if (exercised.has(o.key)) {
    if (why) fail(`${label(o)} is exercised now: remove it from ${path.relative(root, args.allow)}`);
    else pass(`${label(o)} answered 2xx`);
  } else if (why) {
    pass(`${label(o)} not exercised (allowed: ${why})`);
  } else {
    fail(`${label(o)} never answered 2xx in the API tests: exercise it in tests/api or allow-list it in ${path.relative(root, args.allow)} with a reason`);
  }
}
for (const key of allowed.keys()) {
  if (!operations.has(key)) fail(`${path.relative(root, args.allow)} lists ${key}, which the spec does not have`);
}

console.log(`${exchanges.length} exchanges, ${pairs.size} operation×status pairs, ${exercised.size} of ${operations.size} operations answered 2xx; ${outside.length} outside the spec (unknown path or method): ${[...new Set(outside)].slice(0, 8).join('; ')}`);
finish();
