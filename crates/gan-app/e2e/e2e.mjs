#!/usr/bin/env node
// End-to-end browser test of the built GAN Werkstatt site: the runner of the suite in suite/.
//
//   node crates/gan-app/e2e/e2e.mjs --site <dist dir> --mode webgpu|cpu|threads --out <artifact dir> [--debug]
//
// Serves <site> under /gan-werkstatt/ (as GitHub Pages does) from a zero-dependency static
// server on 127.0.0.1, drives Debian's chromium through playwright-core (installed into
// .tools/ by `.ci/setup all`; it never downloads a browser) and runs the classroom scenario
// against the app's data-testid contract. Prints one `ok - [area] ...` / `not ok - [area] ...`
// line per check, stops at the first failure (after saving <out>/<mode>-failure.png), ends with
// a line per area (passed, failed, not run) and writes <out>/<mode>.png and <out>/<mode>.json
// with the measured figures and every check.
//
// The checks live in suite/, one module per area: lesson (the scenario, lesson links,
// languages, the README's picture), watch (each phase's data, the diagram, the pace, presenter
// mode), judge, files, hostile (frozen tab, random clicks, CSP,
// forced divergence, bad links), speed (auto's choice, the kernels, the main thread's figures,
// the threaded trainer) and site (what the run fetched); suite/context.mjs is the harness they
// share. MODES and PLAN below are the only tables: a new mode is a line in MODES, a new test a
// line in PLAN.
//
// cpu mode: chromium without --enable-unsafe-webgpu, where navigator.gpu.requestAdapter()
// returns null, so the app must fall back to its CPU trainer. webgpu mode: the flag is on and
// chromium offers its SwiftShader (software) WebGPU adapter. First the app in "auto" must
// choose the CPU over it; then `?backend=webgpu` forces WebGPU, which is correct but slow (a
// training step takes ~5-20 s, the first ~20 s more for shader compiles), hence the generous
// timeouts. Both modes block the site's service worker, so the page stays without cross-origin
// isolation and runs the single-threaded CPU trainer. threads mode allows it, as a visitor of the
// GitHub Pages site would: the first visit installs it and reloads once, isolated, and the CPU
// trainer runs on a pool of threads (gan-worker-mt); `?threads=1` goes back to one thread. Then
// the classroom checks of cpu mode run again, on the threaded trainer.

import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM, CHROMIUM_FLAGS, loadPlaywright, parseOptions, startServer, SUB_PATH } from './harness.mjs';
import {
  abortedAfterResponse, args, badResponses, configure, consoleErrors, currentArea, failedRequests,
  Failure, foreignRequests, initScript, MODE, note, OUT, page, pageErrors, results, setArea,
  setPage, setTamper, SITE, sleep, watchPage,
} from './suite/context.mjs';
import * as files from './suite/files.mjs';
import * as hostile from './suite/hostile.mjs';
import * as judge from './suite/judge.mjs';
import * as lesson from './suite/lesson.mjs';
import * as watch from './suite/watch.mjs';
import * as site from './suite/site.mjs';
import * as speed from './suite/speed.mjs';

// ---------------------------------------------------------------- what runs

// How chromium starts in each mode: its extra flags, and whether the site's service worker may
// run (only threads mode lets it isolate the page).
const MODES = {
  cpu: { flags: [], serviceWorkers: 'block' },
  webgpu: { flags: ['--enable-unsafe-webgpu'], serviceWorkers: 'block' },
  threads: { flags: [], serviceWorkers: 'allow' },
};

