#!/usr/bin/env node
// Soak test: the app trains for a whole lesson in headless Chromium, and nothing may grow.
//
//   node crates/gan-app/e2e/soak.mjs --site <dist dir> --mode cpu|webgpu --out <dir>
//        [--minutes 20] [--every 60] [--warmup 120] [--speed 50]
//
// Serves <site> under /gan-werkstatt/ on 127.0.0.1, opens it with `?backend=<mode>`, presses
// Train and samples, every --every seconds:
//   - the page's JS heap after a forced garbage collection (CDP HeapProfiler + Runtime),
//   - the page's DOM nodes and event listeners (CDP Memory.getDOMCounters),
//   - the wasm memory of the page and of the trainer worker (their WebAssembly.Memory, caught
//     when each instantiates its module),
//   - the trainer's live GPU buffers (GPUDevice.createBuffer calls whose buffer is neither
//     destroyed nor garbage-collected, after a forced collection in the worker),
//   - the points of the loss and Fréchet charts, and the step counter.
// After the warm-up, no figure may grow more than 10 % (the mean of the last 3 samples against
// that of the first 3 after the warm-up), the charts must stay within their bound, every
// interval must train at least one step, and the page must report no error. The curves land
// in <out>/soak-<mode>.json and <out>/soak-<mode>.md.

import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM, CHROMIUM_FLAGS, loadPlaywright, parseOptions, startServer, SUB_PATH } from './harness.mjs';

const args = parseOptions(
  process.argv.slice(2),
  { valued: ['--site', '--mode', '--out', '--minutes', '--every', '--warmup', '--speed'] },
  { minutes: '20', every: '60', warmup: '120', speed: '50' },
  usage,
);
function usage(msg) {
  if (msg) console.error(`soak: ${msg}`);
  console.error('usage: node soak.mjs --site <dist> --mode cpu|webgpu --out <dir> [--minutes 20] [--every 60] [--warmup 120] [--speed 50]');
  process.exit(2);
}
if (!args.site || !args.mode || !args.out) usage('--site, --mode and --out are required');
if (args.mode !== 'cpu' && args.mode !== 'webgpu') usage('--mode must be cpu or webgpu');
const MINUTES = Number(args.minutes);
const EVERY_S = Number(args.every);
const WARMUP_S = Number(args.warmup);
if (!(MINUTES > 0 && EVERY_S >= 5 && WARMUP_S >= 0 && WARMUP_S < MINUTES * 60)) usage('need minutes > 0, every >= 5 s, 0 <= warmup < the run');
const SITE = path.resolve(args.site);
const OUT = path.resolve(args.out);
const GROWTH_LIMIT = 0.1;
// The charts hold bounded histories, not every step: 5 curves × (raw + smoothed) of at most
// History::DEFAULT_CAPACITY (400) points each, and the Fréchet line of at most 1000 reports
// (QualityTrack). They fill up during a run and then merge, so they are checked against this
// bound, not for growth.
const CHART_POINT_BOUND = 5 * 2 * 400 + 1000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Runs in the page before its scripts (an init script) and in the trainer before it loads its
// wasm (prepended to the trainer's loader as the soak serves it): keeps every wasm memory and
// counts GPU buffers. Must not change what the app does.
function instrument() {
  if (globalThis.__soak) return false;
  const soak = (globalThis.__soak = { memories: [], buffers: new Set(), created: 0, destroyed: 0 });
  const keep = (result) => {
    const instance = result instanceof WebAssembly.Instance ? result : result?.instance;
    if (instance?.exports?.memory instanceof WebAssembly.Memory) soak.memories.push(instance.exports.memory);
    return result;
  };
  for (const name of ['instantiate', 'instantiateStreaming']) {
    const original = WebAssembly[name];
    WebAssembly[name] = function (...a) {
      return original.apply(this, a).then(keep);
    };
  }
  if (globalThis.GPUDevice && globalThis.GPUBuffer) {
    const create = GPUDevice.prototype.createBuffer;
    GPUDevice.prototype.createBuffer = function (...a) {
      const buffer = create.apply(this, a);
      soak.created++;
      soak.buffers.add(new WeakRef(buffer));
      return buffer;
    };
    const destroy = GPUBuffer.prototype.destroy;
    GPUBuffer.prototype.destroy = function () {
      if (!this.__soakDestroyed) {
        this.__soakDestroyed = true;
        soak.destroyed++;
      }
      return destroy.call(this);
    };
  }
  return true;
}

// Runs in a worker or the page: collects garbage, then reads what instrument() keeps.
function census() {
  globalThis.gc?.();
  const soak = globalThis.__soak;
  if (!soak) return null;
  let live = 0;
  for (const ref of soak.buffers) {
    const buffer = ref.deref();
    if (!buffer || buffer.__soakDestroyed) soak.buffers.delete(ref);
    else live++;
  }
  return {
    wasmBytes: soak.memories.reduce((sum, m) => sum + m.buffer.byteLength, 0),
    memories: soak.memories.length,
    gpuLive: live,
    gpuCreated: soak.created,
    gpuDestroyed: soak.destroyed,
  };
}

