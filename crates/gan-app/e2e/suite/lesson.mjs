// The lesson area: the classroom scenario a teacher runs first. The app loads and names its
// backend, six phase steps make one training step, Train trains (the grid and the charts move),
// Pause holds, Step makes exactly one step; a lesson link restores settings, language and
// panels, the address follows every change, lesson mode hides the advanced controls; the
// language switch changes every text, the worker's included; a German browser gets the German
// page; and the picture of the page that the README shows.

import path from 'node:path';
import { CHROMIUM } from '../harness.mjs';
import {
  args, attr, carried, check, checkPageErrors, click, evalT, fail, GPU, note, ok, OUT, openApp,
  page, pageErrors, readCanvas, results, search, setPage, shown, sleep, stepNow, T, textOf,
  THREADS, trainClickedAt, valueOf, waitFor, watchPage,
} from './context.mjs';

// ---------------------------------------------------------------- the scenario

// Opens the app (in webgpu mode with WebGPU forced through the address, as a teacher's link
// would) and checks that it gets ready, shows real digits and names its backend.
export async function load(base) {
  // After the speed area's check of "auto", webgpu mode forces WebGPU through the address.
  const url = GPU ? `${base}?backend=webgpu` : base;
  const navStart = Date.now();
  await page.goto(url, { waitUntil: 'commit', timeout: 60_000 });
  ok(`opened ${url}`);

  if (args.debug) {
    const gpu = await evalT(async () => {
      if (!navigator.gpu) return 'navigator.gpu undefined';
      const a = await navigator.gpu.requestAdapter();
      if (!a) return 'requestAdapter() -> null';
      const info = a.info || {};
      return `requestAdapter() -> adapter (${[info.vendor, info.architecture, info.description].filter(Boolean).join(', ') || 'no info'})`;
    }, undefined, 60_000).catch((e) => `error: ${e.message}`);
    note(`debug: webgpu ${gpu}`);
  }

  await waitFor('app becomes ready (data-ready="true")', attr, ['app', 'data-ready'], (v) => v === 'true', T.ready, 250);
  const readyAt = await evalT(() => window.__readyAt);
  results.msToReady = Math.round(readyAt ?? Date.now() - navStart);
  ok(`app ready after ${(results.msToReady / 1000).toFixed(1)} s`);

  const real = await evalT(readCanvas, 'real-digits');
  check(!real.missing && !real.blank, 'real-digits canvas shows digits', JSON.stringify(real));

  const badge = await evalT(() => {
    const el = document.querySelector('[data-testid="backend-badge"]');
    return el ? { text: el.textContent.trim(), backend: el.getAttribute('data-backend') } : null;
  });
  check(badge !== null, 'backend badge present');
  results.backendBadge = badge.text;
  results.appBackend = await evalT(attr, ['app', 'data-backend']);
  note(`backend badge: "${badge.text}" (badge data-backend=${badge.backend}, app data-backend=${results.appBackend})`);
  if (GPU) {
    check(badge.backend === 'webgpu', 'badge reports the WebGPU backend', `data-backend=${badge.backend}, text "${badge.text}"`);
    const selected = await evalT(() => document.querySelector('[data-testid="backend-select"]')?.value);
    check(selected === 'webgpu', 'the backend menu shows the WebGPU the link asked for', `value ${selected}`);
  } else {
    check(/cpu/i.test(badge.text) && /webgpu/i.test(badge.text), 'badge says CPU and gives the missing WebGPU as the reason', `"${badge.text}"`);
    check(badge.backend === 'cpu', 'badge data-backend is cpu', `data-backend=${badge.backend}`);
  }
}