// Every test, in the order it runs, with its area and the modes it runs in. The order matters:
// a row goes on from the page the rows before it left (the judge reads the lesson's training,
// the frozen tab and the clicks follow the judge, addressFollows starts on badLink's page).
const PLAN = [
  // area     test                                 modes
  ['speed',   speed.autoPicksTheCpu,               'webgpu'],
  ['speed',   speed.threadedTrainer,               'threads'],
  ['lesson',  lesson.load,                         'cpu webgpu'],
  ['lesson',  lesson.phases,                       'cpu webgpu'],
  ['lesson',  lesson.training,                     'cpu webgpu'],
  ['speed',   speed.mainThread,                    'cpu webgpu'],
  ['lesson',  lesson.pauseAndStep,                 'cpu webgpu'],
  ['judge',   judge.quality,                       'cpu webgpu'],
  ['hostile', hostile.frozenTab,                   'cpu'],
  ['hostile', hostile.rapidClicks,                 'cpu'],
  ['hostile', hostile.contentSecurityPolicy,       'cpu webgpu threads'],
  ['speed',   speed.kernelChecks,                  'webgpu'],
  ['hostile', hostile.forcedDivergence,            'cpu threads'],
  ['files',   files.checkpointRoundTrip,           'cpu threads'],
  ['files',   files.pretrainedStart,               'cpu threads'],
  ['judge',   judge.brokenJudge,                   'cpu threads'],
  ['judge',   judge.conditionalModel,              'cpu threads'],
  ['files',   files.fashionData,                   'cpu threads'],
  ['files',   files.ownPictures,                   'cpu threads'],
  ['lesson',  lesson.lessonLink,                   'cpu threads'],
  ['hostile', hostile.badLink,                     'cpu threads'],
  ['lesson',  lesson.addressFollows,               'cpu threads'],
  ['lesson',  lesson.languageSwitch,               'cpu threads'],
  ['lesson',  lesson.browserLanguage,              'cpu threads'],
  ['lesson',  lesson.readmeShot,                   'cpu'],
  ['watch',   watch.phaseData,                     'cpu'],
  ['watch',   watch.pacing,                        'cpu'],
  ['watch',   watch.presenter,                     'cpu'],
  ['watch',   watch.detectiveGame,                 'cpu'],
  ['site',    site.requests,                       'cpu webgpu threads'],
];

// ---------------------------------------------------------------- arguments

function usage(msg) {
  if (msg) console.error(`e2e: ${msg}`);
  console.error(`usage: node e2e.mjs --site <dist dir> --mode ${Object.keys(MODES).join('|')} --out <artifact dir> [--debug]`);
  process.exit(2);
}

const parsed = parseOptions(process.argv.slice(2), { valued: ['--site', '--mode', '--out'], flags: ['--debug'] }, { debug: false }, usage);
if (!parsed.site || !parsed.mode || !parsed.out) usage('--site, --mode and --out are required');
if (!Object.hasOwn(MODES, parsed.mode)) usage(`--mode must be one of ${Object.keys(MODES).join(', ')}`);
configure(parsed);

// ---------------------------------------------------------------- the summary

// Passed and failed checks per area of this mode's plan, in the plan's order; an area with no
// check yet was not reached (the run stops at the first failure).
function summary(rows) {
  const areas = {};
  for (const [area] of rows) areas[area] ??= { passed: 0, failed: 0 };
  for (const c of results.checks) {
    areas[c.area] ??= { passed: 0, failed: 0 };
    areas[c.area][c.ok ? 'passed' : 'failed'] += 1;
  }
  for (const [area, n] of Object.entries(areas)) {
    const state = n.failed ? 'FAILED' : n.passed ? 'passed' : 'not run';
    console.log(`# [${area}] ${state}: ${n.passed} passed, ${n.failed} failed`);
  }
  return areas;
}

// ---------------------------------------------------------------- main

