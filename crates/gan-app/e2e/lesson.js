// The lesson a class goes through, as one function that runs inside the page, so that every
// engine runs it the same way whatever drives it (engines.mjs: Firefox over WebDriver BiDi,
// WebKit over classic WebDriver). It clicks what a teacher clicks and reads what the page shows:
// load, Phase step, Train (the step counter and the grid move), the judge reports, Pause, Step,
// Reset, and a checkpoint round trip (save → the download is caught in the page → load it back
// through the file input). Returns { ok, checks: [{ ok, msg }], facts }; it never throws.
//
// Plain browser JavaScript (no modules, no tools): engines.mjs sends its source as a function.
async function ganLesson(options) {
  const T = Object.assign({ ready: 240_000, train: 240_000, judge: 300_000, step: 60_000 }, options || {});
  const checks = [];
  const facts = {};
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  const $ = (id) => document.querySelector(`[data-testid="${id}"]`);
  const attr = (id, name) => $(id)?.getAttribute(name) ?? null;
  const step = () => parseInt(attr('step-counter', 'data-step') ?? 'NaN', 10);
  const ok = (cond, msg, detail) => {
    checks.push({ ok: !!cond, msg: detail === undefined ? msg : `${msg} (${detail})` });
    return !!cond;
  };
  class Stop extends Error {}
  const waitFor = async (msg, read, pred, ms) => {
    const end = Date.now() + ms;
    let last;
    while (Date.now() < end) {
      try {
        last = read();
        if (pred(last)) {
          ok(true, msg);
          return last;
        }
      } catch (e) {
        last = `threw ${e}`;
      }
      await sleep(100);
    }
    ok(false, `${msg}: not within ${ms / 1000} s`, JSON.stringify(last)?.slice(0, 300));
    throw new Stop(msg);
  };
  const click = (id) => {
    const el = $(id);
    if (!el) throw new Stop(`no [data-testid="${id}"] to click`);
    el.click();
  };
  // The grid's pixels, copied through a canvas of our own (the page's own context stays untouched).
  const gridHash = () => {
    const c = $('digit-grid');
    if (!(c instanceof HTMLCanvasElement) || !c.width) return null;
    const copy = document.createElement('canvas');
    copy.width = c.width;
    copy.height = c.height;
    const g = copy.getContext('2d');
    g.drawImage(c, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    let hash = 0x811c9dc5;
    let lit = 0;
    for (let i = 0; i < d.length; i++) hash = Math.imul(hash ^ d[i], 0x01000193) >>> 0;
    for (let i = 0; i < d.length; i += 4) lit += d[i] > 16 ? 1 : 0;
    return { hash, lit };
  };
  // What a user may never see: the browser's raw errors and stack frames.
  const RAW = /JsValue\(|@http|@\[native|\.js:\d+:\d+|wasm-function\[|RuntimeError|panicked at/;
  const rawShown = () => {
    const m = (document.body?.innerText ?? '').match(RAW);
    return m ? document.body.innerText.slice(Math.max(0, m.index - 80), m.index + 120) : null;
  };
  const errors = [];
  const onError = (e) => errors.push(String(e.message || e.reason || e));
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onError);

  // Saving: the app makes a blob URL, clicks an anchor with `download`, and revokes the URL at
  // once; the test keeps the blob and takes the click instead of the browser's download bar.
  const blobs = new Map();
  const saved = [];
  const createObjectURL = URL.createObjectURL;
  const anchorClick = HTMLAnchorElement.prototype.click;
  URL.createObjectURL = function (blob) {
    const url = createObjectURL.call(URL, blob);
    blobs.set(url, blob);
    return url;
  };
  HTMLAnchorElement.prototype.click = function () {
    if (this.download && blobs.has(this.href)) saved.push({ name: this.download, blob: blobs.get(this.href) });
    else anchorClick.call(this);
  };

  try {
    await waitFor('the page is ready (data-ready="true")', () => attr('app', 'data-ready'), (v) => v === 'true', T.ready);
    facts.backend = $('backend-badge')?.textContent?.trim();
    facts.isolated = window.crossOriginIsolated === true;
    facts.notice = $('notice')?.textContent?.trim() ?? null;
    ok(!$('fatal'), 'the trainer runs (no "trainer stopped")', $('fatal')?.textContent);

    // Phase step: phase 1 lights up, then 2.
    click('phase-step');
    const active = () => [...document.querySelectorAll('[data-testid="phase-box"][data-active="true"]')].map((b) => b.dataset.phase).join();
    await waitFor('Phase step runs phase 1', active, (a) => a === '1', T.step);
    click('phase-step');
    await waitFor('Phase step runs phase 2', active, (a) => a === '2', T.step);

    // Train: the counter and the grid move.
    const before = gridHash();
    const s0 = step();
    click('train');
    await waitFor('Train: the button is pressed', () => attr('train', 'aria-pressed'), (v) => v === 'true', T.step);
    const t0 = performance.now();
    const s1 = await waitFor('Train: the step counter moves (+20)', step, (s) => s >= s0 + 20, T.train);
    facts.stepsPerSecond = Math.round(((s1 - s0) / ((performance.now() - t0) / 1000)) * 10) / 10;
    await waitFor('Train: the digit grid changes', gridHash, (h) => h && before && h.hash !== before.hash && h.lit > 0, T.step);

    // The judge reports while training (a report every 100 steps).
    await waitFor('the judge is loaded', () => attr('judge-panel', 'data-judge'), (v) => v === 'ready', T.judge);
    facts.judge = $('judge-status')?.textContent?.trim();
    await waitFor('the judge reports (a Fréchet point and 10 bars)', () => ({
      points: parseInt(attr('frechet-chart', 'data-points') ?? '0', 10),
      bars: document.querySelectorAll('[data-testid="class-histogram"] li').length,
    }), (q) => q.points >= 1 && q.bars === 10, T.judge);
    facts.verdict = $('verdict')?.textContent?.trim();

    // Pause holds the counter; Step adds exactly one.
    click('train');
    await waitFor('Pause: the button is released', () => attr('train', 'aria-pressed'), (v) => v === 'false', T.step);
    await sleep(1500);
    const held = step();
    await sleep(1000);
    ok(step() === held, 'Pause: the counter holds', `${held} -> ${step()}`);
    click('step');
    await waitFor('Step: exactly one more step', step, (s) => s === held + 1, T.step);
    await sleep(500);
    ok(step() === held + 1, 'Step: and no more', `${held} -> ${step()}`);

    // A checkpoint round trip: save here, step on, load it, and the counter is back.
    const at = step();
    click('save-checkpoint');
    await waitFor('Save: a checkpoint file is made', () => saved.length, (n) => n >= 1, T.step);
    facts.checkpoint = { name: saved[0].name, bytes: saved[0].blob.size };
    click('step');
    await waitFor('Step after saving', step, (s) => s === at + 1, T.step);
    const input = $('load-checkpoint');
    const transfer = new DataTransfer();
    transfer.items.add(new File([saved[0].blob], saved[0].name, { type: 'application/octet-stream' }));
    input.files = transfer.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await waitFor(`Load: the checkpoint brings back step ${at}`, step, (s) => s === at, T.step);
    click('step');
    await waitFor('training goes on from the checkpoint', step, (s) => s === at + 1, T.step);

    // Reset: fresh networks from step 0.
    click('reset');
    await waitFor('Reset: the counter is back at 0', step, (s) => s === 0, T.step);
  } catch (e) {
    if (!(e instanceof Stop)) ok(false, `the lesson broke: ${e && e.stack ? e.stack : e}`);
  } finally {
    URL.createObjectURL = createObjectURL;
    HTMLAnchorElement.prototype.click = anchorClick;
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onError);
  }
  const raw = rawShown();
  ok(raw === null, 'no raw error or stack text on the page', raw ?? undefined);
  ok(errors.length === 0, 'no page error during the lesson', errors.join(' | ') || undefined);
  ok(!$('fatal'), 'the trainer never stopped', $('fatal')?.textContent);
  facts.notice = $('notice')?.textContent?.trim() ?? facts.notice;
  return { ok: checks.every((c) => c.ok), checks, facts };
}

// Sideways scrolling and cut-off boxes at the window's size (or at the size of the frame that
// `win` is, where a browser's window cannot be made that small): the page may not be wider
// than its window, and no visible element may reach past its right edge.
function ganLayout(win) {
  win = win || window;
  const doc = win.document;
  const width = doc.documentElement.clientWidth;
  const over = [];
  for (const el of doc.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (win.getComputedStyle(el).visibility === 'hidden') continue;
    if (r.right > width + 1 || r.left < -1) {
      // Only the outermost culprit: its children overflow with it.
      if (!over.some((o) => o.el.contains(el))) over.push({ el, right: Math.round(r.right), left: Math.round(r.left) });
    }
  }
  return {
    viewport: [win.innerWidth, win.innerHeight],
    scrollWidth: doc.documentElement.scrollWidth,
    clientWidth: width,
    over: over.slice(0, 6).map((o) => ({
      what: o.el.dataset.testid || `${o.el.tagName.toLowerCase()}.${[...o.el.classList].join('.')}`,
      left: o.left,
      right: o.right,
    })),
  };
}