// Six phase steps, one at a time: each lights its own box and explains itself anew.
export async function phases() {
  const stepBefore = await evalT(stepNow);
  note(`step counter before the phase steps: ${stepBefore}`);
  let prevExplanation = await evalT(() => (document.querySelector('[data-testid="phase-explanation"]')?.textContent ?? '').trim());
  for (let k = 1; k <= 6; k++) {
    await click('phase-step');
    const st = await waitFor(
      `phase ${k} runs after phase-step click ${k}`,
      (prev) => {
        const sb = document.querySelector('[data-testid="scoreboard"]');
        const boxes = sb ? [...sb.querySelectorAll('[data-testid="phase-box"]')] : [];
        return {
          active: sb ? sb.getAttribute('data-active-phase') : null,
          boxes: boxes.length,
          activeBoxes: boxes.filter((b) => b.getAttribute('data-active') === 'true').map((b) => b.getAttribute('data-phase')),
          explanation: (document.querySelector('[data-testid="phase-explanation"]')?.textContent ?? '').trim(),
          prev,
        };
      },
      prevExplanation,
      (s) => s.active === String(k) && s.activeBoxes.length === 1 && s.activeBoxes[0] === String(k) && s.explanation !== '' && s.explanation !== s.prev,
      T.phaseStep,
    );
    check(st.boxes === 6, `phase ${k}: scoreboard active phase ${k}, only box ${k} lit, new explanation`, `${st.boxes} phase boxes`);
    prevExplanation = st.explanation;
  }
  await waitFor('six phase steps make one training step (data-step == 1)', stepNow, undefined, (s) => s === 1, T.phaseStep);
  ok('six phase steps completed training step 1');
}

// Train: the button turns into Pause, steps arrive, the grid and the loss chart move. The
// training window is left in `carried` for the speed area's main-thread figures.
export async function training() {
  const gridBefore = await evalT(readCanvas, 'digit-grid');
  check(!gridBefore.missing, 'digit-grid canvas present', JSON.stringify(gridBefore));
  const pointsBefore = parseInt(await evalT(attr, ['loss-chart', 'data-points']), 10) || 0;
  const probPointsBefore = parseInt(await evalT(attr, ['prob-chart', 'data-points']), 10) || 0;
  const start = await evalT(stepNow);
  note(`before Train: step ${start}, loss-chart ${pointsBefore} points, prob-chart ${probPointsBefore} points`);

  await click('train');
  const clickAt = await trainClickedAt();
  await waitFor(
    'Train button turns into Pause (aria-pressed="true")',
    () => {
      const b = document.querySelector('[data-testid="train"]');
      return b ? { text: b.textContent.trim(), pressed: b.getAttribute('aria-pressed') } : null;
    },
    undefined,
    (b) => b && /pause/i.test(b.text) && b.pressed === 'true',
    10_000,
  );
  ok('Train button shows Pause, aria-pressed="true"');

  const firstAfter = (log) => log.find((e) => e.t >= clickAt && e.step > start);
  const first = await waitFor('first training step after Train', () => window.__stepLog, undefined, (log) => !!firstAfter(log), T.trainTimeout, 100).then(firstAfter);
  results.msToFirstStep = Math.round(first.t - clickAt);
  ok(`first step ${(results.msToFirstStep / 1000).toFixed(1)} s after Train`);

  // Keep training for the measuring window (and at least until N steps are done).
  const trainDeadline = Date.now() + T.trainTimeout - results.msToFirstStep;
  const windowEnd = first.t + T.window;
  let atEnd;
  for (;;) {
    checkPageErrors();
    atEnd = await evalT(() => ({ now: performance.now(), step: parseInt(document.querySelector('[data-testid="step-counter"]')?.getAttribute('data-step'), 10) }));
    if (atEnd.step >= start + T.trainSteps && atEnd.now >= windowEnd) break;
    if (Date.now() > trainDeadline) {
      fail(`training reaches step ${start + T.trainSteps} within ${T.trainTimeout / 1000} s (at step ${atEnd.step})`);
    }
    await sleep(250);
  }
  ok(`training reached step ${atEnd.step} (needed >= ${start + T.trainSteps})`);
  const log = await evalT(() => window.__stepLog);
  const lastInWindow = log.filter((e) => e.t <= atEnd.now).at(-1);
  const windowSec = (lastInWindow.t - first.t) / 1000;
  results.trainingWindow = {
    fromMs: Math.round(first.t),
    toMs: Math.round(atEnd.now),
    firstStep: first.step,
    lastStep: lastInWindow.step,
    seconds: +((atEnd.now - first.t) / 1000).toFixed(2),
  };
  // Steps between the first and the last counter change seen in the window, over the time
  // between those two changes: the shader-compile wait before the first step is left out.
  results.stepsPerSecond = windowSec > 0 ? +((lastInWindow.step - first.step) / windowSec).toFixed(3) : null;
  results.meanStepMs = windowSec > 0 && lastInWindow.step > first.step ? Math.round((windowSec * 1000) / (lastInWindow.step - first.step)) : null;
  note(`stepsPerSecond ${results.stepsPerSecond} (steps ${first.step} -> ${lastInWindow.step} in ${windowSec.toFixed(1)} s)`);

  const gridAfter = await evalT(readCanvas, 'digit-grid');
  check(gridAfter.hash !== gridBefore.hash && !gridAfter.blank, 'digit-grid pixels changed during training', `hash ${gridBefore.hash} -> ${gridAfter.hash}, blank=${gridAfter.blank}`);
  const pointsAfter = parseInt(await evalT(attr, ['loss-chart', 'data-points']), 10) || 0;
  check(pointsAfter > pointsBefore, 'loss-chart gained points', `${pointsBefore} -> ${pointsAfter}`);
  const probPointsAfter = parseInt(await evalT(attr, ['prob-chart', 'data-points']), 10) || 0;
  note(`prob-chart points ${probPointsBefore} -> ${probPointsAfter}`);
  Object.assign(carried, { clickAt, atEnd });
}

