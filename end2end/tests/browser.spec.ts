// The browser environment and extension checks in real Chromium: a clean
// profile, real unpacked test extensions, page translation's marker, and
// the checker embedded in a cross-site frame.
import { test, expect, chromium, type BrowserContext } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CheckerPage, type Done } from './fixtures/checker';
import { PORTS, withExtensions } from './fixtures/env';

const check = (done: Done, name: string) => done.report.checks.find((c) => c.check === name)!;
const ids = (done: Done, name: string) => check(done, name).findings.map((f) => f.id);

/** A persistent Chromium profile with the named test extensions loaded. */
async function withExtensionProfile<T>(names: string[], body: (context: BrowserContext) => Promise<T>) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'resetcheck-ext-'));
  const context = await chromium.launchPersistentContext(profile, {
    ...withExtensions(names),
    baseURL: `http://127.0.0.1:${PORTS.demo}`,
  });
  try {
    return await body(context);
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

test('a clean default Chromium raises no warnings at all', async ({ page, browser: chromiumBrowser }) => {
  const checker = new CheckerPage(page);
  await checker.goto();
  const done = await checker.done();
  for (const c of done.report.checks) {
    expect(`${c.check}: ${c.status}`).toBe(`${c.check}: pass`);
  }
  expect(ids(done, 'extensions')).toEqual([]);
  expect(ids(done, 'browser')).toEqual([]);
  const browser = check(done, 'browser') as unknown as Record<string, unknown>;
  expect(browser.frame).toBe('top');

  // Browser and platform, as this very Chromium reports itself.
  const major = Number(chromiumBrowser.version().split('.')[0]);
  expect(['chrome', 'chromium']).toContain(browser.family);
  expect(browser.major).toBe(major);
  expect(browser.engine).toBe('blink');
  expect(browser.os).toBe('linux');
  expect(browser.mobile).toBe('no');
  await expect(checker.check('browser').getByTestId('browser-line')).toHaveText(
    new RegExp(`^Your browser: (Chrome|Chromium) ${major} on Linux, on a computer or tablet\\.$`),
  );
  // The full User-Agent string never reaches the report.
  expect(JSON.stringify(done.report)).not.toContain('Mozilla');
});

test('a password manager extension is named', async () => {
  await withExtensionProfile(['fake-password-manager'], async (context) => {
    const checker = new CheckerPage(await context.newPage());
    await checker.goto();
    const done = await checker.done();
    const found = check(done, 'extensions').findings.find((f) => f.id === 'extensions.password_manager');
    expect(found?.params).toEqual({ name: 'onepassword' });
    await expect(checker.finding('extensions.password_manager').getByRole('heading')).toHaveText(
      'A password manager is active: 1Password',
    );
    expect(ids(done, 'extensions')).not.toContain('extensions.content_blocker');
  });
});

test('a content blocker is named from both baits', async () => {
  await withExtensionProfile(['fake-blocker'], async (context) => {
    const checker = new CheckerPage(await context.newPage());
    await checker.goto();
    const done = await checker.done();
    const found = check(done, 'extensions').findings.find((f) => f.id === 'extensions.content_blocker');
    expect(found?.params).toEqual({ kind: 'both' });
    expect(check(done, 'extensions').status).toBe('warn');
    // The bait element is gone again.
    await expect(checker.page.locator('.rc-bait')).toHaveCount(0);
  });
});

test('page translation is detected from its <html> marker', async ({ page }) => {
  // What Chrome's translation does to the page (it adds the class when it starts).
  await page.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => document.documentElement.classList.add('translated-ltr'));
  });
  const checker = new CheckerPage(page);
  await checker.goto();
  const done = await checker.done();
  expect(ids(done, 'extensions')).toEqual(['extensions.page_translated']);
  await expect(checker.finding('extensions.page_translated')).toContainText('Show original');
});

