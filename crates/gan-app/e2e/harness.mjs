// Shared by the end-to-end test (e2e.mjs), the speed benchmark (bench.mjs) and threads.mjs: a
// zero-dependency static server on 127.0.0.1 that serves the built site under /gan-werkstatt/,
// as GitHub Pages serves a project site.

import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Debian's chromium, unless E2E_CHROMIUM names another. */
export const CHROMIUM = process.env.E2E_CHROMIUM || '/usr/lib/chromium/chromium';

/**
 * The flags every run of Chromium here gets: headless as root, and nothing that reaches the
 * network by itself. Callers add `--enable-unsafe-webgpu` for WebGPU and their own extras.
 */
export const CHROMIUM_FLAGS = Object.freeze([
  '--headless',
  '--no-sandbox',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
]);

/** The sub-path the site is served under, as on GitHub Pages. */
export const SUB_PATH = '/gan-werkstatt/';

/**
 * Reads `--name value` options and `--flag` switches from `argv` into `defaults` (a copy), by
 * the option's name without dashes; `-h`/`--help`, an unknown argument or a missing value call
 * `usage(message)`, which exits.
 */
export function parseOptions(argv, { valued = [], flags = [] }, defaults, usage) {
  const args = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h' || a === '--help') usage();
    else if (flags.includes(a)) args[a.slice(2)] = true;
    else if (valued.includes(a)) {
      if (i + 1 >= argv.length) usage(`${a} needs a value`);
      args[a.slice(2)] = argv[++i];
    } else usage(`unknown argument ${a}`);
  }
  return args;
}

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
  '.gz': 'application/gzip', // the MNIST files: plain bytes, the app gunzips them itself
  '.md': 'text/markdown; charset=utf-8',
};

/**
 * Serves `siteDir` on an ephemeral port of 127.0.0.1; resolves to { server, port, served }.
 * With `isolate`, every response carries COOP and COEP, as `trunk serve` sends them: the page
 * is cross-origin isolated from the start (without, as on GitHub Pages, only the site's
 * service worker isolates it). `port`: a fixed port (0: any free one), so that a test can
 * stop the site and serve it again at the same address.
 */
export function startServer(siteDir, { isolate = false, port = 0 } = {}) {
  const isolation = isolate ? { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' } : {};
  const served = [];
  // Path suffix -> bytes served instead of the file (with the file's type): lets a test hand
  // the app a damaged file, or an instrumented script.
  const tamper = new Map();
  const server = http.createServer(async (req, res) => {
    const send = (status, body, headers = {}) => {
      const buf = Buffer.from(body);
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': buf.length, ...isolation, ...headers });
      res.end(req.method === 'HEAD' ? undefined : buf);
    };
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed\n', { Allow: 'GET, HEAD' });
      const url = new URL(req.url, 'http://127.0.0.1');
      let pathname;
      try {
        pathname = decodeURIComponent(url.pathname);
      } catch {
        return send(400, 'bad request\n');
      }
      if (pathname === SUB_PATH.slice(0, -1)) return send(301, 'moved\n', { Location: SUB_PATH + url.search });
      if (!pathname.startsWith(SUB_PATH) || pathname.includes('\0')) return send(404, 'not found\n');
      for (const [suffix, body] of tamper) {
        if (pathname.endsWith(suffix)) {
          served.push(pathname);
          const type = MIME[path.extname(pathname.endsWith('/') ? 'index.html' : pathname).toLowerCase()] || 'application/octet-stream';
          return send(200, body, { 'Content-Type': type, 'Cache-Control': 'no-store' });
        }
      }
      const rel = pathname.slice(SUB_PATH.length);
      let file = path.resolve(siteDir, '.' + path.posix.normalize('/' + rel));
      if (file !== siteDir && !file.startsWith(siteDir + path.sep)) return send(404, 'not found\n');
      let stat = await fsp.stat(file).catch(() => null);
      if (stat && stat.isDirectory()) {
        if (!pathname.endsWith('/')) return send(301, 'moved\n', { Location: url.pathname + '/' + url.search });
        file = path.join(file, 'index.html');
        stat = await fsp.stat(file).catch(() => null);
      }
      if (!stat || !stat.isFile()) return send(404, 'not found\n');
      const type = MIME[path.extname(file).toLowerCase()] || 'application/octet-stream';
      served.push(pathname);
      res.writeHead(200, { 'Content-Type': type, 'Content-Length': stat.size, 'Cache-Control': 'no-store', ...isolation });
      if (req.method === 'HEAD') return res.end();
      const stream = fs.createReadStream(file);
      stream.on('error', () => res.destroy());
      stream.pipe(res);
    } catch (e) {
      if (!res.headersSent) send(500, `server error: ${e.message}\n`);
      else res.destroy();
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve({ server, port: server.address().port, served, tamper }));
  });
}

/**
 * playwright-core from .tools/ of this checkout, then of the current directory, then by
 * ordinary resolution; exits with a hint when none is there (it never downloads a browser).
 */
export function loadPlaywright() {
  const bases = [
    path.join(ROOT, '.tools', 'package.json'),
    path.join(process.cwd(), '.tools', 'package.json'),
    path.join(ROOT, 'crates', 'gan-app', 'e2e', 'package.json'),
  ];
  const errors = [];
  for (const base of bases) {
    try {
      return createRequire(base)('playwright-core');
    } catch (e) {
      errors.push(`${base}: ${e.code || e.message}`);
    }
  }
  console.error('cannot load playwright-core; run `.ci/setup all` (it installs it into .tools/)');
  for (const e of errors) console.error(`  tried ${e}`);
  process.exit(2);
}

/**
 * The TF.js peer's Chromium launcher (`pwlaunch.js`) from a writable copy of the peer, with its
 * npm packages installed into the copy first if they are missing; `usage(message)` is called
 * when `peer` holds no launcher. The speed tools start Chromium through it, so ours and the
 * peer run with the same flags.
 */
export function peerLauncher(peer, usage) {
  if (!fs.existsSync(path.join(peer, 'pwlaunch.js'))) usage(`${peer}/pwlaunch.js not found (copy ../shared/peer/tfjs-gan)`);
  if (!fs.existsSync(path.join(peer, 'node_modules', 'playwright-core'))) {
    console.log("installing the peer's npm packages into its copy");
    const npm = spawnSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: peer, stdio: 'inherit' });
    if (npm.status !== 0) throw new Error(`npm install exited ${npm.status}`);
  }
  return createRequire(path.join(peer, 'package.json'))('./pwlaunch.js');
}
