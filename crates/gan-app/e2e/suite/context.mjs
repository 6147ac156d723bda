// The harness every area of the end-to-end suite shares (e2e.mjs runs the areas): the run's
// settings and budgets, the page handle, the checks (`ok`, `fail`, `check`, `note`, each line
// prefixed with the area that runs), page access with a deadline (`evalT`, `waitFor`, `click`,
// `openApp`), the init script that instruments every page, the small readers the areas evaluate
// in the page, and the bookkeeping of requests, console and page errors.
//
// The settings are exported as live bindings (`export let`), set once by `configure()` before
// any area runs, so an area reads `page`, `GPU` or `OUT` as if they were its own constants.

import path from 'node:path';

// ---------------------------------------------------------------- the run's settings

export let args = null;
export let MODE = null;
export let SITE = null;
export let OUT = null;
export let GPU = false;
export let THREADS = false;
export let page = null;
// Path suffix -> bytes the server sends instead of the file (harness.mjs startServer).
export let tamper = new Map();

// Per-mode budgets (milliseconds unless named otherwise); filled by configure().
export const T = {};

/** Sets the run's mode, paths and budgets from the runner's parsed arguments. */
export function configure(parsed) {
  args = parsed;
  MODE = parsed.mode;
  SITE = path.resolve(parsed.site);
  OUT = path.resolve(parsed.out);
  GPU = MODE === 'webgpu';
  THREADS = MODE === 'threads';
  results.mode = MODE;
  Object.assign(T, {
    ready: 180_000,
    phaseStep: GPU ? 180_000 : 30_000, // the first GPU phase includes the shader compiles
    trainSteps: GPU ? 3 : 20, // steps the training run must complete
    trainTimeout: GPU ? 300_000 : 90_000,
    window: GPU ? 60_000 : 20_000, // the measuring window, from the first step after Train
    singleStep: GPU ? 120_000 : 60_000,
    judge: GPU ? 300_000 : 60_000, // the first report judges 500 fresh digits
    longTaskFail: 250, // a task this long means the main thread is being blocked
    longTaskGoal: 50,
    // Style recalculations per second while training: the page restyles when a message lands
    // (a few a second), not every frame (60: an animation the main thread must run).
    restylesFail: 20,
  });
}

/** The page the areas drive; an area that opens a page of its own sets it and sets it back. */
export function setPage(p) {
  page = p;
}

/** The server's tamper map (startServer's), so an area can hand the app a damaged file. */
export function setTamper(map) {
  tamper = map;
}

// Figures one area leaves for a later one in the same mode (the lesson's training run, whose
// window the speed area's main-thread figures are measured in).
export const carried = {};

// ---------------------------------------------------------------- checks, by area

export const results = { mode: null, ok: false, checks: [] };

// The area whose test runs now: every check line and every result names it, so a failure says
// where it is without reading the code.
let area = 'setup';
export function setArea(name) {
  area = name;
}
export const currentArea = () => area;

export class Failure extends Error {}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function ok(msg) {
  results.checks.push({ ok: true, area, msg: `[${area}] ${msg}` });
  console.log(`ok - [${area}] ${msg}`);
}

export function note(msg) {
  console.log(`# ${msg}`);
}

export function fail(msg) {
  results.checks.push({ ok: false, area, msg: `[${area}] ${msg}` });
  console.log(`not ok - [${area}] ${msg}`);
  throw new Failure(msg);
}

export function check(cond, msg, detail) {
  if (cond) ok(msg);
  else fail(detail === undefined ? msg : `${msg} (${detail})`);
}

// ---------------------------------------------------------------- what the page did

export const badResponses = [];
export const failedRequests = [];
export const abortedAfterResponse = [];
export const foreignRequests = [];
export const consoleErrors = [];
export const pageErrors = [];
let pageErrorsReported = 0;

export function checkPageErrors() {
  if (pageErrors.length > pageErrorsReported) {
    pageErrorsReported = pageErrors.length;
    fail(`no uncaught page errors (got: ${pageErrors.join(' | ')})`);
  }
}

/** Records the console errors and uncaught errors of `p` (every page the suite opens). */
export function watchPage(p) {
  p.on('console', (m) => {
    if (m.type() === 'error') {
      consoleErrors.push(m.text());
      console.log(`# console error: ${m.text()}`);
    }
  });
  p.on('pageerror', (e) => {
    pageErrors.push(e.message);
    console.log(`# page error: ${e.message}`);
  });
}

// ---------------------------------------------------------------- driving the page