test("an app's built-in browser is named, on the page and in the code support decodes", async ({ browser }) => {
  // ua-parser/uap-core tests/test_ua.yaml: Instagram's in-app browser on Android (a WebView).
  const userAgent =
    'Mozilla/5.0 (Linux; Android 7.0; LG-TP260 Build/NRD90U; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/64.0.3282.137 Mobile Safari/537.36 Instagram 33.0.0.11.92 Android (24/7.0; 320dpi; 720x1193; LGE/lge; LG-TP260; lv517; lv517; en_US; 93117667)';
  const context = await browser.newContext({ userAgent, baseURL: `http://127.0.0.1:${PORTS.demo}` });
  try {
    const checker = new CheckerPage(await context.newPage());
    await checker.goto();
    const done = await checker.done();
    const found = check(done, 'browser').findings.find((f) => f.id === 'browser.in_app_browser');
    expect(found?.params).toEqual({ app: 'instagram' });
    expect(check(done, 'browser').status).toBe('warn');
    const shown = checker.finding('browser.in_app_browser');
    await expect(shown.locator('h4')).toHaveText("You're using the browser built into Instagram");
    await expect(shown).toContainText('Go to the site in your usual browser');
    // Support reads the app and what to tell the user from the code alone.
    const bin = process.env.RESETCHECK_BIN ?? path.resolve(__dirname, '../../target/release/resetcheck');
    // Read as one line: the CLI wraps at 80 columns.
    const decoded = execFileSync(bin, ['decode', done.code!], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(decoded).toContain("Tell the user: You're using the browser built into Instagram, which keeps");
    expect(decoded).toContain('Go to our site in your usual browser, ask for a new reset e-mail there');
    // The string itself, with its device model, stays out of the report.
    expect(JSON.stringify(done.report)).not.toContain('LG-TP260');
  } finally {
    await context.close();
  }
});

test('an iPad asking for desktop sites (a Mac\'s User-Agent, a touch screen) is told the iPad\'s steps', async ({ browser }) => {
  // Safari on iPadOS 17 as it sends itself by default ("Request Desktop Website" is on for iPads).
  const userAgent =
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';
  // An iPad reports 5 touch points, a Mac none.
  for (const [touchPoints, os, steps] of [[5, 'ios', 'iPhone or iPad: '], [0, 'macos', 'Mac: ']] as const) {
    const context = await browser.newContext({ userAgent, baseURL: `http://127.0.0.1:${PORTS.demo}` });
    try {
      const page = await context.newPage();
      // Safari has no client hints: Chromium here would name its own platform in them.
      await page.addInitScript((n) => {
        Object.defineProperty(Navigator.prototype, 'maxTouchPoints', { get: () => n });
        Object.defineProperty(Navigator.prototype, 'userAgentData', { get: () => undefined });
      }, touchPoints);
      // A clock 37 minutes fast, so the page shows its steps to set the clock.
      await page.clock.install({ time: Date.now() + 37 * 60_000 });
      const checker = new CheckerPage(page);
      await checker.goto();
      const done = await checker.done();
      expect({ touchPoints, os: (check(done, 'browser') as unknown as Record<string, unknown>).os }).toEqual({ touchPoints, os });
      await expect(checker.finding('clock.far_off').getByTestId('howto-own')).toHaveText(new RegExp(`^${steps}`));
    } finally {
      await context.close();
    }
  }
});

test('embedded in a cross-site frame, the report says so and states storage access', async ({ page }) => {
  await page.addInitScript(() => {
    window.addEventListener('resetcheck:done', (e) => {
      (window as unknown as { __done: unknown }).__done = (e as CustomEvent).detail;
    });
  });
  const src = `http://127.0.0.1:${PORTS.embeddable}/`;
  await page.goto(`http://localhost:${PORTS.stub}/host.html?src=${encodeURIComponent(src)}`);
  const frame = page.frames().find((f) => f.url().startsWith(src)) ?? (await (await page.waitForSelector('iframe')).contentFrame())!;
  await frame.waitForFunction(() => (window as unknown as { __done?: unknown }).__done !== undefined, null, {
    timeout: 15_000,
  });
  const done = (await frame.evaluate(() => (window as unknown as { __done: Done }).__done)) as Done;
  const browser = check(done, 'browser') as ReturnType<typeof check> & Record<string, unknown>;
  expect(browser.frame).toBe('cross_site_frame');
  const embedded = browser.findings.find((f) => f.id === 'browser.embedded');
  expect(['granted', 'not_granted', 'unsupported']).toContain(embedded?.params.storage_access);
  // In the report for support, not on the user's page; the check vouches only for what a frame can see.
  await expect(frame.locator('[data-finding="browser.embedded"]')).toHaveCount(0);
  const shown = browser.findings.filter((f) => f.id !== 'browser.embedded');
  const row = frame.getByTestId('check-browser');
  await expect(row.getByTestId('finding')).toHaveCount(shown.length);
  if (shown.length === 0) await expect(row).toContainText('as far as a check shown inside another page can tell');
  else await expect(row).not.toContainText('Cookies and storage work');
});

test('a site not listed in allowed_embedders cannot frame the checker', async ({ page }) => {
  const blocked: string[] = [];
  page.on('console', (m) => {
    if (m.text().includes('frame-ancestors')) blocked.push(m.text());
  });
  const src = `http://127.0.0.1:${PORTS.demo}/`;
  await page.goto(`http://localhost:${PORTS.stub}/host.html?src=${encodeURIComponent(src)}`);
  await expect.poll(() => blocked.length).toBeGreaterThan(0);
  const frame = await (await page.waitForSelector('iframe')).contentFrame();
  expect(await frame?.locator('[data-testid=summary]').count()).toBe(0);
});
