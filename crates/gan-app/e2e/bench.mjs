#!/usr/bin/env node
// Speed benchmark: GAN Werkstatt's app against the TF.js peer, side by side, in one run.
//
//   node crates/gan-app/e2e/bench.mjs --site <dist dir> --peer <writable copy of the peer> \
//        --out <dir> [--ours cpu,webgpu] [--theirs wasm-simd,cpu,webgl,webgpu]
//
// Both sides run in Debian's chromium through the peer's own launcher (pwlaunch.js: the same
// flags, a fresh profile per run, `--enable-unsafe-webgpu --enable-unsafe-swiftshader`), one
// browser per variant, one after the other on this machine.
//
// Ours: the release site under /gan-werkstatt/ with `?bench=1&backend=<cpu|webgpu>`. The page
// asks its worker to measure the bare matrix products of one step and the bare training loop,
// then trains with every panel updating, skips 5 warm-up steps and times 3 windows (≥ 30 steps
// and ≥ 3 s, or 20 s at most), as the peer does. The result is read from the page's
// `data-testid="bench-result"` JSON.
// Theirs: the peer's run.sh with the given variants; its markdown table is parsed.
//
// Prints one table with median steps/s and the ratios ours/peer, and writes <out>/bench.json
// and <out>/bench.md.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { parseOptions, peerLauncher, startServer, SUB_PATH } from './harness.mjs';

function parseArgs(argv) {
  const valued = ['--site', '--peer', '--out', '--ours', '--theirs'];
  const args = parseOptions(argv, { valued }, { ours: 'cpu,cpu-threads,webgpu', theirs: 'wasm-simd,wasm-simd-threads,cpu,webgl,webgpu' }, usage);
  if (!args.site || !args.peer || !args.out) usage('--site, --peer and --out are required');
  args.ours = args.ours.split(',').filter(Boolean);
  args.theirs = args.theirs.split(',').filter(Boolean);
  for (const m of args.ours) if (!['cpu', 'cpu-threads', 'webgpu'].includes(m)) usage(`--ours: unknown backend ${m}`);
  return args;
}

function usage(msg) {
  if (msg) console.error(`bench: ${msg}`);
  console.error('usage: node bench.mjs --site <dist> --peer <peer copy> --out <dir> [--ours cpu,cpu-threads,webgpu] [--theirs wasm-simd,wasm-simd-threads,cpu,webgl,webgpu]');
  process.exit(2);
}

const args = parseArgs(process.argv.slice(2));
const SITE = path.resolve(args.site);
const PEER = path.resolve(args.peer);
const OUT = path.resolve(args.out);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const FLAGS = (process.env.CHROME_FLAGS || '--enable-unsafe-webgpu --enable-unsafe-swiftshader').split(' ').filter(Boolean);
// SwiftShader needs minutes for calibration, warm-up and three windows.
const OURS_TIMEOUT_MS = +(process.env.BENCH_TIMEOUT_MS || 900_000);

// ---------------------------------------------------------------- ours

