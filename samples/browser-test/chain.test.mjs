// The demo's browser test: Debian's Chromium (headless, no sandbox, no background networking) driven by
// playwright-core logs alice in at domain-a through the demo page, runs the chain, and checks that the page shows
// API B's token with act API A → app, bound to API A's DPoP key, and saves a screenshot (chain.png); then runs the
// chain with a call API B refuses and checks that the page shows that hop's error (chain-refused.png).
// Run by samples/pom.xml (integration-test) while the demo-it server runs:
//   DEMO_URL=https://127.0.0.1:19743/demo/ SCREENSHOT_DIR=../target/screenshots node chain.test.mjs
import { chromium } from 'playwright-core';
import { existsSync, mkdirSync, readFileSync, rmSync, watch } from 'node:fs';
import { join } from 'node:path';

const url = process.env.DEMO_URL || 'https://127.0.0.1:19743/demo/';
const screenshots = process.env.SCREENSHOT_DIR || '../target/screenshots';
const executablePath = process.env.CHROMIUM
  || ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const TIMEOUT = 120_000; // a loaded 2-core machine: the first exchange warms up three applications

const APP = 'https://app.enachain.test';
const API_A = 'https://api-a.enachain.test';
const API_B = 'https://api-b.enachain.test';
const PARTNER = 'https://partner.domain-b.enachain.test';

function check(condition, message) {
  if (!condition) {
    throw new Error(`check failed: ${message}`);
  }
  console.log(`ok - ${message}`);
}

// Liberty says it is ready before its HTTPS port listens (it opens it once its certificate exists: generated on
// the first start). Event-driven: re-reads messages.log whenever the logs folder changes.
function awaitHttpsPort(logs, timeoutMs) {
  const log = join(logs, 'messages.log');
  const open = () => existsSync(log) && /CWWKO0219I:.*defaultHttpEndpoint-ssl/.test(readFileSync(log, 'utf8'));
  if (open()) {
    return Promise.resolve();
  }
  return new Promise((resolve, reject) => {
    mkdirSync(logs, { recursive: true });
    const watcher = watch(logs, () => {
      if (open()) {
        clearTimeout(timer);
        watcher.close();
        resolve();
      }
    });
    const timer = setTimeout(() => {
      watcher.close();
      reject(new Error(`the server's HTTPS port did not open within ${timeoutMs / 1000} s (no CWWKO0219I in ${log})`));
    }, timeoutMs);
    if (open()) { // written between the first check and the watch
      clearTimeout(timer);
      watcher.close();
      resolve();
    }
  });
}

if (process.env.SERVER_LOGS) {
  await awaitHttpsPort(process.env.SERVER_LOGS, TIMEOUT);
}

