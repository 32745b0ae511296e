// The embeddable widget end to end. `resetcheck demo-host` serves a site's
// "reset didn't work?" page on its own port, embedding the checker from
// another port with the one-line embed.js snippet. The checker's config
// (embed-host.json) allows http://localhost:<demoHost> only, and its server
// builds frame-ancestors from the same list; http://127.0.0.1:<demoHost>
// is the same page on an origin that is not allowed.
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { WCAG_TAGS, type Report } from './fixtures/checker';
import { HostPage } from './fixtures/host';
import { PORTS, chromiumLaunch, withPreferences, BLOCK_ALL_COOKIES } from './fixtures/env';

const CHECKER = `http://127.0.0.1:${PORTS.embedChecker}`;
const ALLOWED_HOST = `http://localhost:${PORTS.demoHost}`;
const REFUSED_HOST = `http://127.0.0.1:${PORTS.demoHost}`;
/** The height embed.js gives the frame before the checker reports its own. */
const LOADER_HEIGHT = 480;
const BIN = process.env.RESETCHECK_BIN ?? path.resolve(__dirname, '../../target/release/resetcheck');

/** What a code carries of each check: its status and findings. */
const essentials = (report: Report) =>
  report.checks.map((c) => ({ check: c.check, status: c.status, findings: c.findings }));

function decode(code: string): Report {
  return JSON.parse(execFileSync(BIN, ['decode', code, '--json'], { encoding: 'utf8', timeout: 10_000 })) as Report;
}

/** Opens every disclosure in the page and its frames, so their content is measured and checked too. */
async function openDisclosures(page: Page) {
  for (const frame of page.frames()) {
    await frame.locator('details').evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
  }
}

test('the checker hears only the host page\'s origin, and posts only to it', async ({ page }) => {
  // A host page whose own policy would send its whole address, query and all (privacy review, 2026-11-27).
  await page.addInitScript(() => {
    if (window.top !== window) return;
    new MutationObserver((_, observer) => {
      if (!document.head) return;
      const meta = document.createElement('meta');
      meta.name = 'referrer';
      meta.content = 'unsafe-url';
      document.head.prepend(meta);
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
  const referers: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'document' && r.url().startsWith(CHECKER)) referers.push(r.headers()['referer'] ?? '');
  });
  const consoleErrors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  const host = new HostPage(page, CHECKER);
  await host.goto(`${ALLOWED_HOST}/?email=alice%40example.com`);
  await host.done();
  expect(await page.evaluate(() => document.querySelector('meta[name=referrer]')?.getAttribute('content'))).toBe('unsafe-url');
  expect(referers).toEqual([`${ALLOWED_HOST}/`]);
  // The checker may post to its own origin too (a help page there), but not while its parent is another:
  // each message to an origin not the parent's is a console error the site's developer would chase.
  expect(consoleErrors.filter((e) => e.includes('postMessage'))).toEqual([]);
});

test('the demo host page hears ready, progress and done, and the code decodes to the frame\'s report', async ({ page }) => {
  const host = new HostPage(page, CHECKER);
  await host.goto(`${ALLOWED_HOST}/`);
  const done = await host.done();
  expect(done.code).toMatch(/^[0-9A-Z]{10,}$/);

  const log = await host.log();
  const types = log.events.map((e) => e.type);
  expect(types[0]).toBe('resetcheck:ready');
  expect(types.filter((t) => t === 'resetcheck:progress').length).toBeGreaterThan(0);
  const last = log.events.filter((e) => e.type === 'resetcheck:progress').at(-1)!.detail;
  expect(last.done).toBe(last.total);
  // Every resetcheck message the host window got came from the checker's origin.
  const ours = log.messages.filter((m) => typeof m.type === 'string' && m.type.startsWith('resetcheck:'));
  expect(ours.length).toBeGreaterThan(0);
  expect([...new Set(ours.map((m) => m.origin))]).toEqual([CHECKER]);

  // The host page only gets the code; the report it stands for is the frame's own.
  const frame = await host.frame();
  const frameDone = await host.frameDone(frame);
  expect(frameDone.code).toBe(done.code);
  // Screen readers announce the frame by the checker's own title, in its language.
  expect(await frame.title()).toMatch(/^Password reset check/);
  await expect(host.iframe).toHaveAttribute('title', await frame.title());
  expect(essentials(decode(done.code))).toEqual(essentials(frameDone.report));

  // The frame shows once the checker speaks, and the page's own fallback link goes.
  await expect(host.iframe).toBeVisible();
  await expect(page.getByTestId('fallback')).toBeHidden();

  // The demo page's own script shows what arrived.
  // It shows the code as people read it out: in groups of four.
  const display = (done as unknown as { display: string }).display;
  expect(display.replace(/-/g, '')).toBe(done.code);
  expect(display).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{1,4})+$/);
  await expect(page.getByTestId('code')).toHaveText(display);
  await expect(page.getByTestId('events').getByRole('listitem').first()).toHaveText('resetcheck:ready');
  await expect(page.getByTestId('events').getByRole('listitem').last()).toHaveText(`resetcheck:done code ${done.code}`);
});