// Pause holds the counter; Step makes exactly one step.
export async function pauseAndStep() {
  await click('train');
  // Let in-flight work land: 1.5 s, or in webgpu mode up to ~1.5 steps, since a step already
  // dispatched to the GPU may still finish (at most one step may land).
  const settleMs = GPU ? Math.min(45_000, 1_500 + 1.5 * (results.meanStepMs ?? 20_000)) : 1_500;
  const pausedAt = await evalT(stepNow);
  if (GPU) {
    const settleDeadline = Date.now() + settleMs;
    while (Date.now() < settleDeadline && (await evalT(stepNow)) === pausedAt) await sleep(250);
  }
  await sleep(1_500);
  const afterSettle = await evalT(stepNow);
  note(`paused at step ${pausedAt}, ${afterSettle} after in-flight work settled`);
  checkPageErrors();
  await sleep(3_000);
  const afterHold = await evalT(stepNow);
  check(afterHold === afterSettle, 'Pause stops training (counter unchanged over 3 s)', `${afterSettle} -> ${afterHold}`);
  const tb = await evalT(() => {
    const b = document.querySelector('[data-testid="train"]');
    return { text: b.textContent.trim(), pressed: b.getAttribute('aria-pressed') };
  });
  check(/^train$/i.test(tb.text) && tb.pressed !== 'true', 'button reads Train again, not pressed', JSON.stringify(tb));

  // One whole step.
  await click('step');
  await waitFor('Step button completes one step', stepNow, undefined, (s) => s >= afterHold + 1, T.singleStep);
  await sleep(GPU ? 3_000 : 1_000);
  const afterOne = await evalT(stepNow);
  check(afterOne === afterHold + 1, 'Step advances the counter by exactly 1', `${afterHold} -> ${afterOne}`);
  checkPageErrors();
}

// ---------------------------------------------------------------- lessons and languages

// English texts that must all be gone once the page speaks German (buttons, headings, the
// scoreboard, the phase explanation, the charts, the judge, the lesson bar).
const ENGLISH_ONLY = [
  'Train', 'Reset', 'Phase step', 'Speed', 'Hyperparameters', 'Losses', 'What D believes',
  'The judge', 'Discriminator vs Generator', 'the detective', 'the forger', 'of fakes caught',
  'Real digits', 'Language', 'Lesson mode', 'Copy link', 'Apply', 'Start from a trained model',
  'raw values', 'Press Phase step', 'Glossary', 'Presenter mode', 'You are the detective',
  'New round', 'per phase', 'gradient', 'learns', 'noise z', 'real digits', 'fakes', 'verdict',
  'before', 'after', 'Pace', 'For teachers', 'frozen', 'Training curves', 'Controls',
];

