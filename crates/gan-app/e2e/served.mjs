// Checks a site that something else serves (plain `trunk serve`, by default at
// http://127.0.0.1:8080/): the page gets ready, Train trains 20 steps, and no
// Content-Security-Policy violation or page error happens on the way. Prints what it saw.
//
//   trunk serve &   node crates/gan-app/e2e/served.mjs [--url http://127.0.0.1:8080/]

import { CHROMIUM, CHROMIUM_FLAGS, loadPlaywright, parseOptions } from './harness.mjs';

const usage = (msg) => {
  if (msg) console.error(msg);
  console.error('usage: node served.mjs [--url URL]');
  process.exit(2);
};
const args = parseOptions(process.argv.slice(2), { valued: ['--url'] }, { url: 'http://127.0.0.1:8080/' }, usage);
const { chromium } = loadPlaywright();
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true });
const problems = [];
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (/Content.Security.Policy|Refused to/i.test(m.text())) problems.push(m.text());
  });
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) => console.log(`Refused to run: CSP violation of ${e.violatedDirective} by ${e.blockedURI}`)),
  );
  const started = Date.now();
  await page.goto(args.url, { waitUntil: 'load', timeout: 60_000 });
  await page.waitForFunction(() => document.querySelector('[data-testid="app"]')?.getAttribute('data-ready') === 'true', null, { timeout: 180_000 });
  const readyMs = Date.now() - started;
  await page.click('[data-testid="train"]');
  await page.waitForFunction(() => parseInt(document.querySelector('[data-testid="step-counter"]').dataset.step, 10) >= 20, null, { timeout: 180_000 });
  const seen = await page.evaluate(() => ({
    isolated: crossOriginIsolated,
    backend: document.querySelector('[data-testid="backend-badge"]')?.textContent,
    step: Number(document.querySelector('[data-testid="step-counter"]').dataset.step),
  }));
  console.log(JSON.stringify({ url: args.url, readyMs, ...seen, problems }));
  if (problems.length) process.exitCode = 1;
} finally {
  await browser.close();
}
