// The speed area: where the app trains and how fast. In webgpu mode "auto" picks the CPU over
// a software adapter, and the core's WebGPU kernels agree with burn's on this browser's adapter;
// the speed hooks of every mode (long tasks on the main thread, style recalculations per second
// while training) measured in the lesson's training window; in threads mode the service worker
// isolates the page and the CPU trainer runs on a pool of threads, against one thread.

import {
  attr, carried, check, click, evalT, note, ok, openApp, page, readCanvas, results, sleep, stepNow,
  T, trainClickedAt, waitFor,
} from './context.mjs';

// webgpu mode, before the lesson: in "auto" the app must pick the CPU over chromium's
// software adapter (SwiftShader trains ~10× slower than the CPU path here) and say why.
export async function autoPicksTheCpu(url) {
  await openApp(url, 'auto mode: app becomes ready');
  const badge = await evalT(() => {
    const el = document.querySelector('[data-testid="backend-badge"]');
    return el ? { text: el.textContent.trim(), backend: el.getAttribute('data-backend') } : null;
  });
  results.autoBadge = badge && badge.text;
  check(
    badge && badge.backend === 'cpu' && /software/i.test(badge.text),
    'auto mode with a software WebGPU adapter trains on the CPU and says why',
    JSON.stringify(badge),
  );
  const selected = await evalT(() => document.querySelector('[data-testid="backend-select"]')?.value);
  check(selected === 'auto', 'the backend menu shows auto', `value ${selected}`);
}

// The speed hooks, read in the lesson's training window (`carried`) while it still trains:
// the long tasks the init script's observer saw, then Chromium's count of style
// recalculations over 3 s.
export async function mainThread() {
  const { clickAt, atEnd } = carried;
  const lt = await evalT(() => ({ list: window.__longTasks, error: window.__longTaskError ?? null }));
  if (lt.error) note(`longtask observer unavailable: ${lt.error}`);
  const inWindow = lt.list.filter((e) => e.start >= clickAt && e.start <= atEnd.now);
  const maxMs = inWindow.reduce((m, e) => Math.max(m, e.duration), 0);
  results.longTasks = {
    count: inWindow.length,
    maxMs: Math.round(maxMs),
    over50ms: inWindow.filter((e) => e.duration > T.longTaskGoal).length,
    list: inWindow.map((e) => ({ start: Math.round(e.start), duration: Math.round(e.duration) })),
    wholeRun: { count: lt.list.length, maxMs: Math.round(lt.list.reduce((m, e) => Math.max(m, e.duration), 0)) },
  };
  note(`long tasks while training: ${inWindow.length}, longest ${Math.round(maxMs)} ms (goal: none over ${T.longTaskGoal} ms); whole run: ${lt.list.length}, longest ${results.longTasks.wholeRun.maxMs} ms`);
  check(maxMs <= T.longTaskFail, `no main-thread task over ${T.longTaskFail} ms while training (longest ${Math.round(maxMs)} ms)`);

  // No work every frame while training: on a software WebGPU adapter the page's drawing
  // takes the cores that train (the phase boxes' animation once restyled and repainted them 60
  // times a second, a sixth of the training's CPU time). Counted by Chromium over 3 s.
  const perf = await page.context().newCDPSession(page);
  await perf.send('Performance.enable');
  const restyles = async () => (await perf.send('Performance.getMetrics')).metrics.find((m) => m.name === 'RecalcStyleCount')?.value ?? NaN;
  const [restylesBefore, restylesFrom] = [await restyles(), Date.now()];
  await sleep(3000);
  const perSecond = ((await restyles()) - restylesBefore) / ((Date.now() - restylesFrom) / 1000);
  await perf.detach();
  results.restylesPerSecond = +perSecond.toFixed(1);
  check(perSecond < T.restylesFail, `the page restyles when figures land, not every frame, while training (${perSecond.toFixed(1)} per second, under ${T.restylesFail})`);
}

// The core's WebGPU kernels, checked against burn's results on this browser's adapter (the
// same SwiftShader the trainer ran on) by a worker of the WebGPU trainer that trains nothing:
// every product shape and layout, the gradients and Adam (gan_fast::kernels::check). CI checks
// the kernels here instead of natively, so it compiles the GPU stack once, for the browser.
export async function kernelChecks() {
  const answer = await evalT(
    () =>
      new Promise((resolve) => {
        const worker = new Worker('./gan-worker_loader.js', { type: 'module' });
        const timer = setTimeout(() => resolve({ timeout: true }), 110_000);
        worker.onerror = (e) => resolve({ workerError: e.message || String(e) });
        worker.onmessage = (e) => {
          if (e.data?.type === 'listening') worker.postMessage({ type: 'check_kernels' });
          if (e.data?.type === 'kernels_checked' || e.data?.type === 'fatal') {
            clearTimeout(timer);
            worker.terminate();
            resolve(e.data);
          }
        };
      }),
    undefined,
    120_000,
  );
  results.kernelChecks = answer;
  check(!answer.timeout && !answer.workerError, 'a kernel-check worker answered', JSON.stringify(answer));
  check(answer.type === 'kernels_checked' && !answer.error, 'the kernel checks ran on WebGPU', JSON.stringify(answer));
  const checks = answer.checks ?? [];
  const failed = checks.filter((c) => !c.passed);
  // 7 product shapes × 4 layouts, 2 gradients, Adam's parameters and both moments.
  check(checks.length === 33, `33 kernel comparisons made (${checks.length})`, JSON.stringify(checks.map((c) => c.what)));
  const worst = Math.max(...checks.map((c) => c.worst ?? Infinity));
  check(failed.length === 0, `every kernel agrees with burn's results (worst: ${worst.toFixed(3)} of the tolerance)`, JSON.stringify(failed));
}