test('the frame is sized to its content, with no inner scroll bar, and follows it as it grows', async ({ page }) => {
  const host = new HostPage(page, CHECKER);
  await host.goto(`${ALLOWED_HOST}/`);
  await host.done();
  const fits = async () => {
    const h = await host.heights();
    return Math.abs(h.element - h.scrollHeight) <= 3 && h.scrollHeight <= h.clientHeight + 2;
  };
  await expect.poll(fits, { timeout: 10_000 }).toBe(true);
  const before = await host.heights();
  expect(before.element).toBeGreaterThan(LOADER_HEIGHT);

  // Opening every disclosure in the report makes it taller; the frame follows.
  await openDisclosures(page);
  await expect.poll(async () => (await host.heights()).element, { timeout: 10_000 }).toBeGreaterThan(before.element);
  await expect.poll(fits, { timeout: 10_000 }).toBe(true);
});

test('the snippet\'s options reach the frame: language, theme, compact layout, checks', async ({ page }) => {
  const host = new HostPage(page, CHECKER);
  await host.goto(`${ALLOWED_HOST}/?lang=en-XA&theme=dark&compact=1&checks=clock,browser`);
  await host.done();
  const frame = await host.frame();
  expect(new URL(frame.url()).searchParams.get('embed')).toBe('1');
  await expect(frame.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(frame.locator('html')).toHaveAttribute('lang', 'en-XA');
  await expect(frame.locator('main')).toHaveClass(/\bcompact\b/);
  const rows = await frame.getByTestId('checks').locator(':scope > li').evaluateAll((all) =>
    all.map((li) => li.getAttribute('data-testid')),
  );
  expect(rows).toEqual(['check-clock', 'check-browser']);
  const report = (await host.frameDone(frame)).report;
  expect(report.checks.map((c) => c.check)).toEqual(['clock', 'browser']);

  // And without them, the frame follows the system theme in the full layout.
  await host.goto(`${ALLOWED_HOST}/?theme=auto&compact=0`);
  await host.done();
  const plain = await host.frame();
  await expect(plain.locator('main')).not.toHaveClass(/\bcompact\b/);
  expect(await plain.locator('html').getAttribute('data-theme')).toBeNull();
});

test('an origin not in allowed_embedders is refused the frame and hears nothing; the user sees the page\'s own link, not an error box', async ({ page }) => {
  // The loader's 15 s wait for the checker, run on a fake clock.
  await page.clock.install();
  const refusals: string[] = [];
  page.on('console', (m) => {
    if (m.text().includes('frame-ancestors')) refusals.push(m.text());
  });
  const host = new HostPage(page, CHECKER);
  await host.goto(`${REFUSED_HOST}/`);
  await expect.poll(() => refusals.length, { timeout: 10_000 }).toBeGreaterThan(0);
  expect(refusals[0]).toContain(`frame-ancestors 'self' ${ALLOWED_HOST}`);
  const frame = await host.frame();
  expect(await frame.locator('[data-testid=summary]').count()).toBe(0);
  // Allowed, ready arrives well within this; refused, nothing ever does.
  await page.waitForTimeout(3_000);
  const log = await host.log();
  expect(log.messages).toEqual([]);
  expect(log.events).toEqual([]);
  await expect(page.getByTestId('code')).toHaveText('none yet');
  await expect(page.getByTestId('events').getByRole('listitem')).toHaveCount(0);
  // The browser's error page in the frame never shows; the host page's fallback link does.
  await expect(host.iframe).toBeHidden();
  expect((await host.heights()).element).toBe(0);
  await expect(page.getByTestId('fallback').getByRole('link')).toBeVisible();
  // After 15 s of silence the host page hears why, and the admin reads it in the console.
  const warnings: string[] = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await page.clock.runFor(16_000);
  await expect.poll(async () => (await host.log()).events.map((e) => e.type)).toEqual(['resetcheck:error']);
  expect((await host.log()).events[0].detail.reason).toBe('silent');
  expect(warnings.join('\n')).toContain('so its frame stays hidden');
  await expect(page.getByTestId('events').getByRole('listitem')).toHaveText(['resetcheck:error silent']);
});

test('a help page on the checker\'s own origin needs no listing in allowed_embedders', async ({ page }) => {
  // embed-host.json lists only the demo host; this page is served by the checker's own server (its 404 page).
  const host = new HostPage(page, CHECKER);
  await host.goto(`${CHECKER}/help-page-test`);
  await page.evaluate((checker) => {
    document.body.innerHTML = '<main><h1>Help</h1><div id="slot"></div></main>';
    const script = document.createElement('script');
    Object.assign(script.dataset, { target: 'slot', checks: 'clock' });
    script.src = `${checker}/embed.js`;
    document.body.append(script);
  }, CHECKER);
  const done = await host.done();
  expect(done.code).toMatch(/^[0-9A-Z]{6,}$/);
  await expect(page.locator('#slot > iframe')).toBeVisible();
  expect([...new Set((await host.log()).messages.map((m) => m.origin))]).toEqual([CHECKER]);
});

// The server's frame-ancestors and the page's postMessage targets come from
// one list, so a host that may frame the checker is always one it posts to.
// To see that the page itself never posts to a host its config doesn't
// name, the frame here gets a config that differs from the server's.
for (const [name, embedders] of [
  ['no allowed_embedders', []],
  ['allowed_embedders naming another origin', ['http://localhost:9']],
] as const) {
  test(`a frame whose config has ${name} posts nothing to its host`, async ({ page }) => {
    await page.route(`${CHECKER}/resetcheck.json`, (route) =>
      route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({ site_name: 'Embedded demo', time_endpoint: '/api/time', allowed_embedders: embedders }),
      }),
    );
    const host = new HostPage(page, CHECKER);
    await host.goto(`${ALLOWED_HOST}/`);
    const frame = await host.frame();
    // A silent frame can't be told from a refused one: it stays hidden, and the page's own link stays.
    await expect(frame.getByTestId('summary')).toHaveCount(1);
    await expect(host.iframe).toBeHidden();
    await expect(page.getByTestId('fallback')).toBeVisible();
    // Shown by hand (a hidden cross-origin frame is throttled), it runs to the end and still posts nothing.
    await host.iframe.evaluate((f: HTMLIFrameElement) => { f.style.visibility = 'visible'; f.style.height = '800px'; });
    const frameDone = await host.frameDone(frame);
    expect(frameDone.code).toBeTruthy();
    await expect(frame.getByTestId('summary')).toHaveAttribute('data-state', 'done');
    // Messages the frame posted with its done event would have arrived by now.
    await page.waitForTimeout(1_000);
    const log = await host.log();
    expect(log.messages).toEqual([]);
    expect(log.events).toEqual([]);
    await expect(page.getByTestId('fallback')).toBeVisible();
  });
}