// A lesson link restores its settings, language and panels, and the share link keeps them (its
// hostile twin is the hostile area's badLink; the address follows in addressFollows).
export async function lessonLink(url) {
  const lesson = 'backend=cpu&model=dcgan&lr_g=0.001&batch=32&seed=7&speed=20&lang=de&panels=scoreboard,charts,settings';
  await openApp(`${url}?${lesson}`, 'app becomes ready from a lesson link');
  const restored = await evalT(() => ({
    model: document.querySelector('[data-testid="setting-model"]').value,
    lrG: document.querySelector('[data-testid="setting-lr-g"]').value,
    batch: document.querySelector('[data-testid="setting-batch"]').value,
    speed: document.querySelector('[data-testid="speed"]').value,
    lang: document.documentElement.lang,
    train: document.querySelector('[data-testid="train"]').textContent,
    judgeShown: document.querySelector('[data-testid="judge-panel"]').closest('[hidden]') === null,
    chartsShown: document.querySelector('[data-testid="loss-chart"]').closest('[hidden]') === null,
    query: new URLSearchParams(location.search),
  }));
  check(
    restored.model === 'dcgan' && restored.lrG === '0.001' && restored.batch === '32' && restored.speed === '20',
    'the link restores model, learning rate, batch size and speed',
    JSON.stringify(restored),
  );
  check(restored.lang === 'de' && restored.train === 'Trainieren', 'the link restores the language (German)', `${restored.lang} ${restored.train}`);
  check(!restored.judgeShown && restored.chartsShown, 'the link restores the panels shown (judge hidden, charts shown)');
  const share = await evalT(valueOf, 'share-link');
  for (const pair of ['model=dcgan', 'lr_g=0.001', 'batch=32', 'seed=7', 'speed=20', 'lang=de', 'panels=scoreboard,charts,settings']) {
    check(share.includes(pair), `the share link keeps ${pair}`, share);
  }

}

// The address bar follows every change of a setting, so a reload restores it; lesson mode
// hides the advanced controls and survives a reload. Runs on the page the hostile area's bad
// link left (its values fell back to the defaults), as it did when both were one test.
export async function addressFollows() {
  // Changing a setting rewrites the address; a reload restores it.
  await page.locator('[data-testid="setting-lr-g"]').fill('0.0003');
  await click('apply-settings');
  await waitFor('the address follows the applied learning rate', search, undefined, (q) => q.includes('lr_g=0.0003'), 30_000);
  await page.locator('[data-testid="speed"]').selectOption('slow');
  await waitFor('the address follows the speed', search, undefined, (q) => q.includes('speed=slow'), 10_000);
  await openApp(page.url(), 'app becomes ready after a reload');
  const reloaded = [await evalT(valueOf, 'setting-lr-g'), await evalT(valueOf, 'speed')];
  check(reloaded[0] === '0.0003' && reloaded[1] === 'slow', 'a reload restores the applied learning rate and the speed', JSON.stringify(reloaded));

  // Lesson mode hides the advanced controls and survives a reload; the duel stays.
  await page.locator('[data-testid="lesson-mode"]').check();
  await waitFor('the address says lesson=1', search, undefined, (q) => q.includes('lesson=1'), 10_000);
  const lessonMode = async () => evalT(() => ({
    settings: document.querySelector('[data-testid="apply-settings"]').closest('[hidden]') === null,
    backend: document.querySelector('[data-testid="backend-select"]').closest('[hidden]') === null,
    save: document.querySelector('[data-testid="save-checkpoint"]') !== null,
    train: document.querySelector('[data-testid="train"]').closest('[hidden]') === null,
    scoreboard: document.querySelector('[data-testid="scoreboard"]').closest('[hidden]') === null,
    panelToggles: document.querySelector('[data-testid="panel-judge"]').closest('[hidden]') === null,
  }));
  const hiding = await lessonMode();
  check(!hiding.settings && !hiding.backend && !hiding.save && !hiding.panelToggles, 'lesson mode hides hyperparameters, backend, model files and panel choice', JSON.stringify(hiding));
  check(hiding.train && hiding.scoreboard, 'lesson mode keeps Train and the scoreboard');
  await openApp(page.url(), 'app becomes ready in lesson mode after a reload');
  const again = await lessonMode();
  check(!again.settings && again.train, 'lesson mode survives a reload', JSON.stringify(again));
  await page.locator('[data-testid="lesson-mode"]').uncheck();
  await waitFor('lesson mode off shows the hyperparameters again', shown, 'apply-settings', (v) => v === true, 10_000);
}