// threads mode: the GitHub Pages visit, whose host sends no isolation headers. The site's
// service worker must make the page cross-origin isolated (after one reload), the CPU trainer
// must then run on a pool of threads and train, and `?threads=1` must give the single-threaded
// trainer. Steps per second of both are recorded side by side, not judged (docs/benchmarks.md).
export async function threadedTrainer(url, { served }) {
  const navStart = Date.now();
  await page.goto(url, { waitUntil: 'commit', timeout: 60_000 });
  ok(`opened ${url}`);
  await waitFor('app becomes ready (data-ready="true")', attr, ['app', 'data-ready'], (v) => v === 'true', T.ready, 250);
  // The reloaded document's clock starts anew; its time origin puts both on the wall clock.
  const readyEpoch = await evalT(() => (window.__readyAt === null ? null : performance.timeOrigin + window.__readyAt));
  results.threadsMsToReady = readyEpoch === null ? null : Math.round(readyEpoch - navStart);
  note(`first visit: navigation -> ready ${results.threadsMsToReady} ms, the service worker's install and the reload included`);
  const isolation = await evalT(() => ({
    isolated: self.crossOriginIsolated,
    controlled: !!navigator.serviceWorker?.controller,
    cores: navigator.hardwareConcurrency,
    reloaded: sessionStorage.getItem('gan-werkstatt-isolation-reload'),
  }));
  results.isolation = isolation;
  check(isolation.controlled && isolation.isolated, 'the service worker makes the page cross-origin isolated', JSON.stringify(isolation));
  check(isolation.reloaded === '1', 'the first visit reloaded once to get isolated', JSON.stringify(isolation));
  const badgeNow = () => {
    const el = document.querySelector('[data-testid="backend-badge"]');
    return el ? { text: el.textContent.trim(), backend: el.getAttribute('data-backend'), threads: el.getAttribute('data-threads') } : null;
  };
  const expected = Math.min(Math.max(isolation.cores, 1), 8);
  const badge = await evalT(badgeNow);
  results.threadsBadge = badge;
  check(
    badge && badge.backend === 'cpu' && badge.threads === String(expected) && (expected === 1 || badge.text.includes(`${expected} threads`)),
    `the CPU trainer runs on ${expected} threads (one per core) and the badge says so`,
    JSON.stringify(badge),
  );
  check(
    served.some((p) => p.endsWith('/gan-worker-mt_bg.wasm')) && !served.some((p) => p.endsWith('/gan-worker-cpu_bg.wasm')),
    'the isolated page loaded the threaded trainer, not the single-threaded one',
    served.filter((p) => p.includes('worker')).join(', '),
  );

  // Trains, and how fast, with the pool and then with one thread.
  const train = async (label) => {
    const from = await evalT(stepNow);
    await click('train');
    const clickAt = await trainClickedAt();
    await waitFor(`${label}: training starts`, stepNow, undefined, (s) => s >= from + 3, T.trainTimeout);
    const first = (await evalT(() => window.__stepLog)).find((e) => e.t >= clickAt && e.step > from);
    const msToFirstStep = first ? Math.round(first.t - clickAt) : null;
    const [s0, t0] = [await evalT(stepNow), Date.now()];
    await sleep(T.window);
    const [s1, t1] = [await evalT(stepNow), Date.now()];
    await click('train');
    const perSecond = +((s1 - s0) / ((t1 - t0) / 1000)).toFixed(2);
    check(s1 - s0 >= 20, `${label}: trains (${s1 - s0} steps in ${Math.round((t1 - t0) / 1000)} s, ${perSecond} steps/s)`);
    const grid = await evalT(readCanvas, 'digit-grid');
    check(!grid.missing && !grid.blank, `${label}: the digit grid shows the forger's digits`, JSON.stringify(grid));
    return { perSecond, msToFirstStep };
  };
  const threaded = await train(`${expected} threads`);
  results.threadsStepsPerSecond = threaded.perSecond;
  results.threadsMsToFirstStep = threaded.msToFirstStep;
  note(`first visit: Train -> first step ${threaded.msToFirstStep} ms on ${expected} threads`);

  await page.goto(`${url}?threads=1`, { waitUntil: 'commit', timeout: 60_000 });
  await waitFor('?threads=1: app becomes ready', attr, ['app', 'data-ready'], (v) => v === 'true', T.ready, 250);
  const one = await evalT(badgeNow);
  check(one && one.backend === 'cpu' && one.threads === '1', '?threads=1 starts the single-threaded CPU trainer', JSON.stringify(one));
  check(served.some((p) => p.endsWith('/gan-worker-cpu_bg.wasm')), '?threads=1 loaded the single-threaded trainer');
  results.oneThreadStepsPerSecond = (await train('one thread')).perSecond;
  results.threadsOverOne = +(results.threadsStepsPerSecond / results.oneThreadStepsPerSecond).toFixed(2);
  note(`threads / one thread: ${results.threadsOverOne}× (${results.threadsStepsPerSecond} / ${results.oneThreadStepsPerSecond} steps/s, side by side)`);
}
