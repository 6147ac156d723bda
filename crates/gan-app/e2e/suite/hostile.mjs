// The hostile area: what a class, a browser or a link can throw at the page. A frozen tab,
// 150 random clicks, the Content-Security-Policy (nothing the app does is blocked, an injected
// script is), a forced divergence (`?diverge=130`) and a link full of bad values.

import {
  attr, check, checkPageErrors, click, consoleErrors, evalT, note, ok, openApp, page, results,
  sleep, stepNow, T, waitFor,
} from './context.mjs';

// A frozen tab: training goes on while the tab is hidden (the trainer is a worker; README).
// Headless Chromium never hides a tab, so the test takes the harder case: Chromium freezes a
// background tab (page and worker stop), then wakes it; training must carry on and the controls
// work.
export async function frozenTab() {
  await click('train');
  await waitFor('training runs before the tab is frozen', attr, ['train', 'aria-pressed'], (v) => v === 'true', 10_000);
  const cdp = await page.context().newCDPSession(page);
  const before = await evalT(stepNow);
  await cdp.send('Page.setWebLifecycleState', { state: 'frozen' });
  await sleep(5_000);
  await cdp.send('Page.setWebLifecycleState', { state: 'active' });
  await cdp.detach();
  const woke = await evalT(stepNow);
  await waitFor('training carries on after the tab wakes', stepNow, undefined, (s) => s > woke + 10, 30_000);
  ok(`frozen for 5 s at step ${before}; woke at ${woke}; training carries on`);
  await click('train');
  await waitFor('Pause works after the freeze', attr, ['train', 'aria-pressed'], (v) => v !== 'true', 10_000);
  const paused = await evalT(stepNow);
  await sleep(2_000);
  const held = await evalT(stepNow);
  check(held <= paused + 50, 'Pause holds after the freeze (at most one tick lands)', `${paused} -> ${held}`);
  checkPageErrors();
}

// A class clicks everything, fast, in any order: 150 seeded random actions on every control,
// 20-80 ms apart; then the app must be in a consistent state and still obey.
export async function rapidClicks() {
  let seed = 0x5eed;
  const rand = (n) => {
    // The high bits of a 31-bit LCG: its low bits cycle too soon to pick among a few actions.
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return Math.floor((seed / 2147483648) * n);
  };
  const actions = ['train', 'step', 'phase-step', 'reset', 'label-toggle', 'speed'];
  const speeds = await evalT(() => [...document.querySelectorAll('[data-testid="speed"] option')].map((o) => o.value));
  const done = {};
  for (let i = 0; i < 150; i++) {
    const action = actions[rand(actions.length)];
    if (action === 'speed') {
      await page.locator('[data-testid="speed"]').selectOption(speeds[rand(speeds.length)], { timeout: 10_000 });
    } else {
      await page.locator(`[data-testid="${action}"]`).click({ timeout: 10_000, noWaitAfter: true });
    }
    done[action] = (done[action] ?? 0) + 1;
    await sleep(20 + rand(60));
  }
  note(`rapid clicks: ${JSON.stringify(done)}`);
  checkPageErrors();
  // Settle: pause if running, at a fast speed, then check that the controls still obey.
  await page.locator('[data-testid="speed"]').selectOption(speeds.at(-1));
  if ((await evalT(attr, ['train', 'aria-pressed'])) === 'true') await click('train');
  await waitFor('paused after the clicking', attr, ['train', 'aria-pressed'], (v) => v !== 'true', 10_000);
  await sleep(2_000);
  const state = await evalT(() => ({
    step: parseInt(document.querySelector('[data-testid="step-counter"]')?.getAttribute('data-step'), 10),
    phase: document.querySelector('[data-testid="scoreboard"]')?.getAttribute('data-active-phase'),
    lit: document.querySelectorAll('[data-testid="phase-box"][data-active="true"]').length,
    ready: document.querySelector('[data-testid="app"]')?.getAttribute('data-ready'),
  }));
  check(Number.isInteger(state.step) && state.step >= 0, 'the step counter is a whole number', JSON.stringify(state));
  check(state.ready === 'true', 'the app is still ready (no crash, no restart)', JSON.stringify(state));
  check(state.lit <= 1 && ['0', '1', '2', '3', '4', '5', '6'].includes(state.phase), 'at most one phase box is lit, and it is the active phase', JSON.stringify(state));
  await sleep(1_500);
  const held = await evalT(stepNow);
  check(held === state.step, 'paused means paused after the clicking', `${state.step} -> ${held}`);
  await click('step');
  await waitFor('Step still advances after the clicking', stepNow, undefined, (s) => s > held, T.singleStep);
  await sleep(1_000);
  const one = await evalT(stepNow);
  check(one === held + 1, 'Step advances by exactly one step after the clicking', `${held} -> ${one}`);
  checkPageErrors();
}