// Runs in the page: the step counter and the charts' points.
function pageFigures() {
  const step = document.querySelector('[data-testid="step-counter"]')?.getAttribute('data-step');
  let points = 0;
  for (const p of document.querySelectorAll('svg path')) points += ((p.getAttribute('d') || '').match(/[ML]/g) || []).length;
  return {
    step: step == null ? null : Number(step),
    chartPoints: points,
    divergence: document.querySelector('[data-testid="divergence"]') !== null,
    fatal: document.querySelector('[data-testid="fatal"]')?.textContent ?? null,
  };
}

const MB = (b) => (b / 1048576).toFixed(1);
const COLUMNS = [
  ['minute', (s) => (s.t / 60).toFixed(1)],
  ['step', (s) => s.step],
  ['page JS heap MB', (s) => MB(s.pageHeap)],
  ['DOM nodes', (s) => s.domNodes],
  ['listeners', (s) => s.listeners],
  ['page wasm MB', (s) => MB(s.pageWasm)],
  ['worker wasm MB', (s) => MB(s.workerWasm)],
  ['live GPU buffers', (s) => (s.gpuLive == null ? '–' : s.gpuLive)],
  ['chart points', (s) => s.chartPoints],
];
// The figures the growth limit applies to (all but the step and the time).
const WATCHED = [
  ['page JS heap', 'pageHeap'],
  ['DOM nodes', 'domNodes'],
  ['event listeners', 'listeners'],
  ['page wasm memory', 'pageWasm'],
  ['worker wasm memory', 'workerWasm'],
  ['live GPU buffers', 'gpuLive'],
];

async function main() {
  await fsp.mkdir(OUT, { recursive: true });
  const { chromium } = loadPlaywright();
  const { server, port, tamper } = await startServer(SITE);
  // The trainers' loaders (`import init from './gan-worker….js'; await init();`), each with the
  // instrumentation first: imports only define the glue, so it runs before init() loads wasm.
  for (const loader of ['gan-worker-cpu_loader.js', 'gan-worker_loader.js']) {
    const original = await fsp.readFile(path.join(SITE, loader), 'utf8');
    tamper.set(`/${loader}`, `(${instrument.toString()})();\n${original}`);
  }
  const url = `http://127.0.0.1:${port}${SUB_PATH}?backend=${args.mode}`;
  const profile = await fsp.mkdtemp(path.join(os.tmpdir(), `gan-soak-${args.mode}-`));
  const flags = [
    ...CHROMIUM_FLAGS,
    // gc() in the page and the workers, so that each sample counts only what is still held.
    '--js-flags=--expose-gc',
  ];
  if (args.mode === 'webgpu') flags.push('--enable-unsafe-webgpu');
  console.log(`# soak ${args.mode}: ${MINUTES} min, a sample every ${EVERY_S} s, warm-up ${WARMUP_S} s; ${url}`);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: flags,
    viewport: { width: 1366, height: 768 },
    timeout: 60_000,
    // The single-threaded trainer, as the soak has always measured it: no isolation.
    serviceWorkers: 'block',
  });
  const errors = [];
  const samples = [];
  let failures = [];
  let trainer = null;
  try {
    await context.addInitScript(instrument);
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('worker', (w) => {
      if (w.url().includes('gan-worker')) trainer = w;
    });
    const cdp = await context.newCDPSession(page);
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    await page.locator('[data-testid="app"][data-ready="true"]').waitFor({ timeout: 300_000 });
    await page.locator('[data-testid="speed"]').selectOption(args.speed);
    await page.locator('[data-testid="train"]').click();
    const t0 = Date.now();
    const header = `| ${COLUMNS.map(([name]) => name).join(' | ')} |`;
    console.log(header);
    for (let n = 0; ; n++) {
      const due = t0 + n * EVERY_S * 1000;
      await sleep(Math.max(0, due - Date.now()));
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = await cdp.send('Runtime.getHeapUsage');
      const dom = await cdp.send('Memory.getDOMCounters');
      const figures = await page.evaluate(pageFigures);
      const inPage = await page.evaluate(census);
      const inWorker = trainer ? await trainer.evaluate(census).catch(() => null) : null;
      const sample = {
        t: (Date.now() - t0) / 1000,
        step: figures.step,
        pageHeap: heap.usedSize,
        domNodes: dom.nodes,
        listeners: dom.jsEventListeners,
        pageWasm: inPage?.wasmBytes ?? 0,
        workerWasm: inWorker?.wasmBytes ?? 0,
        gpuLive: args.mode === 'webgpu' ? (inWorker?.gpuLive ?? null) : null,
        gpuCreated: inWorker?.gpuCreated ?? 0,
        chartPoints: figures.chartPoints,
        workerMemories: inWorker?.memories ?? 0,
      };
      samples.push(sample);
      console.log(`| ${COLUMNS.map(([, f]) => f(sample)).join(' | ')} |`);
      if (figures.fatal || figures.divergence || errors.length) {
        failures.push(`the app stopped: ${figures.fatal ?? (figures.divergence ? 'divergence' : errors.join(' | '))}`);
        break;
      }
      if (sample.t >= MINUTES * 60 - 1) break;
    }
    failures = failures.concat(judge(samples));
  } catch (e) {
    failures.push(e.message.split('\n')[0]);
  } finally {
    await Promise.race([context.close().catch(() => {}), sleep(15_000)]);
    server.closeAllConnections?.();
    await new Promise((r) => server.close(r));
    await fsp.rm(profile, { recursive: true, force: true }).catch(() => {});
  }
  const report = { mode: args.mode, minutes: MINUTES, everySeconds: EVERY_S, warmupSeconds: WARMUP_S, samples, growth: growth(samples), failures };
  await fsp.writeFile(path.join(OUT, `soak-${args.mode}.json`), JSON.stringify(report, null, 2) + '\n');
  await fsp.writeFile(path.join(OUT, `soak-${args.mode}.md`), markdown(report));
  for (const g of report.growth) console.log(`# ${g.name}: ${g.base} after the warm-up, ${g.end} at the end (${g.percent}); largest sample ${g.max}`);
  for (const f of failures) console.log(`not ok - ${f}`);
  console.log(failures.length ? `# soak ${args.mode}: FAILED` : `ok - soak ${args.mode}: ${samples.length} samples, nothing grew more than 10 % after the warm-up, the charts stayed within their bound`);
  process.exit(failures.length ? 1 : 0);
}