// The language switch changes every text, the worker's messages included, and the address.
export async function languageSwitch(url) {
  await openApp(`${url}?backend=cpu&lang=en`, 'app becomes ready in English');
  await click('phase-step');
  await waitFor('phase 1 explained in English', textOf, 'phase-explanation', (t) => /^1\. G makes a batch of fakes/.test(t ?? ''), T.phaseStep);
  await page.locator('[data-testid="language"]').selectOption('de');
  await waitFor('the address says lang=de', search, undefined, (q) => q.includes('lang=de'), 10_000);
  const german = await evalT(() => ({
    lang: document.documentElement.lang,
    text: document.body.innerText,
    explanation: document.querySelector('[data-testid="phase-explanation"]').textContent,
    verdict: document.querySelector('[data-testid="verdict"]').textContent,
    phase: document.querySelector('[data-testid="phase-box"][data-phase="5"]').textContent,
  }));
  check(german.lang === 'de', 'the page says lang="de"');
  check(/^1\. G erzeugt einen Batch Fälschungen: Der Fälscher G/.test(german.explanation), 'the phase explanation is German', german.explanation);
  check(/Gesamtnetz trainiert mit dem Ziel „echt“/.test(german.phase), 'the phase boxes are German', german.phase);
  check(/Detektiv|Fälscher|Duell/.test(german.verdict), "the scoreboard's verdict is German", german.verdict);
  // An English word of the list, as a whole word (not inside a German one).
  const mentions = (text, e) => new RegExp(`(^|[^A-Za-zäöüß])${e}([^A-Za-zäöüß]|$)`).test(text);
  const leftovers = ENGLISH_ONLY.filter((e) => mentions(german.text, e));
  check(leftovers.length === 0, 'no English UI text is left on the German page', leftovers.join(', '));
  // Nor where the eye does not read it first: the tab's title, tooltips, what a screen reader
  // says (aria-label, alt) and the text CSS writes itself (content: of ::before and ::after).
  const unseen = await evalT(() => {
    const texts = [document.title];
    for (const el of document.querySelectorAll('*')) {
      for (const name of ['title', 'aria-label', 'placeholder', 'alt']) {
        const v = el.getAttribute(name);
        if (v) texts.push(v);
      }
      for (const pseudo of ['::before', '::after']) {
        const c = getComputedStyle(el, pseudo).content;
        if (c && c !== 'none' && c !== 'normal' && c !== '""') texts.push(c.replace(/^"|"$/g, ''));
      }
    }
    return texts;
  });
  const hidden = ENGLISH_ONLY.filter((e) => unseen.some((t) => mentions(t, e)));
  check(hidden.length === 0 && unseen.length > 20, "no English in the German page's title, tooltips, aria-labels or CSS content", `${unseen.length} texts; English: ${hidden.join(', ')}`);
  for (const word of ['Trainieren', 'Zurücksetzen', 'Phasenschritt', 'Hyperparameter', 'Verluste', 'Der Gutachter', 'Diskriminator gegen Generator', 'Echte Ziffern']) {
    check(german.text.includes(word), `the German page shows "${word}"`);
  }
  // The worker writes its messages in the new language too: a refused file says so in German.
  await page.locator('[data-testid="load-checkpoint"]').setInputFiles({ name: 'kaputt.gan', mimeType: 'application/octet-stream', buffer: Buffer.from('kein Checkpoint') });
  const refused = await waitFor('the worker refuses the file in German', textOf, 'notice', (t) => /Diese Datei wurde nicht geladen/.test(t ?? ''), 30_000);
  ok(`worker message in German: ${refused}`);
  await page.locator('[data-testid="language"]').selectOption('en');
  await waitFor('back in English', textOf, 'train', (t) => t === 'Train', 10_000);
  ok('switching back to English works');
}

