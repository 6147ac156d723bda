// The watch area: what a class sees of each phase. Every phase step shows its own data (phase
// 1 the fresh fakes, phase 2 D's verdicts before → after, phase 5 the same noise's fakes before
// and after G's update), the diagram lights the phase's path, glows the network that learns,
// locks a frozen D and draws the gradient; a click on the diagram, → and Page Down (a
// presenter's clicker) each advance one phase; slow motion holds each phase for the pace the
// teacher set; presenter mode fills 1280 × 720 without scrolling, no text under 24 px. Each
// phase is photographed in both languages, and presenter mode too, into the artifact folder.

import path from 'node:path';
import {
  check, checkPageErrors, evalT, note, ok, openApp, OUT, page, setPage, sleep, T, textOf,
  waitFor, watchPage,
} from './context.mjs';

// What the page shows of the phase now: the scoreboard's phase, the diagram's state and the
// phase's data.
const seen = () => {
  const q = (s) => document.querySelector(s);
  const svg = q('[data-testid="duel-diagram"] svg');
  const nodes = (cls) => [...(svg?.querySelectorAll(`.node.${cls}`) ?? [])].map((n) => n.getAttribute('data-node'));
  const data = q('[data-testid="phase-data"]');
  const visible = (el) => !!el && el.closest('[hidden]') === null && el.getClientRects().length > 0;
  const blank = (c) => {
    const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    for (let i = 0; i < px.length; i += 4) if (px[i] !== px[0]) return false;
    return true;
  };
  return {
    phase: q('[data-testid="scoreboard"]')?.getAttribute('data-active-phase'),
    lit: nodes('lit'),
    learning: nodes('learning'),
    frozen: nodes('frozen'),
    stacked: svg?.getAttribute('data-stacked'),
    lock: visible(q('[data-testid="diagram-lock"]')),
    gradient: svg?.querySelector('.gradient')?.getAttribute('data-gradient') ?? null,
    data: visible(data),
    digits: data ? [...data.querySelectorAll('canvas.digit')].map((c) => (blank(c) ? 'blank' : 'drawn')) : [],
    summary: (q('[data-testid="phase-summary"]')?.textContent ?? '').trim(),
    explanation: (q('[data-testid="phase-explanation"]')?.textContent ?? '').trim(),
  };
};

// What each phase must show: the diagram's state and the digits of its data (0: none).
const EXPECTED = {
  1: { learning: [], lock: false, stacked: 'false', gradient: null, digits: 8, lit: ['noise', 'generator', 'fakes'] },
  2: { learning: ['discriminator'], lock: false, stacked: 'false', gradient: 'IntoDiscriminator', digits: 8, lit: ['fakes', 'real', 'discriminator', 'verdict'] },
  3: { learning: [], lock: false, stacked: 'true', gradient: null, digits: 0 },
  4: { learning: [], lock: true, stacked: 'true', gradient: null, digits: 0 },
  5: { learning: ['generator'], lock: true, stacked: 'true', gradient: 'ThroughFrozenDiscriminator', digits: 8 },
  6: { learning: [], lock: false, stacked: 'false', gradient: null, digits: 0 },
};

// How a teacher advances: the button, a click on the diagram, → and Page Down.
const ADVANCE = [
  ['the Phase step button', () => page.locator('[data-testid="phase-step"]').click()],
  ['a click on the diagram', () => page.locator('[data-testid="duel-diagram"] svg').click()],
  ['→', () => page.keyboard.press('ArrowRight')],
  ['Page Down', () => page.keyboard.press('PageDown')],
];

async function ownPage(browserContext, size, body) {
  const main = page;
  const own = await browserContext.newPage();
  watchPage(own);
  setPage(own);
  try {
    await own.setViewportSize(size);
    await body();
    checkPageErrors();
  } finally {
    setPage(main);
    await own.close().catch(() => {});
  }
}