async function main() {
  if (!fs.existsSync(path.join(SITE, 'index.html'))) usage(`${SITE}/index.html not found (build the site first)`);
  await fsp.mkdir(OUT, { recursive: true });
  const rows = PLAN.filter(([, , modes]) => modes.split(' ').includes(MODE));
  const { chromium } = loadPlaywright();
  const started = await startServer(SITE);
  const { server, port, served } = started;
  setTamper(started.tamper);
  const url = `http://127.0.0.1:${port}${SUB_PATH}`;
  note(`mode ${MODE}; serving ${SITE} at ${url}; areas: ${[...new Set(rows.map(([area]) => area))].join(', ')}`);

  const profile = await fsp.mkdtemp(path.join(os.tmpdir(), `gan-e2e-${MODE}-`));
  const flags = [...CHROMIUM_FLAGS, ...MODES[MODE].flags];
  let context = null;
  let exitCode = 1;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: flags,
      viewport: { width: 1366, height: 768 },
      timeout: 60_000,
      serviceWorkers: MODES[MODE].serviceWorkers,
    });
    results.browser = context.browser()?.version() ?? null;
    note(`chromium ${results.browser ?? '(version unknown)'} flags: ${flags.join(' ')}`);
    await context.addInitScript(initScript);
    // Everything must come from the site itself: no request may leave 127.0.0.1:<port>.
    context.on('request', (r) => {
      const u = new URL(r.url());
      const local = u.hostname === '127.0.0.1' && u.port === String(port);
      if (!local && u.protocol !== 'data:' && u.protocol !== 'blob:') foreignRequests.push(r.url());
    });
    context.on('response', (r) => {
      if (r.status() >= 400) badResponses.push(`${r.status()} ${r.url()}`);
    });
    context.on('requestfailed', async (r) => {
      const what = `${r.url()}: ${r.failure()?.errorText}`;
      // Chromium sometimes reports a worker's fetch as ERR_ABORTED after its 200 response was
      // streamed in full (the stream closes before the loader's completion arrives, and the
      // body is collected). The app checks what it got (SHA-256 of the digits and of the judge),
      // so such a request is noted; a request without a 200 response fails the test.
      const response = await r.response().catch(() => null);
      if (r.failure()?.errorText === 'net::ERR_ABORTED' && response?.status() === 200) {
        abortedAfterResponse.push(what);
        console.log(`# aborted after a 200 response (body already delivered): ${what}`);
        return;
      }
      failedRequests.push(what);
      console.log(`# request failed: ${what}`);
    });
    setPage(context.pages()[0] ?? (await context.newPage()));
    watchPage(page);

    const env = { chromium, flags, served, port, browserContext: context };
    for (const [area, test] of rows) {
      setArea(area);
      await test(url, env);
    }
    results.ok = true;
    exitCode = 0;
  } catch (e) {
    if (!(e instanceof Failure)) {
      results.checks.push({ ok: false, area: currentArea(), msg: `[${currentArea()}] ${e.message}` });
      console.log(`not ok - [${currentArea()}] ${e.message.split('\n')[0]}`);
      if (args.debug) console.error(e.stack);
    }
    results.error = `[${currentArea()}] ${e.message}`;
    if (badResponses.length) note(`HTTP errors: ${badResponses.join(', ')}`);
    if (failedRequests.length) note(`failed requests: ${failedRequests.join(', ')}`);
    if (page) {
      const shot = path.join(OUT, `${MODE}-failure.png`);
      await page
        .screenshot({ path: shot, fullPage: true, timeout: 30_000 })
        .then(() => note(`failure screenshot ${shot}`))
        .catch((err) => note(`no failure screenshot: ${err.message.split('\n')[0]}`));
    }
  } finally {
    results.areas = summary(rows);
    results.badResponses = badResponses;
    results.failedRequests = failedRequests;
    results.abortedAfterResponse = abortedAfterResponse;
    results.foreignRequests = foreignRequests;
    results.consoleErrors = consoleErrors;
    results.pageErrors = pageErrors;
    const json = path.join(OUT, `${MODE}.json`);
    await fsp.writeFile(json, JSON.stringify(results, null, 2) + '\n');
    note(`figures ${json}`);
    if (context) await Promise.race([context.close().catch(() => {}), sleep(15_000)]);
    server.closeAllConnections?.();
    await new Promise((r) => server.close(r));
    await fsp.rm(profile, { recursive: true, force: true }).catch(() => {});
  }
  console.log(exitCode === 0 ? `# ${MODE}: all checks passed` : `# ${MODE}: FAILED in [${currentArea()}]`);
  process.exit(exitCode);
}

main().catch((e) => {
  console.error(`e2e: ${e.stack || e}`);
  process.exit(1);
});