// With no language in the link, the browser's preferred language decides.
export async function browserLanguage(url, { chromium, flags }) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...flags, '--lang=de-DE'], timeout: 60_000 });
  try {
    const context = await browser.newContext({ locale: 'de-DE', serviceWorkers: THREADS ? 'allow' : 'block' });
    const german = await context.newPage();
    german.on('pageerror', (e) => pageErrors.push(e.message));
    await german.goto(`${url}?backend=cpu`, { waitUntil: 'commit', timeout: 60_000 });
    await german.waitForFunction(() => document.querySelector('[data-testid="app"]')?.getAttribute('data-ready') === 'true', null, { timeout: T.ready });
    const seen = await german.evaluate(() => ({
      languages: navigator.languages,
      lang: document.documentElement.lang,
      train: document.querySelector('[data-testid="train"]').textContent,
      query: location.search,
    }));
    check(seen.lang === 'de' && seen.train === 'Trainieren', `a German browser (${seen.languages.join(', ')}) gets the German page by default`, JSON.stringify(seen));
    check(seen.query.includes('lang=de'), 'its address names the language for sharing', seen.query);
  } finally {
    await browser.close();
  }
  checkPageErrors();
}

// ---------------------------------------------------------------- the README's picture

// Steps before the README's picture. At 150 the forger's grid is still noise (measured here:
// blobs at 150, shapes at 800, readable digits at 1500), so the picture waits for 1500, about
// 90 s at this machine's 16 steps per second at the fastest speed.
const README_STEPS = 1500;

// The picture of the page the README shows (`.ci/readme-shot` copies it to docs/page.png): a
// projector's 1280 × 720, in English, scrolled to the top, after README_STEPS steps at the
// fastest speed, so the grid shows digits. It gets a page of its own in the same browser (its
// requests and errors are watched as on every page), so the run's other pages and screenshots
// stay as they were.
export async function readmeShot(url, { browserContext }) {
  const main = page;
  const own = await browserContext.newPage();
  watchPage(own);
  setPage(own);
  try {
    await own.setViewportSize({ width: 1280, height: 720 });
    // No backend in the link: without WebGPU (cpu mode) "auto" trains on the CPU, and the
    // link the page shows stays the one a visitor would share.
    await openApp(`${url}?lang=en`, 'app becomes ready for the README picture');
    const speeds = await evalT(() => [...document.querySelectorAll('[data-testid="speed"] option')].map((o) => o.value));
    await page.locator('[data-testid="speed"]').selectOption(speeds.at(-1));
    await click('train');
    const reached = await waitFor(`training reaches step ${README_STEPS} for the README picture`, stepNow, undefined, (s) => s >= README_STEPS, 10 * 60_000, 250);
    await click('train');
    await waitFor('paused for the README picture', attr, ['train', 'aria-pressed'], (v) => v !== 'true', 10_000);
    // Clicking Train scrolled the page to the button: back to the top, without the focus ring,
    // once the last step's grid has landed.
    await evalT(() => {
      document.activeElement?.blur();
      window.scrollTo(0, 0);
    });
    await sleep(1_000);
    const grid = await evalT(readCanvas, 'digit-grid');
    check(!grid.missing && !grid.blank, `the grid shows the forger's digits at step ${reached} for the README picture`, JSON.stringify(grid));
    const layout = await evalT(() => {
      const g = document.querySelector('[data-testid="digit-grid"]').getBoundingClientRect();
      return {
        page: document.documentElement.scrollWidth,
        window: window.innerWidth,
        scrollY: window.scrollY,
        gridBottom: Math.round(g.bottom),
        lang: document.documentElement.lang,
        train: document.querySelector('[data-testid="train"]')?.textContent.trim(),
      };
    });
    check(
      layout.page <= layout.window && layout.scrollY === 0 && layout.gridBottom <= 720 && layout.lang === 'en' && layout.train === 'Train',
      'the README picture is the English page from its top, the whole grid in 1280×720, nothing past the window',
      JSON.stringify(layout),
    );
    const file = path.join(OUT, 'readme-page.png');
    await page.screenshot({ path: file, timeout: 60_000 });
    ok(`screenshot for the README ${file}`);
    checkPageErrors();
  } finally {
    setPage(main);
    await own.close().catch(() => {});
  }
}
