#!/usr/bin/env node
// Proves that check.mjs still catches what it is for, on a small spec and hand-made exchanges: a
// validator upgrade that silently stopped catching a kind of breach fails here.
//
//   node tests/contract/selftest.mjs
//
// One check per expectation, then "N passed, M failed".
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = mkdtempSync(path.join(os.tmpdir(), 'contract-selftest-'));

const spec = `
openapi: "3.1.0"
info: {title: selftest, version: "1"}
servers: [{url: "http://127.0.0.1:8080"}]
paths:
  /things:
    post:
      operationId: createThing
      responses:
        "201":
          description: Created
          headers:
            Location: {$ref: "#/components/headers/Location"}
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Thing"}
        "400": {$ref: "#/components/responses/Error"}
  /things/{id}:
    parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
    get:
      operationId: getThing
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Thing"}
        "503":
          description: busy
          headers:
            Retry-After: {required: true, schema: {type: integer, minimum: 0}}
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Error"}
        default: {$ref: "#/components/responses/Error"}
    delete:
      operationId: deleteThing
      responses:
        "204": {description: Deleted}
  /things/{id}/pdf:
    parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
    get:
      operationId: thingPdf
      responses:
        "200":
          description: OK
          content:
            application/pdf: {schema: {type: string, format: binary}}
  /never:
    get:
      operationId: neverCalled
      responses:
        "200": {description: OK}
components:
  headers:
    Location: {required: true, schema: {type: string}}
  responses:
    Error:
      description: error
      content:
        application/json:
          schema: {$ref: "#/components/schemas/Error"}
  schemas:
    Base:
      type: object
      required: [id]
      properties:
        id: {type: integer}
    Thing:
      allOf:
        - $ref: "#/components/schemas/Base"
        - type: object
          required: [name, parent_id, tags, meta]
          properties:
            name: {type: string}
            parent_id: {type: [integer, "null"]}
            kind: {type: string, enum: [a, b]}
            tags: {type: array, items: {type: object, properties: {label: {type: string}}}}
            meta: {type: object}
    Error:
      type: object
      required: [error]
      properties:
        error:
          type: object
          required: [code, message]
          properties:
            code: {type: string}
            message: {type: string}
`;

const good = { id: 1, name: 'x', parent_id: null, kind: 'a', tags: [{ label: 't' }], meta: { free: 'map' } };
const json = (o) => ({ content_type: 'application/json', body_bytes: JSON.stringify(o).length, body: o });
const ex = (method, p, status, extra = {}, headers = {}) => ({ as: 'selftest', method, path: p, status, headers, content_type: '', body_bytes: 0, ...extra });
const exchanges = [
  ex('POST', '/things', 201, json(good), { location: '/things/1' }),
  ex('GET', '/things/1', 200, json(good)),
  ex('GET', '/things/2', 404, json({ error: { code: 'not_found', message: 'no' } })), // by `default`
  ex('DELETE', '/things/1', 204),
  ex('GET', '/things/1/pdf', 200, { content_type: 'application/pdf', body_bytes: 5 }),
  ex('HEAD', '/things/1', 200),
  ex('GET', '/elsewhere', 404, json({ error: { code: 'not_found', message: 'no' } })),
  // breaches, each on its own (operation, status)
  ex('POST', '/things', 400, json({ error: { code: 'bad_request' } })),
  ex('GET', '/things/3', 200, json({ ...good, name: undefined, parent_id: 'p', extra: 1, tags: [{ label: 't', color: 'red' }] })),
  ex('GET', '/things/4', 503, json({ error: { code: 'busy', message: 'later' } })),
  ex('DELETE', '/things/2', 500, json({ error: { code: 'internal', message: 'x' } })),
  ex('GET', '/things/2/pdf', 503, { content_type: 'text/html', body_bytes: 10 }),
  ex('GET', '/things/5', 409, { content_type: 'text/html; charset=utf-8', body_bytes: 10 }),
  ex('DELETE', '/things/3', 204, { content_type: 'application/json', body_bytes: 2, body: {} }),
];
writeFileSync(path.join(dir, 'spec.yaml'), spec);
writeFileSync(path.join(dir, 'x.jsonl'), exchanges.map((e) => JSON.stringify(e)).join('\n') + '\n');
writeFileSync(path.join(dir, 'allow.txt'), 'GET /never  # selftest\n');

const out = spawnSync(process.execPath, [path.join(here, 'check.mjs'), '--spec', path.join(dir, 'spec.yaml'),
  '--exchanges', path.join(dir, 'x.jsonl'), '--allow', path.join(dir, 'allow.txt')], { encoding: 'utf8' });
rmSync(dir, { recursive: true, force: true });
const text = out.stdout + out.stderr;

let passed = 0;
let failed = 0;
function expect(what, ok) {
  if (ok) passed += 1;
  else { failed += 1; console.log(`FAIL ${what}`); }
}
const has = (re) => re.test(text);
expect('a missing required field (name) fails', has(/getThing GET \/things\/\{id\} → 200: \/name: must have required property 'name'/));
expect('a wrong type of a nullable field fails with the server\'s value', has(/→ 200: \/parent_id: must be integer,null \(server sent "p"\)/));
expect('an undeclared field at the root fails', has(/→ 200: \/extra: is not declared in the spec \(server sent 1\)/));
expect('an undeclared field in an array item fails', has(/→ 200: \/tags\/0\/color: is not declared in the spec/));
expect('a free map (object without properties) stays open', !has(/\/meta\/free/));
expect('a missing nested required field of an error fails', has(/createThing POST \/things → 400: \/error\/message: must have required property 'message'; /));
expect('a required header that is absent fails', has(/getThing GET \/things\/\{id\} → 503: header Retry-After is required but absent/));
expect('an undeclared status fails', has(/deleteThing DELETE \/things\/\{id\} → 500: status 500 is not declared/));
expect('an undeclared status of a non-JSON answer fails', has(/thingPdf GET \/things\/\{id\}\/pdf → 503: status 503 is not declared/));
expect('an undeclared Content-Type fails (status matched by default)', has(/getThing GET \/things\/\{id\} → 409: Content-Type "text\/html; charset=utf-8" is not declared \(declared: application\/json\)/));
expect('a body where none is declared fails', has(/deleteThing DELETE \/things\/\{id\} → 204: a application\/json body where the spec declares none/));
expect('the valid exchanges pass (5 pairs)', !has(/createThing POST \/things → 201/) && !has(/→ 404:/) && !has(/thingPdf GET \/things\/\{id\}\/pdf → 200/));
expect('an exchange outside the spec is only counted', has(/1 outside the spec/));
expect('an allow-listed operation passes, the others were exercised', !has(/never answered 2xx/));
expect('the closing line counts the breaches', has(/^\d+ passed, 7 failed$/m));
expect('exit status 1', out.status === 1);
if (failed) console.log(`--- check.mjs printed:\n${text}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