// cpu: the single-threaded trainer (`threads=1`); cpu-threads: the page served cross-origin
// isolated (as trunk serve, or the service worker on GitHub Pages), the trainer on a pool of
// one thread per core.
async function runOurs(launch, base, backend) {
  const query = { cpu: 'backend=cpu&threads=1', 'cpu-threads': 'backend=cpu', webgpu: 'backend=webgpu' }[backend];
  const url = `${base}?bench=1&${query}`;
  console.log(`\n===== ours ${backend}: ${url}   chrome flags: ${FLAGS.join(' ')}`);
  const { ctx, close } = await launch(FLAGS);
  try {
    const page = ctx.pages()[0] || (await ctx.newPage());
    page.on('pageerror', (e) => console.log(`  [pageerror] ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') console.log(`  [console.error] ${m.text()}`);
    });
    await page.goto(url, { waitUntil: 'commit', timeout: 60_000 });
    const deadline = Date.now() + OURS_TIMEOUT_MS;
    let last = '';
    for (;;) {
      const r = await page.evaluate(() => {
        const el = document.querySelector('[data-testid="bench-result"]');
        const s = document.querySelector('[data-testid="bench-summary"]');
        return el ? { state: el.getAttribute('data-state'), json: el.textContent, summary: s?.textContent ?? '' } : null;
      });
      if (r && r.summary !== last) {
        last = r.summary;
        console.log(`  ${last}`);
      }
      if (r && (r.state === 'done' || r.state === 'failed')) return JSON.parse(r.json);
      if (Date.now() > deadline) throw new Error(`no result within ${OURS_TIMEOUT_MS / 1000} s (last: ${last})`);
      await sleep(500);
    }
  } finally {
    await close();
  }
}

// ---------------------------------------------------------------- theirs

function runPeer(variants) {
  console.log(`\n===== peer: bash ${PEER}/run.sh ${variants.join(' ')}`);
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [path.join(PEER, 'run.sh'), ...variants], { env: { ...process.env, CHROME_FLAGS: FLAGS.join(' ') } });
    let out = '';
    const take = (d) => {
      out += d;
      process.stdout.write(d);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`peer run.sh exited ${code}`))));
  });
}

// The peer's markdown rows: | variant | min | median | max | median GFLOP/s | steps per run | mm | detail |
function parsePeerTable(out) {
  const rows = {};
  for (const line of out.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 9 || cells[1] === 'variant' || cells[1].startsWith('---')) continue;
    const median = Number(cells[3]);
    if (cells[1] && Number.isFinite(median)) {
      rows[cells[1]] = { min: Number(cells[2]), median, max: Number(cells[4]), gflops: Number(cells[5]), steps: cells[6], matmul: cells[7], detail: cells[8] };
    }
  }
  return rows;
}

// ---------------------------------------------------------------- table

const fmt = (x, d = 2) => (x === undefined || x === null || !Number.isFinite(x) ? '–' : x.toFixed(d));

function table(ours, theirs) {
  const lines = [];
  const pairs = {
    cpu: ['wasm-simd', 'cpu', 'wasm-simd-threads', 'wasm-plain'],
    'cpu-threads': ['wasm-simd-threads', 'wasm-simd'],
    webgpu: ['webgl', 'webgpu'],
  };
  lines.push('| ours | steps/s (median of 3) | vs TF.js | TF.js steps/s (median of 3) | ratio ours / TF.js |');
  lines.push('|---|---|---|---|---|');
  for (const [backend, report] of Object.entries(ours)) {
    const m = report?.median_steps_per_second;
    for (const peer of pairs[backend]) {
      if (!theirs[peer]) continue;
      const p = theirs[peer].median;
      lines.push(`| ${backend} | ${fmt(m)} | ${peer} | ${fmt(p, 3)} | ${m && p ? fmt(m / p, 1) + '×' : '–'} |`);
    }
  }
  lines.push('');
  lines.push('| ours | windows steps/s | bare loop steps/s | app overhead (1 − app/bare) | GEMM ceiling GFLOP/s | app GFLOP/s (GEMMs of a step) | share of the GEMM ceiling |');
  lines.push('|---|---|---|---|---|---|---|');
  for (const [backend, r] of Object.entries(ours)) {
    if (!r) continue;
    const f = r.figures || {};
    const g = f.gemm;
    const ceiling = g ? g.step_gemm_flops / g.round_ms / 1e6 : undefined;
    const appGemm = g && r.median_steps_per_second ? (r.median_steps_per_second * g.step_gemm_flops) / 1e9 : undefined;
    lines.push(
      `| ${backend} | ${r.windows.map((w) => fmt(w.steps_per_second)).join(' / ')} | ${fmt(f.bare_steps_per_second)} | ${r.app_overhead === null || r.app_overhead === undefined ? '–' : fmt(100 * r.app_overhead, 1) + ' %'} | ${fmt(ceiling, 1)} | ${fmt(appGemm, 1)} | ${r.gemm_efficiency ? fmt(100 * r.gemm_efficiency, 0) + ' %' : '–'} |`,
    );
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------- main

async function main() {
  if (!fs.existsSync(path.join(SITE, 'index.html'))) usage(`${SITE}/index.html not found (build the site first)`);
  await fsp.mkdir(OUT, { recursive: true });
  // The peer's launcher and its playwright-core: both sides start chromium the same way.
  const { launch } = peerLauncher(PEER, usage);
  const { server, port } = await startServer(SITE);
  const isolated = await startServer(SITE, { isolate: true });
  const base = `http://127.0.0.1:${port}${SUB_PATH}`;
  const isolatedBase = `http://127.0.0.1:${isolated.port}${SUB_PATH}`;
  const ours = {};
  try {
    for (const backend of args.ours) {
      try {
        ours[backend] = await runOurs(launch, backend === 'cpu-threads' ? isolatedBase : base, backend);
        console.log(`  median ${fmt(ours[backend].median_steps_per_second)} steps/s on ${ours[backend].backend?.kind}`);
      } catch (e) {
        console.log(`  [failed] ${e.message}`);
        ours[backend] = null;
      }
    }
  } finally {
    for (const s of [server, isolated.server]) {
      s.closeAllConnections?.();
      await new Promise((r) => s.close(r));
    }
  }
  const theirs = args.theirs.length ? parsePeerTable(await runPeer(args.theirs)) : {};
  const md = table(ours, theirs);
  console.log('\n===== GAN Werkstatt vs TF.js, one run, same machine, browser and flags\n');
  console.log(md);
  await fsp.writeFile(path.join(OUT, 'bench.json'), JSON.stringify({ flags: FLAGS, ours, theirs }, null, 2) + '\n');
  await fsp.writeFile(path.join(OUT, 'bench.md'), md + '\n');
  console.log(`\nwritten: ${path.join(OUT, 'bench.json')}, ${path.join(OUT, 'bench.md')}`);
  const failed = Object.values(ours).some((r) => !r || r.state?.state !== 'done');
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