// page.evaluate with a deadline: a page whose main thread is blocked never answers.
export async function evalT(fn, arg, timeoutMs = 30_000) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`page did not answer within ${timeoutMs} ms (main thread blocked?)`)), timeoutMs);
  });
  try {
    return await Promise.race([page.evaluate(fn, arg), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// Polls fn(arg) in the page until pred(value) holds; returns the value, or fails with msg.
export async function waitFor(msg, fn, arg, pred, timeoutMs, intervalMs = 100) {
  const deadline = Date.now() + timeoutMs;
  let last;
  let lastErr;
  while (Date.now() < deadline) {
    checkPageErrors();
    try {
      last = await evalT(fn, arg, Math.max(1000, Math.min(30_000, deadline - Date.now())));
      lastErr = undefined;
      if (pred(last)) return last;
    } catch (e) {
      if (e instanceof Failure) throw e;
      lastErr = e;
    }
    await sleep(intervalMs);
  }
  fail(`${msg}: timed out after ${Math.round(timeoutMs / 1000)} s (last seen: ${lastErr ? lastErr.message : JSON.stringify(last)})`);
}

// Opens the app at `address` and waits until it reports ready; `what` names the wait.
export async function openApp(address, what) {
  await page.goto(address, { waitUntil: 'commit', timeout: 60_000 });
  await waitFor(what, attr, ['app', 'data-ready'], (v) => v === 'true', T.ready, 250);
}

export async function click(testid) {
  await page.locator(`[data-testid="${testid}"]`).click({ timeout: 30_000 });
}

// When Train was last clicked, on the page's clock (now, if the click was not seen).
export const trainClickedAt = async () => (await evalT(() => window.__trainClicks.at(-1))) ?? (await evalT(pageNow));

// ---------------------------------------------------------------- readers run in the page

export const attr = ([testid, name]) => {
  const el = document.querySelector(`[data-testid="${testid}"]`);
  return el ? el.getAttribute(name) : null;
};
export const stepNow = () => {
  const el = document.querySelector('[data-testid="step-counter"]');
  const v = el ? parseInt(el.getAttribute('data-step'), 10) : NaN;
  return Number.isFinite(v) ? v : null;
};
export const pageNow = () => performance.now();
export const valueOf = (testid) => document.querySelector(`[data-testid="${testid}"]`)?.value ?? null;
export const shown = (testid) => {
  const el = document.querySelector(`[data-testid="${testid}"]`);
  return !!el && el.closest('[hidden]') === null && el.getClientRects().length > 0;
};
export const textOf = (testid) => document.querySelector(`[data-testid="${testid}"]`)?.textContent ?? null;
export const search = () => new URLSearchParams(location.search).toString();

// Reads a canvas without touching its own context (see __canvasPixels in initScript).
export function readCanvas(testid) {
  const c = document.querySelector(`[data-testid="${testid}"]`);
  if (!c || !(c instanceof HTMLCanvasElement)) return { missing: true };
  const w = c.width;
  const h = c.height;
  if (!w || !h) return { width: w, height: h, blank: true, hash: 0 };
  const d = window.__canvasPixels(testid).data;
  let min = 255;
  let max = 0;
  let hash = 0x811c9dc5;
  for (let i = 0; i < d.length; i += 4) {
    const v = ((d[i] + d[i + 1] + d[i + 2]) / 3) * (d[i + 3] / 255);
    if (v < min) min = v;
    if (v > max) max = v;
  }
  for (let i = 0; i < d.length; i++) hash = Math.imul(hash ^ d[i], 0x01000193) >>> 0;
  return { width: w, height: h, min, max, blank: !(max > 0 && min !== max), hash };
}

// Mean grey of a canvas (0 black … 1 white).
export function meanGrey(testid) {
  const d = window.__canvasPixels(testid).data;
  let sum = 0;
  for (let i = 0; i < d.length; i += 4) sum += d[i];
  return sum / (d.length / 4) / 255;
}

// ---------------------------------------------------------------- in-page instrumentation

// Runs before any page script (context.addInitScript). Records long tasks (buffered, so the
// ones before the observer existed count too), the moment the app reports ready, every change
// of the step counter, and the moment of each click on Train.
export function initScript() {
  // The pixels of an app canvas, read from a copy (calling getContext('2d') on the app's own
  // canvas could create one): the one reader the checks share.
  window.__canvasPixels = (testid) => {
    const c = document.querySelector(`[data-testid="${testid}"]`);
    if (!c || !(c instanceof HTMLCanvasElement) || !c.width || !c.height) return null;
    const scratch = document.createElement('canvas');
    scratch.width = c.width;
    scratch.height = c.height;
    const ctx = scratch.getContext('2d', { willReadFrequently: true });
    ctx.drawImage(c, 0, 0);
    return ctx.getImageData(0, 0, c.width, c.height);
  };
  window.__longTasks = [];
  window.__stepLog = [];
  window.__readyAt = null;
  window.__trainClicks = [];
  // What the page's Content-Security-Policy blocked (each navigation starts empty).
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) =>
    window.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'}`),
  );
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) {
    window.__longTaskError = String(e);
  }
  const watch = () => {
    let lastStep = null;
    const check = () => {
      if (window.__readyAt === null && document.querySelector('[data-testid="app"][data-ready="true"]')) {
        window.__readyAt = performance.now();
      }
      const c = document.querySelector('[data-testid="step-counter"]');
      const s = c ? c.getAttribute('data-step') : null;
      if (s !== null && s !== lastStep) {
        lastStep = s;
        window.__stepLog.push({ t: performance.now(), step: parseInt(s, 10) });
      }
    };
    new MutationObserver(check).observe(document, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-ready', 'data-step'],
    });
    check();
  };
  if (document.documentElement) watch();
  else document.addEventListener('readystatechange', watch, { once: true });
  document.addEventListener(
    'click',
    (ev) => {
      const t = ev.target instanceof Element ? ev.target.closest('[data-testid="train"]') : null;
      if (t) window.__trainClicks.push(performance.now());
    },
    true,
  );
}