// Six phases in each language, each advanced a different way, each checked and photographed.
export async function phaseData(url, { browserContext }) {
  await ownPage(browserContext, { width: 1280, height: 900 }, async () => {
    for (const lang of ['en', 'de']) {
      await openApp(`${url}?lang=${lang}&speed=slow`, `app becomes ready (${lang}) to watch the phases`);
      for (let k = 1; k <= 6; k++) {
        const [how, advance] = ADVANCE[(k - 1) % ADVANCE.length];
        // A key press goes to the page, not to a control that kept the focus.
        await evalT(() => document.activeElement?.blur());
        await advance();
        const want = EXPECTED[k];
        const got = await waitFor(
          `${lang}: phase ${k} runs after ${how}, with its data`,
          seen,
          undefined,
          (s) => s.phase === String(k) && s.digits.length === want.digits && s.digits.every((d) => d === 'drawn') && (want.digits === 0 || s.summary !== ''),
          T.phaseStep,
        );
        const diagramRight =
          JSON.stringify(got.learning) === JSON.stringify(want.learning) &&
          got.lock === want.lock &&
          got.stacked === want.stacked &&
          got.gradient === want.gradient &&
          (!want.lit || JSON.stringify(got.lit) === JSON.stringify(want.lit)) &&
          (want.lock ? JSON.stringify(got.frozen) === '["discriminator"]' : got.frozen.length === 0);
        check(diagramRight, `${lang}: phase ${k} (advanced by ${how}): the diagram lights its path, glows the learner, ${want.lock ? 'locks' : 'leaves'} D, ${want.gradient ?? 'no gradient'}`, JSON.stringify({ ...got, digits: got.digits.length, summary: undefined, explanation: undefined }));
        check(
          got.data === want.digits > 0 && got.digits.every((d) => d === 'drawn'),
          `${lang}: phase ${k} ${want.digits ? `shows its ${want.digits} digits, drawn, and says what changed` : 'shows the diagram and its explanation only'}`,
          `${got.digits.join(',')} · ${got.summary}`,
        );
        if (k === 4) {
          check(/fake|Fälsch/.test(got.explanation) && /real|echt/.test(got.explanation), `${lang}: phase 4 says why D is frozen (else it would learn that fakes are real)`, got.explanation);
        }
        const file = path.join(OUT, `phase-${k}-${lang}.png`);
        await page.locator('[data-testid="scoreboard"]').screenshot({ path: file, timeout: 60_000 });
      }
      ok(`${lang}: screenshots of the six phases: ${path.join(OUT, `phase-{1..6}-${lang}.png`)}`);
    }
  });
}

// Slow motion holds each phase for the pace the teacher set, and its explanation stays.
export async function pacing(url, { browserContext }) {
  await ownPage(browserContext, { width: 1280, height: 720 }, async () => {
    await openApp(`${url}?lang=en&speed=slow&pace=2`, 'app becomes ready in slow motion at 2 s per phase');
    const pace = await evalT(() => document.querySelector('[data-testid="pace"]')?.value);
    check(pace === '2', 'the pace menu shows the link\'s 2 s per phase', pace);
    // Record when the phase on screen changes, on the page's clock.
    await evalT(() => {
      window.__phaseTimes = [];
      const sb = document.querySelector('[data-testid="scoreboard"]');
      new MutationObserver(() => window.__phaseTimes.push([performance.now(), sb.getAttribute('data-active-phase'), document.querySelector('[data-testid="phase-explanation"]').textContent])).observe(sb, { attributes: true, attributeFilter: ['data-active-phase'] });
    });
    await page.locator('[data-testid="train"]').click();
    const times = await waitFor('slow motion runs five phases', () => window.__phaseTimes, undefined, (t) => t.length >= 5, 60_000, 250);
    await page.locator('[data-testid="train"]').click();
    const gaps = times.slice(1).map((t, i) => Math.round(t[0] - times[i][0]));
    // Train shows the first phase at once and each next one after the pace (a little less only
    // where the browser's timer fires early), whatever else wakes the worker in between.
    check(gaps.every((g) => g >= 1900), 'each phase stays on screen for the 2 s pace before the next runs', `${gaps.join(', ')} ms`);
    check(times.every((t) => t[2].startsWith(`${t[1]}.`)), "each phase's explanation stays until the next phase", times.map((t) => t[2].slice(0, 30)).join(' | '));
    note(`slow motion at 2 s: phases ${times.map((t) => t[1]).join(' ')} ${gaps.join('/')} ms apart`);
  });
}