// The page's Content-Security-Policy: present and tight, nothing the app does is blocked, and
// an injected inline script is really refused. (Whether eval is refused cannot be probed from
// here: code that DevTools evaluates is exempt; the policy's text is checked instead.)
export async function contentSecurityPolicy() {
  const policy = await evalT(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content ?? null);
  check(policy !== null, 'the page carries a Content-Security-Policy meta tag');
  results.csp = policy;
  const scriptSrc = policy.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src ')) ?? '';
  check(
    !/'unsafe-eval'|'unsafe-inline'|'unsafe-hashes'|\*/.test(scriptSrc) && scriptSrc.includes("'wasm-unsafe-eval'"),
    `script-src allows wasm but no eval and no unhashed inline script: ${scriptSrc}`,
  );
  check(/^'sha256-[A-Za-z0-9+/]+=*'$/.test(scriptSrc.split(' ').at(-1)), "Trunk's inline start-up script is allowed by its hash", scriptSrc);
  check(policy.includes("default-src 'none'") && policy.includes("connect-src 'self'"), "default-src 'none', and data only from the site", policy);
  const before = await evalT(() => window.__cspViolations.slice());
  check(before.length === 0, 'the app ran without a single CSP violation', before.join(', '));
  // Workers report to the console only; so far no message may name the policy.
  const reported = consoleErrors.filter((m) => /Content Security Policy/i.test(m));
  check(reported.length === 0, 'the console reports no CSP refusal', reported.join(' | '));
  const probe = await evalT(async () => {
    const s = document.createElement('script');
    s.textContent = 'window.__injectedRan = true;';
    document.head.append(s);
    await new Promise((r) => setTimeout(r, 100));
    return { ran: window.__injectedRan === true, violations: window.__cspViolations.slice() };
  });
  check(!probe.ran && probe.violations.some((v) => v.startsWith('script-src')), 'an injected inline script is refused', JSON.stringify(probe));
}

// A demonstration link (`?diverge=130`) breaks step 130 with a NaN batch: training must pause
// in that step, the scoreboard explain it and offer the state kept at step 100; Restore brings
// step 100 back, and training then runs past step 130 (the demonstration fires once).
export async function forcedDivergence(url) {
  await openApp(`${url}?backend=cpu&diverge=130`, 'app becomes ready with ?diverge=130');
  const notice = await evalT(() => document.querySelector('[data-testid="notice"]')?.textContent ?? '');
  check(/diverge at step 130 on purpose/.test(notice), 'the page says the link breaks step 130 on purpose', notice);
  await click('train');
  const at = await waitFor('training diverges at step 130', attr, ['divergence', 'data-step'], (v) => v !== null, T.trainTimeout);
  check(at === '130', 'the NaN is caught in the step it appeared in (step 130)', at);
  await waitFor('training paused by itself', attr, ['train', 'aria-pressed'], (v) => v !== 'true', 10_000);
  const shown = await evalT(() => ({
    text: document.querySelector('[data-testid="divergence"]')?.textContent ?? '',
    restore: document.querySelector('[data-testid="restore-last-good"]')?.textContent ?? null,
    step: document.querySelector('[data-testid="step-counter"]')?.getAttribute('data-step'),
  }));
  check(/NaN/.test(shown.text) && shown.restore === 'Restore step 100', 'the scoreboard explains the NaN and offers "Restore step 100"', JSON.stringify(shown));
  await sleep(1000);
  check((await evalT(stepNow)) === Number(shown.step), 'training stays paused after a divergence');
  await click('restore-last-good');
  await waitFor('the step counter is back at 100', stepNow, undefined, (s) => s === 100, 30_000);
  await waitFor('the divergence message is gone', attr, ['divergence', 'data-step'], (v) => v === null, 10_000);
  await click('train');
  await waitFor('training runs past step 130 after the restore', stepNow, undefined, (s) => s >= 160, T.trainTimeout);
  await click('train');
  check((await evalT(attr, ['divergence', 'data-step'])) === null, 'no second divergence: the restored networks train finite');
  checkPageErrors();
}

// A lesson link full of hostile values: each falls back to its default, and the notice says
// which. The lesson area's addressFollows goes on from this page.
export async function badLink(url) {
  await openApp(`${url}?backend=cpu&lr_g=NaN&batch=99999&speed=fast&lang=xx&panels=%3Cscript%3E&lesson=maybe&seed=-1`, 'app becomes ready from a hostile link');
  const fallback = await evalT(() => ({
    notice: document.querySelector('[data-testid="notice"]')?.textContent ?? '',
    lrG: document.querySelector('[data-testid="setting-lr-g"]').value,
    batch: document.querySelector('[data-testid="setting-batch"]').value,
    speed: document.querySelector('[data-testid="speed"]').value,
    judgeShown: document.querySelector('[data-testid="judge-panel"]').closest('[hidden]') === null,
    settingsShown: document.querySelector('[data-testid="apply-settings"]').closest('[hidden]') === null,
    injected: document.body.innerHTML.includes('<script>'),
  }));
  check(fallback.lrG === '0.0005' && fallback.batch === '64' && fallback.speed === '5', 'hostile values fall back to the defaults', JSON.stringify(fallback));
  check(fallback.judgeShown && fallback.settingsShown, 'an unknown panel list shows every panel; no lesson mode');
  check(
    /partly ignored/.test(fallback.notice) && ['lr_g', 'batch', 'speed=fast', 'lang=xx', 'panels=', 'lesson=maybe', 'seed=-1'].every((k) => fallback.notice.includes(k)),
    'a visible notice names every refused value',
    fallback.notice,
  );
  check(!fallback.injected, 'the hostile panel name is shown as text, not markup');
}