if (!executablePath) {
  console.error('No Chromium found (/usr/bin/chromium): .ci/run installs Debian\'s chromium package.');
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-default-apps', '--no-first-run', '--disable-dev-shm-usage'],
});
rmSync(screenshots, { recursive: true, force: true }); // no picture of an earlier run
mkdirSync(screenshots, { recursive: true });
let page;
let lastShot = 'failure.png'; // what the page showed when a check failed
try {
  // The demo server's certificate is Liberty's generated self-signed one.
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1500, height: 1000 } });
  context.setDefaultTimeout(TIMEOUT);
  page = await context.newPage();

  await page.goto(url);
  await page.getByText('Not logged in.').waitFor();
  await page.click('#login');

  // domain-a's login form (the STS's development login), then back to the demo page.
  await page.waitForURL(/\/sts\/domain-a\/authorize/);
  await page.fill('#username', 'alice');
  await page.fill('#password', 'alice-DEMO-ONLY');
  await page.click('button[type=submit]');
  await page.waitForURL((u) => u.pathname === '/demo/' && !u.search.includes('login-failed'));
  await page.locator('#who').filter({ hasText: 'Logged in as' }).filter({ hasText: 'u-7c1e-alice' }).waitFor();
  check(true, 'alice logged in through domain-a (authorization code + PKCE)');

  await page.click('#call');
  await page.locator('body[data-chain]').waitFor();
  const outcome = await page.getAttribute('body', 'data-chain');
  const errors = await page.locator('.hop.failed .error').allTextContents();
  check(outcome === 'ok', `every hop succeeded (${outcome}${errors.length ? ': ' + errors.join('; ') : ''})`);

  // API B's token as API B received it, shown on the page.
  const hopB = page.locator('.hop[data-to="API B"]');
  const receivedB = hopB.locator('.token').nth(1);
  check(await receivedB.locator('h4').first().textContent() === 'received by API B', 'the page shows what API B received');
  const claimsB = JSON.parse(await receivedB.locator('pre.claims').textContent());
  check(claimsB.aud === API_B || (Array.isArray(claimsB.aud) && claimsB.aud.includes(API_B)), `STS-46: API B's token has aud ${API_B}`);
  check(claimsB.client_id === API_A, `STS-62: API B's token has client_id ${API_A}, its act.sub`);
  check(claimsB.act && claimsB.act.sub === API_A && claimsB.act.act && claimsB.act.act.sub === APP,
    `STS-61, STS-63: API B's token has act ${API_A} → ${APP}`);
  check((await receivedB.locator('.act-chain').textContent()) === 'API A → app', 'the page summarises act as "API A → app"');
  check(await receivedB.locator('.hl[data-claim="act"]').count() === 1, 'act is highlighted in the claims');
  const jktB = await receivedB.locator('.cnf-jkt').textContent();
  check(jktB === claimsB.cnf.jkt && jktB === await receivedB.locator('.proof-jkt').textContent(),
    'STS-54: API B\'s token is DPoP-bound (cnf.jkt) to API A\'s key, which made the proof API B received');

  // The first hop: alice's token at API A, bound to the web app's key; the partner hop crossed to domain-b.
  const receivedA = page.locator('.hop[data-to="API A"] .token').nth(1);
  const claimsA = JSON.parse(await receivedA.locator('pre.claims').textContent());
  check(claimsA.client_id === APP && claimsA.sub === claimsB.sub && !claimsA.act, 'API A received alice\'s token issued to the app');
  check(claimsA.jti !== claimsB.jti && claimsA.cnf.jkt !== claimsB.cnf.jkt,
    'CL-12: API A did not forward its token to API B (another token, bound to another key)');
  const claimsPartner = JSON.parse(await page.locator('.hop[data-to="partner API"] .token').nth(1).locator('pre.claims').textContent());
  check(claimsPartner.aud === PARTNER || (Array.isArray(claimsPartner.aud) && claimsPartner.aud.includes(PARTNER)),
    'the partner API received a domain-b token for itself');
  check(claimsPartner.iss.endsWith('/sts/domain-b'), 'issued by domain-b');

  // The sequence picture is drawn from the hops.
  const arrows = await page.locator('#sequence svg line.step').count();
  check(arrows >= 10, `the sequence picture has an arrow per step (${arrows})`);
  check(await page.locator('#sequence svg line.step[data-from="API A"][data-to="API B"]').count() === 1, 'an arrow API A → API B');
  await page.screenshot({ path: join(screenshots, 'chain.png'), fullPage: true });

  // A failed hop shows its error: API A also calls API B's admin endpoint, which needs a scope (b-admin) its
  // token for API B lacks; API B refuses, and the page shows the refusal and draws it red.
  await page.click('#call-refused');
  await page.locator('body[data-chain="failed"]').waitFor();
  const failed = page.locator('.hop.failed');
  check(await failed.count() === 1, 'exactly one hop failed');
  check(await failed.getAttribute('data-to') === 'API B', 'the failed hop is API A → API B (admin)');
  const error = await failed.locator('.error').textContent();
  check(/HTTP 403/.test(error) && /insufficient_scope/.test(error), `the page shows API B's refusal (${error.trim()})`);
  check(await page.locator('.hop.ok').count() === 3, 'the other hops succeeded');
  check(await page.locator('#sequence svg line.step[stroke="#c22"]').count() === 1, 'the refusal is drawn red');
  lastShot = 'chain-refused.png';
} finally {
  if (page) {
    const file = join(screenshots, lastShot);
    await page.screenshot({ path: file, fullPage: true }).then(() => console.log(`screenshot: ${file}`),
      (e) => console.error(`no screenshot: ${e.message}`));
  }
  await browser.close();
}
console.log('browser test passed');