// Presenter mode at a projector's 1280 × 720: no scrolling, no text under 24 px, the grid, the
// scoreboard and the diagram all in view, and the controls in reach of the keyboard.
export async function presenter(url, { browserContext }) {
  await ownPage(browserContext, { width: 1280, height: 720 }, async () => {
    for (const lang of ['de', 'en']) {
      await openApp(`${url}?present=1&lang=${lang}`, `presenter mode (${lang}) becomes ready`);
      // Phase 2 shows the most: its data is on screen while measuring.
      for (let k = 1; k <= 2; k++) {
        await page.keyboard.press('PageDown');
        await waitFor(`${lang}: phase ${k} in presenter mode`, seen, undefined, (s) => s.phase === String(k) && s.digits.length === 8, T.phaseStep);
      }
      const m = await evalT(() => {
        const box = (s) => document.querySelector(s)?.getBoundingClientRect();
        const sizes = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const el = n.parentElement;
          if (!n.textContent.trim() || !el || el.closest('[hidden], .sr-only, option')) continue;
          if (getComputedStyle(el).visibility === 'hidden') continue;
          const r = el.getClientRects();
          if (!r.length || r[0].width === 0) continue;
          // SVG text scales with its drawing: its size on screen is its font size times the scale.
          const svg = el.closest('svg');
          const scale = svg ? svg.getBoundingClientRect().width / svg.viewBox.baseVal.width : 1;
          const px = parseFloat(getComputedStyle(el).fontSize) * scale;
          sizes.push([Math.round(px * 10) / 10, n.textContent.trim().slice(0, 24)]);
        }
        sizes.sort((a, b) => a[0] - b[0]);
        const inView = (r) => !!r && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight + 1 && r.right <= innerWidth + 1;
        return {
          scrollH: document.scrollingElement.scrollHeight,
          scrollW: document.scrollingElement.scrollWidth,
          h: innerHeight,
          w: innerWidth,
          smallest: sizes[0],
          grid: inView(box('[data-testid="digit-grid"]')),
          // In presenter mode the scoreboard's parts join the page's grid: its cards, verdict.
          scoreboard: inView(box('[data-testid="scoreboard"] .duel')) && inView(box('[data-testid="verdict"]')),
          diagram: inView(box('[data-testid="duel-diagram"]')),
          train: inView(box('[data-testid="train"]')),
        };
      });
      check(m.scrollH <= m.h && m.scrollW <= m.w, `${lang}: presenter mode fits 1280×720 without scrolling`, `page ${m.scrollW}×${m.scrollH}`);
      check(m.smallest[0] >= 24, `${lang}: presenter mode's smallest text is at least 24 px`, `${m.smallest[0]} px: "${m.smallest[1]}"`);
      check(m.grid && m.scoreboard && m.diagram && m.train, `${lang}: the grid, the scoreboard, the diagram and Train are all in view`, JSON.stringify(m));
      // The controls are reachable by keyboard: Tab lands on Train within a few presses.
      await evalT(() => document.activeElement?.blur());
      let reached = false;
      for (let i = 0; i < 8 && !reached; i++) {
        await page.keyboard.press('Tab');
        reached = await evalT(() => document.activeElement?.getAttribute('data-testid') === 'train');
      }
      check(reached, `${lang}: Tab reaches Train in presenter mode`);
      const file = path.join(OUT, `presenter-${lang}.png`);
      await page.screenshot({ path: file, timeout: 60_000 });
      ok(`${lang}: presenter screenshot ${file} (smallest text ${m.smallest[0]} px)`);
      await sleep(100);
    }
  });
}

// "You are the detective": a round of eight digits while training runs; every digit marked
// by touch, then the class's score beside D's. Training never stops for it.
export async function detectiveGame(url, { browserContext }) {
  await ownPage(browserContext, { width: 1280, height: 900 }, async () => {
    await openApp(`${url}?lang=de`, 'app becomes ready for the detective game');
    // The teacher's material is linked from the page, in the page's language, and ships with it.
    const material = await evalT(async () => {
      const a = document.querySelector('[data-testid="teacher-material"]');
      const pages = {};
      for (const name of ['', 'plan.html', 'worksheet.html', 'answers.html', 'experiments.html']) {
        const res = await fetch(new URL(name, a.href));
        const html = await res.text();
        pages[name || 'index'] = { status: res.status, lang: (html.match(/<html lang="([^"]+)"/) || [])[1], title: (html.match(/<title>([^<]*)</) || [])[1] };
      }
      return { href: a.getAttribute('href'), pages };
    });
    check(material.href === 'teacher/de/' && Object.values(material.pages).every((p) => p.status === 200 && p.lang === 'de' && p.title), "the German page links the teacher's German material, and all five pages ship", JSON.stringify(material));
    await page.locator('[data-testid="train"]').click();
    const before = await waitFor('training runs', () => parseInt(document.querySelector('[data-testid="step-counter"]').dataset.step, 10), undefined, (s) => s >= 5, 60_000, 250);
    await page.locator('[data-testid="quiz-new"]').click();
    const round = await waitFor('a round of eight digits comes', () => [...document.querySelectorAll('[data-testid="quiz-panel"] canvas.digit')].length, undefined, (n) => n === 8, 30_000);
    check(round === 8, 'a round shows eight digits to judge');
    for (let i = 0; i < 8; i++) {
      await page.locator(`[data-testid="quiz-${i}-${i % 2 ? 'fake' : 'real'}"]`).tap().catch(() => page.locator(`[data-testid="quiz-${i}-${i % 2 ? 'fake' : 'real'}"]`).click());
    }
    const result = await waitFor('the score shows once every digit is marked', () => document.querySelector('[data-testid="quiz-result"]')?.textContent ?? '', undefined, (t) => /Du: \d von 8 richtig\. D: \d von 8/.test(t), 10_000);
    const after = await evalT(() => ({ step: parseInt(document.querySelector('[data-testid="step-counter"]').dataset.step, 10), running: document.querySelector('[data-testid="train"]').getAttribute('aria-pressed') }));
    check(after.step > before && after.running === 'true', 'training went on during the round', JSON.stringify({ before, ...after }));
    const truths = await evalT(() => [...document.querySelectorAll('.quiz-digit .truth')].map((e) => e.textContent));
    check(truths.length === 8 && truths.every((t) => /^Die Ziffer war (echt|gefälscht)\. D sagte 0,\d\d\.$/.test(t)), 'each digit then says what it was and what D said, in German', truths.join(' | '));
    ok(`the detective game: ${result}`);
    await page.locator('[data-testid="quiz-panel"]').screenshot({ path: path.join(OUT, 'detective-game-de.png'), timeout: 60_000 });
    await page.locator('[data-testid="train"]').click();
  });
}
