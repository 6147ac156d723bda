#!/usr/bin/env node
// Where the CPU goes while the speed benchmark's page trains: Chromium's threads, side by side.
//
//   cp -r ../shared/peer/tfjs-gan /tmp/tfjs-gan
//   node crates/gan-app/e2e/threads.mjs --site target/e2e/site --peer /tmp/tfjs-gan \
//        [--backend webgpu|cpu] [--every 2]
//
// Opens the release site's bench page (`?bench=1&backend=…`) in Debian's chromium through the
// peer's launcher (the flags `.ci/bench-speed` uses) and, every `--every` seconds, reads the CPU
// time of each thread of every chromium process from /proc. Prints, for each phase of the
// benchmark (calibrating, warming up, measuring), the cores each thread used, summed over
// processes and threads of the same name; then the benchmark's result.
//
// On a software WebGPU adapter the device is the CPU: SwiftShader's threads compete with the
// page's main thread, its raster and compositor threads and the worker for the same cores, so
// whatever the page draws is taken from training. That is how the phase boxes' animation was
// found (docs/benchmarks.md, "Where the time goes").

import fs from 'node:fs';
import path from 'node:path';
import { parseOptions, peerLauncher, startServer, SUB_PATH } from './harness.mjs';

function usage(msg) {
  if (msg) console.error(`threads: ${msg}`);
  console.error('usage: node threads.mjs --site <dist> --peer <peer copy> [--backend webgpu|cpu] [--every 2]');
  process.exit(2);
}

const args = parseOptions(process.argv.slice(2), { valued: ['--site', '--peer', '--backend', '--every'] }, { backend: 'webgpu', every: '2' }, usage);
if (!args.site || !args.peer) usage('--site and --peer are required');
if (!['webgpu', 'cpu'].includes(args.backend)) usage(`unknown backend ${args.backend}`);
const EVERY_MS = 1000 * Number(args.every);
const TICKS_PER_SECOND = 100; // USER_HZ: /proc's unit of CPU time on Linux
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** CPU seconds of every chromium thread, by "pid/tid", with a name "process type/thread name". */
function threadTimes() {
  const times = new Map();
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let cmdline;
    try {
      cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue; // the process ended meanwhile
    }
    if (!cmdline.includes('chromium')) continue;
    const type = (cmdline.match(/--type=([a-z-]+)/) || [null, 'browser'])[1];
    let tids = [];
    try {
      tids = fs.readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      try {
        const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        // The name may hold spaces and brackets: it lies between the first '(' and the last ')'.
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replace(/\d+$/, '#');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        // Fields 14 and 15 of stat (utime, stime) are 11 and 12 after the name.
        const seconds = (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
        times.set(`${pid}/${tid}`, { name: `${type}/${name}`, seconds });
      } catch {
        // the thread ended meanwhile
      }
    }
  }
  return times;
}

// The peer's launcher (its npm packages installed into the copy first): bench.mjs's flags.
const { launch } = peerLauncher(path.resolve(args.peer), usage);
const { server, port } = await startServer(path.resolve(args.site));
const { ctx, close } = await launch(['--enable-unsafe-webgpu', '--enable-unsafe-swiftshader']);
const phases = new Map(); // benchmark state → { seconds, cpu: Map(thread name → CPU seconds) }
let result = null;
try {
  const page = ctx.pages()[0] || (await ctx.newPage());
  await page.goto(`http://127.0.0.1:${port}${SUB_PATH}?bench=1&backend=${args.backend}`, { waitUntil: 'commit' });
  let before = threadTimes();
  let since = Date.now();
  const deadline = Date.now() + 900_000;
  while (!result) {
    await sleep(EVERY_MS);
    const r = await page.evaluate(() => {
      const el = document.querySelector('[data-testid="bench-result"]');
      return el ? { state: el.getAttribute('data-state'), json: el.textContent } : null;
    });
    const now = threadTimes();
    const state = r?.state ?? 'loading';
    const phase = phases.get(state) ?? { seconds: 0, cpu: new Map() };
    phase.seconds += (Date.now() - since) / 1000;
    for (const [id, t] of now) {
      const used = t.seconds - (before.get(id)?.seconds ?? 0);
      if (used > 0) phase.cpu.set(t.name, (phase.cpu.get(t.name) ?? 0) + used);
    }
    phases.set(state, phase);
    [before, since] = [now, Date.now()];
    if (state === 'done' || state === 'failed') result = JSON.parse(r.json);
    else if (Date.now() > deadline) throw new Error(`no result within 900 s (state ${state})`);
  }
} finally {
  await close();
  server.close();
}
for (const [state, phase] of phases) {
  const total = [...phase.cpu.values()].reduce((a, b) => a + b, 0);
  console.log(`\n${state}: ${phase.seconds.toFixed(0)} s, ${(total / phase.seconds).toFixed(2)} cores in all`);
  const top = [...phase.cpu].sort((a, b) => b[1] - a[1]).filter(([, s]) => s / phase.seconds >= 0.005);
  for (const [name, seconds] of top) console.log(`  ${(seconds / phase.seconds).toFixed(3)} cores  ${name}`);
}
const f = result.figures ?? {};
console.log(`\n${args.backend}: app ${result.median_steps_per_second?.toFixed(2)} steps/s, bare loop ${f.bare_steps_per_second?.toFixed(2)}, app overhead ${(100 * (result.app_overhead ?? NaN)).toFixed(1)} %`);