/**
 * Per watched figure: its level at the end of the warm-up and at the end of the run (each the
 * mean of up to 3 samples, so that one sample taken while a message or a chart string is alive
 * does not count as growth), their ratio, and the largest single sample after the warm-up.
 */
function growth(samples) {
  const after = samples.filter((s) => s.t >= WARMUP_S - 1);
  if (after.length < 2) return [];
  const k = Math.max(1, Math.min(3, Math.floor(after.length / 3)));
  const mean = (list, key) => list.reduce((sum, s) => sum + s[key], 0) / list.length;
  return WATCHED.filter(([, key]) => after[0][key] != null).map(([name, key]) => {
    const base = Math.round(mean(after.slice(0, k), key));
    const end = Math.round(mean(after.slice(-k), key));
    const max = Math.max(...after.map((s) => s[key]));
    const ratio = base > 0 ? end / base - 1 : end > 0 ? Infinity : 0;
    return { name, key, base, end, max, ratio, percent: `${ratio >= 0 ? '+' : ''}${(100 * ratio).toFixed(1)} %` };
  });
}

/** The soak's verdict: what grew, and any interval that trained nothing. */
function judge(samples) {
  const failures = [];
  if (samples.filter((s) => s.t >= WARMUP_S - 1).length < 2) failures.push('too few samples after the warm-up to judge growth');
  for (const g of growth(samples)) {
    if (g.ratio > GROWTH_LIMIT) failures.push(`${g.name} grew ${g.percent} after the warm-up (${g.base} → ${g.end})`);
  }
  const points = Math.max(0, ...samples.map((s) => s.chartPoints));
  if (points > CHART_POINT_BOUND) failures.push(`the charts held ${points} points, more than their bound of ${CHART_POINT_BOUND}`);
  if (samples.length && samples.at(-1).workerMemories === 0) failures.push("the trainer's wasm memory was never seen (instrumentation came too late)");
  for (let i = 1; i < samples.length; i++) {
    if (!(samples[i].step > samples[i - 1].step)) failures.push(`no step between minute ${(samples[i - 1].t / 60).toFixed(1)} and ${(samples[i].t / 60).toFixed(1)}`);
  }
  return failures;
}

function markdown(report) {
  const lines = [
    `# Soak, ${report.mode}: ${report.minutes} min, a sample every ${report.everySeconds} s, warm-up ${report.warmupSeconds} s`,
    '',
    `| ${COLUMNS.map(([name]) => name).join(' | ')} |`,
    `|${COLUMNS.map(() => '---').join('|')}|`,
    ...report.samples.map((s) => `| ${COLUMNS.map(([, f]) => f(s)).join(' | ')} |`),
    '',
    '| figure | after the warm-up | at the end | growth | largest sample |',
    '|---|---|---|---|---|',
    ...report.growth.map((g) => `| ${g.name} | ${g.base} | ${g.end} | ${g.percent} | ${g.max} |`),
    '',
    `Chart points: at most ${Math.max(0, ...report.samples.map((s) => s.chartPoints))} (bound ${CHART_POINT_BOUND}).`,
    '',
    report.failures.length ? `Failed: ${report.failures.join('; ')}` : 'Passed: nothing grew more than 10 % after the warm-up.',
    '',
  ];
  return lines.join('\n');
}

main().catch((e) => {
  console.error(`soak: ${e.stack || e}`);
  process.exit(1);
});