test('the embedded report says it is embedded and states its storage access', async ({ page }) => {
  const host = new HostPage(page, CHECKER);
  await host.goto(`${ALLOWED_HOST}/`);
  const code = (await host.done()).code;
  const frame = await host.frame();
  const { report } = await host.frameDone(frame);
  const browser = report.checks.find((c) => c.check === 'browser') as Report['checks'][number] & Record<string, unknown>;
  expect(browser.frame).toBe('cross_site_frame');
  const embedded = browser.findings.find((f) => f.id === 'browser.embedded');
  expect(['granted', 'not_granted', 'unsupported']).toContain(embedded?.params.storage_access);
  // For support only: on the user's page it was one more box saying "Nothing for you to do" (phone review,
  // 2026-11-27).
  await expect(frame.locator('[data-finding="browser.embedded"]')).toHaveCount(0);
  await expect(frame.getByTestId('finding').filter({ hasText: 'running inside another page' })).toHaveCount(0);
  // Support sees it from the code alone.
  const decoded = decode(code).checks.find((c) => c.check === 'browser')!;
  expect(decoded.findings.find((f) => f.id === 'browser.embedded')).toEqual(embedded);
});

test('third-party cookies blocked in the browser\'s settings leave the widget without alarm', async () => {
  // Chromium's "block third-party cookies" setting. Chromium still lets a frame keep partitioned cookies
  // (CHIPS), so the checker says so in a note; where those are blocked too, as in Safari, the note is
  // browser.frame_cookies_blocked (core/src/browser.rs's tests). Either way the site's own cookies are
  // untouched, and the user is not told something on their side is wrong.
  const preferences = { profile: { block_third_party_cookies: true, cookie_controls_mode: 1 } };
  await withPreferences(preferences, chromiumLaunch(), async (context) => {
    const host = new HostPage(await context.newPage(), CHECKER);
    await host.goto(`${ALLOWED_HOST}/`);
    await host.done();
    const frame = await host.frame();
    const { report } = await host.frameDone(frame);
    const browser = report.checks.find((c) => c.check === 'browser')!;
    expect(browser.findings.map((f) => f.id)).toEqual(['browser.cookies_partitioned', 'browser.embedded']);
    expect(browser.status).toBe('pass');
    await expect(frame.getByTestId('summary')).toHaveAttribute('data-status', 'pass');
  });
});

