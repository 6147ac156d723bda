// The judge area: the digit reader that grades the forger. Its test accuracy, the quality
// reports (Fréchet chart, class histogram, diversity) and its labels on the grid; a damaged
// judge file (the panel says so, training goes on without it); the conditional model, whose
// grid has a column per digit and whose forger draws the digit a student asks for.

import fs from 'node:fs';
import path from 'node:path';
import {
  attr, check, checkPageErrors, click, evalT, GPU, MODE, note, ok, OUT, openApp, page, readCanvas,
  results, SITE, stepNow, T, tamper, waitFor,
} from './context.mjs';

// The judge on the lesson's page, after its training: its accuracy, a report, a second one
// after step 200 (cpu), the labels on and off, and nothing overflowing with them on.
export async function quality() {
  await waitFor('the judge is loaded (judge-panel data-judge="ready")', attr, ['judge-panel', 'data-judge'], (v) => v === 'ready', T.judge);
  const judgeStatus = await evalT(() => document.querySelector('[data-testid="judge-status"]')?.textContent ?? '');
  check(/9\d\.\d %/.test(judgeStatus), 'the judge states its test accuracy', judgeStatus);
  const firstReport = await waitFor(
    'a quality report arrives (Fréchet chart has a point, histogram has 10 bars)',
    () => ({
      points: parseInt(document.querySelector('[data-testid="frechet-chart"]')?.getAttribute('data-points') ?? '0', 10),
      bars: document.querySelectorAll('[data-testid="class-histogram"] li').length,
      frechet: document.querySelector('[data-testid="frechet"]')?.textContent ?? '',
      diversity: document.querySelector('[data-testid="diversity"]')?.textContent ?? '',
      summary: document.querySelector('[data-testid="quality-summary"]')?.textContent ?? '',
    }),
    undefined,
    (q) => q.points >= 1 && q.bars === 10 && /^\d+(\.\d)?$/.test(q.frechet),
    T.judge,
  );
  results.quality = firstReport;
  results.quality.longestChunkMs = parseFloat(await evalT(attr, ['judge-panel', 'data-chunk-ms']));
  note(`judge: ${firstReport.summary}; longest pause for one chunk of 100 digits: ${results.quality.longestChunkMs} ms`);
  check(/bits/.test(firstReport.diversity), 'the diversity figure is shown in bits', firstReport.diversity);
  if (!GPU) {
    // Trained past step 200 above: the second report is due or done.
    const reports = await waitFor('a second quality report after step 200', attr, ['frechet-chart', 'data-points'], (v) => parseInt(v, 10) >= 2, 60_000);
    ok(`Fréchet chart has ${reports} points`);
  }
  await click('label-toggle');
  const labels = await waitFor(
    'the grid shows the judge\'s 64 labels',
    () => {
      const el = document.querySelector('[data-testid="grid-labels"]');
      return el ? { count: el.getAttribute('data-count'), hidden: el.hidden, first: el.querySelector('.digit-label')?.textContent ?? '' } : null;
    },
    undefined,
    (l) => l && l.count === '64' && !l.hidden,
    T.singleStep,
  );
  check(/^\d \d+%$/.test(labels.first), 'a label reads "<digit> <confidence>%"', labels.first);
  // The labels sit inside the grid: the page must not grow wider than the window.
  const widths = await evalT(() => ({ page: document.documentElement.scrollWidth, window: window.innerWidth }));
  check(widths.page <= widths.window, 'with labels on, nothing overflows the window sideways', JSON.stringify(widths));
  await page.screenshot({ path: path.join(OUT, `${MODE}-judge.png`), fullPage: true, timeout: 60_000 });
  ok(`screenshot with the judge's labels ${path.join(OUT, `${MODE}-judge.png`)}`);
  await click('label-toggle');
  await waitFor('labels hide again', attr, ['grid-labels', 'data-count'], (v) => v === '0', T.singleStep);
  ok('label toggle hides the labels');
  checkPageErrors();
}

// A damaged judge file: the panel says so, and training works without the judge.
export async function brokenJudge(url) {
  const judgePath = path.join(SITE, 'data', 'judge', 'judge.bin');
  const damaged = Buffer.from(fs.readFileSync(judgePath));
  damaged[damaged.length >> 1] ^= 0x20;
  tamper.set('/data/judge/judge.bin', damaged);
  try {
    await openApp(url, 'app becomes ready with a damaged judge');
    await waitFor('the judge panel says the judge is unavailable', attr, ['judge-panel', 'data-judge'], (v) => v === 'unavailable', T.judge);
    const text = await evalT(() => document.querySelector('[data-testid="judge-status"]')?.textContent ?? '');
    check(/damaged/.test(text) && /without/.test(text), 'the message names the damage and says training goes on', text);
    const toggle = await evalT(() => document.querySelector('[data-testid="label-toggle"]')?.disabled);
    check(toggle === true, 'the label toggle is disabled without a judge');
    const before = await evalT(stepNow);
    await click('step');
    await waitFor('training still steps without the judge', stepNow, undefined, (s) => s === before + 1, T.singleStep);
    ok('training steps without the judge');
    checkPageErrors();
  } finally {
    tamper.clear();
  }
}

// A conditional model from a link: the grid has one column per digit, a student asks for a
// digit and gets drawings of it, and training runs.
export async function conditionalModel(url) {
  await openApp(`${url}?backend=cpu&conditional=on`, 'app becomes ready with a conditional model');
  const setup = await evalT(() => ({
    setting: document.querySelector('[data-testid="setting-conditional"]').value,
    columns: document.querySelector('[data-testid="digit-grid"]').getAttribute('data-columns'),
    askShown: document.querySelector('[data-testid="ask-panel"]').closest('[hidden]') === null,
  }));
  check(setup.setting === 'on' && setup.askShown, 'the link switches the conditional model on and shows "Draw a …"', JSON.stringify(setup));
  const grid = await waitFor('the grid is drawn', readCanvas, 'digit-grid', (c) => c && !c.missing && c.width === 280, T.singleStep);
  check(grid.width === 280 && grid.height === 168, `the grid has one column per digit: 10 × 6 (${grid.width}×${grid.height} px)`);
  await click('ask-7');
  await waitFor('the forger answers "draw a 7"', attr, ['ask-answer', 'data-digit'], (v) => v === '7', T.singleStep);
  const answer = await evalT(readCanvas, 'ask-answer');
  check(!answer.blank && answer.width === 8 * 28, 'the answer shows eight drawings');
  await click('step');
  await waitFor('a conditional step trains', stepNow, undefined, (s) => s >= 1, T.singleStep);
  await click('ask-3');
  await waitFor('asking again draws a 3', attr, ['ask-answer', 'data-digit'], (v) => v === '3', T.singleStep);
  ok('asking for another digit answers with that digit');
  checkPageErrors();
}
