// Test harness for the browser tests: a throwaway server on a demo database and Debian's Chromium.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const webDir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
export const repoDir = path.resolve(webDir, '..');

export function parseArgs(argv) {
  const args = { binary: process.env.RETAINER_BINARY ?? 'build/ci/retainer', benchClients: 5000, only: null, screenshots: path.join(repoDir, 'docs/screenshots'), keep: false, noBuild: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--binary') args.binary = argv[++i];
    else if (a === '--bench-clients') args.benchClients = Number(argv[++i]);
    else if (a === '--only') args.only = argv[++i];
    else if (a === '--screenshots') args.screenshots = argv[++i];
    else if (a === '--keep') args.keep = true;
    else if (a === '--no-build') args.noBuild = true;
    else throw new Error(`unknown argument ${a}`);
  }
  args.binary = path.resolve(repoDir, args.binary);
  return args;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** Builds web/dist so the tests never run a stale bundle (`--no-build` reuses the one there). */
export function ensureDist(skip) {
  if (skip && fs.existsSync(path.join(webDir, 'dist/index.html'))) return;
  if (!fs.existsSync(path.join(webDir, 'node_modules'))) {
    const ci = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: webDir, stdio: 'inherit' });
    if (ci.status !== 0) throw new Error('npm ci failed');
  }
  const r = spawnSync('npm', ['run', 'build'], { cwd: webDir, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm run build failed');
}

const running = new Set();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const stop of running) stop();
    process.exit(130);
  });
}

/** `retainer demo` into a fresh SQLite file, then `retainer serve` on a free port. */
export async function startServer(binary, { clients } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'retainer-e2e-'));
  const db = `sqlite:${path.join(dir, 'demo.db')}`;
  const demoArgs = ['demo', '--db', db];
  if (clients) demoArgs.push('--clients', String(clients));
  const t0 = Date.now();
  const demo = spawnSync(binary, demoArgs, { encoding: 'utf8', timeout: 15 * 60_000 });
  if (demo.status !== 0) throw new Error(`retainer demo failed: ${demo.stderr || demo.stdout}`);
  const demoSeconds = (Date.now() - t0) / 1000;
  const port = await freePort();
  const log = fs.openSync(path.join(dir, 'serve.log'), 'w');
  const proc = spawn(binary, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--web', path.join(webDir, 'dist')], { stdio: ['ignore', log, log] });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch {
      /* not yet */
    }
    if (proc.exitCode !== null) throw new Error(`retainer serve exited: ${fs.readFileSync(path.join(dir, 'serve.log'), 'utf8')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const stop = () => {
    running.delete(stop);
    proc.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  };
  running.add(stop);
  return { url, dir, demoSeconds, stop };
}

export async function launchBrowser() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'retainer-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1440, height: 900 },
    locale: 'ru-RU',
    timezoneId: 'Europe/Moscow',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Sequential tests with a closing "N passed, M failed" line. */
export function suite() {
  const tests = [];
  return {
    test(name, fn) {
      tests.push({ name, fn });
    },
    async run(only) {
      let passed = 0;
      let failed = 0;
      for (const t of tests) {
        if (only && !t.name.includes(only)) continue;
        const t0 = Date.now();
        try {
          await t.fn();
          passed++;
          console.log(`✓ ${t.name} (${Date.now() - t0} ms)`);
        } catch (e) {
          failed++;
          console.log(`✗ ${t.name}\n    ${String(e?.stack ?? e).split('\n').slice(0, 6).join('\n    ')}`);
        }
      }
      return { passed, failed };
    },
  };
}

export function assert(cond, message) {
  if (!cond) throw new Error(`assertion failed: ${message}`);
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
}

/** A JSON call from inside the signed-in page (its cookie and CSRF token), so a test checks what the
 * server stored. The body is parsed as JSON when it is JSON, else returned as text. */
export async function api(p, method, path, body) {
  return p.evaluate(
    async ([method, path, body]) => {
      const me = await (await fetch('/api/v1/auth/me')).json();
      const r = await fetch(path, { method, headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token ?? '' }, body: body ? JSON.stringify(body) : undefined });
      const text = await r.text();
      let json = null;
      try {
        json = text ? JSON.parse(text) : null;
      } catch {
        json = text;
      }
      return { status: r.status, body: json };
    },
    [method, path, body],
  );
}

/**
 * Signs the page in as a demo account (password demo), signing out whoever is in — from the staff
 * UI, the client's page or none; returns /auth/me.
 */
export async function signIn(p, base, email) {
  await p.goto(`${base}/`);
  await p.waitForSelector('input[name=email], nav, [data-testid=portal]', { timeout: 15000 });
  const me = await p.evaluate(async () => {
    const r = await fetch('/api/v1/auth/me');
    return r.ok ? r.json() : null;
  });
  if (me?.user?.email === email) return me;
  if (me) {
    await p.click('[data-testid=user-menu]');
    await p.click('[data-testid=logout]');
  }
  await p.waitForSelector('input[name=email]');
  await p.fill('input[name=email]', email);
  await p.fill('input[name=password]', 'demo');
  await p.click('button[type=submit]');
  await p.waitForSelector('nav, [data-testid=portal]', { timeout: 15000 });
  return p.evaluate(async () => (await fetch('/api/v1/auth/me')).json());
}