test('every cookie blocked, the site\'s own too, is a problem in the widget as on the page, with its steps', async () => {
  // Phone review, 2026-11-27: the frame alone can't tell this from third-party cookies blocked, and said "No problems
  // found". embed.js tries a cookie on the host page, and says so when it doesn't stick.
  await withPreferences(BLOCK_ALL_COOKIES, chromiumLaunch(), async (context) => {
    const host = new HostPage(await context.newPage(), CHECKER);
    await host.goto(`${ALLOWED_HOST}/`);
    await host.done();
    const frame = await host.frame();
    expect(new URL(frame.url()).searchParams.get('host_cookies')).toMatch(/^blocked\.\d+$/);
    const { report } = await host.frameDone(frame);
    const browser = report.checks.find((c) => c.check === 'browser')!;
    expect(browser.findings.map((f) => f.id)).toContain('browser.cookies_blocked');
    expect(browser.status).toBe('fail');
    await expect(frame.getByTestId('summary')).toHaveAttribute('data-status', 'fail');
    await expect(frame.locator('[data-finding="browser.cookies_blocked"]').getByTestId('browser-cookies_howto')).toBeVisible();
  });
});

for (const theme of ['light', 'dark']) {
  test(`axe finds no violations inside the widget or on the host page (${theme} theme)`, async ({ page }) => {
    const host = new HostPage(page, CHECKER);
    await host.goto(`${ALLOWED_HOST}/?theme=${theme}`);
    await host.done();
    await expect((await host.frame()).getByTestId('summary')).toHaveAttribute('data-state', 'done');
    await openDisclosures(page);
    // axe looked inside the frame, not only at the host page around it: a
    // node's target with more than one selector is in a frame. AxeBuilder
    // gives injecting axe into a frame 1 s and skips the frame without a
    // word when that runs out, as it once did on a loaded machine (CI,
    // 2026-11-27), so it runs again, at most three times in all, until its
    // results hold the frame.
    const insideFrame = (r: Awaited<ReturnType<AxeBuilder['analyze']>>) =>
      r.passes.some((rule) => rule.nodes.some((n) => n.target.length > 1));
    const analyze = () => new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
    let results = await analyze();
    for (let attempt = 1; attempt < 3 && !insideFrame(results); attempt++) {
      results = await analyze();
    }
    expect(insideFrame(results)).toBe(true);
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
}

test('the loader fills data-target and hears only its own frame', async ({ page }) => {
  // A host page of the test's own on the allowed origin: the loader puts its frame in #slot; a second, plain
  // iframe of the checker also posts to this page, and the page's own window forges messages. It is built in a
  // document the demo host served (its 404): Chromium counts a page fulfilled by page.route as public and blocks
  // its requests to loopback, and page.setContent's document.open() would drop the recorder's listeners.
  const host = new HostPage(page, CHECKER);
  await host.goto(`${ALLOWED_HOST}/loader-test`);
  await page.evaluate((checker) => {
    document.body.innerHTML = '<main><h1>Loader test</h1><div id="slot"></div><p>After the slot.</p></main>';
    const script = document.createElement('script');
    Object.assign(script.dataset, { target: 'slot', checks: 'clock', title: 'Reset check' });
    script.src = `${checker}/embed.js`;
    const plain = document.createElement('iframe');
    plain.title = 'Plain frame';
    plain.src = `${checker}/?embed=1&checks=clock`;
    document.body.append(script, plain);
  }, CHECKER);
  const loaderFrame = page.locator('#slot > iframe');
  await expect(loaderFrame).toHaveCount(1);
  await expect(loaderFrame).toHaveAttribute('title', 'Reset check');

  // Both frames finish and post; only the loader's frame becomes a DOM event.
  await page.waitForFunction(
    () => window.__host!.messages.filter((m) => m.type === 'resetcheck:done').length === 2,
    null,
    { timeout: 20_000 },
  );
  const own = await host.frameDone(await host.frame(loaderFrame));
  const log = await host.log();
  expect(log.events.filter((e) => e.type === 'resetcheck:done').map((e) => e.detail.code)).toEqual([own.code]);
  expect(log.events.filter((e) => e.type === 'resetcheck:ready')).toHaveLength(1);

  // Messages forged by the host page itself are not the checker's: no resize, no event.
  await expect.poll(async () => {
    const h = await host.heights(loaderFrame);
    return Math.abs(h.element - h.scrollHeight) <= 3;
  }).toBe(true);
  const height = (await host.heights(loaderFrame)).element;
  await page.evaluate(() => {
    window.postMessage({ type: 'resetcheck:resize', height: 7 }, '*');
    window.postMessage({ type: 'resetcheck:done', code: 'FORGED' }, '*');
  });
  // The recorder and the loader hear each message in the same dispatch.
  await page.waitForFunction(() => window.__host!.messages.some((m) => m.code === 'FORGED'), null, { timeout: 5_000 });
  expect((await host.heights(loaderFrame)).element).toBe(height);
  expect((await host.log()).events.filter((e) => e.type === 'resetcheck:done')).toHaveLength(1);
});
