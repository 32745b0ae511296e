// The checker served by `resetcheck serve` with the demo config: the run,
// the completion event, the strict CSP, accessibility and translation.
import { test, expect } from '@playwright/test';
import { CheckerPage, axeViolations } from './fixtures/checker';
import { PORTS } from './fixtures/env';

test('runs browser basics and fires resetcheck:done with the report', async ({ page }) => {
  const checker = new CheckerPage(page);
  await checker.goto();
  const done = await checker.done();
  expect(done.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{12,}$/);
  expect(done.report.format).toBe(1);
  const browser = done.report.checks.find((c) => c.check === 'browser');
  expect(browser).toBeDefined();
  expect(browser!.status).toBe('pass');
  await expect(checker.check('browser')).toHaveAttribute('data-status', 'pass');
  await expect(checker.summary).toHaveAttribute('data-status', 'pass');
  await expect(checker.summary.getByTestId('summary-problems')).toHaveCount(0);
  // The code goes with the user to support, next to the button that leads there.
  await expect(checker.summary.getByTestId('summary-code')).toHaveText(`Your code for support: ${done.code!.match(/.{1,4}/g)!.join('-')}`);
  // The live region announces the outcome too: the summary is not live.
  await expect(checker.progress).toHaveText(`All checks finished. ${await checker.summary.locator('p').first().textContent()}`);
  await expect(checker.progress).toContainText('No problems found on your device. The reset link itself is often the trouble');
  // The demo config's site name reaches the heading and the tab title.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Password reset check for the demo site');
  await expect(page).toHaveTitle('Password reset check for the demo site');
});

test('a clean device points the user at the link test, until a sound link is checked', async ({ page }) => {
  // The demo config's reset links: Keycloak action tokens on auth.example.com.
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const token = [b64({ alg: 'HS256', typ: 'JWT' }), b64({ exp: now + 3600, iat: now - 60, sub: 'x' }), Buffer.from('signature-of-the-token-for-test!').toString('base64url')].join('.');
  const checker = new CheckerPage(page);
  await checker.goto();
  await checker.done();
  await expect(checker.summary.locator('p').first()).toHaveText(/^No problems found on your device\. The reset link itself is often the trouble: check it below\./);
  // From here on the link test's own status line speaks: the run's live region, saying it at the same
  // moment, would cut it off (and "All checks finished" again is no news).
  await page.evaluate(() => {
    const progress = document.querySelector('[data-testid="progress"]')!;
    (window as any).__progressSaid = [];
    new MutationObserver(() => (window as any).__progressSaid.push(progress.textContent)).observe(progress, { childList: true, subtree: true, characterData: true });
  });
  const toLinkTest = checker.summary.getByRole('link', { name: 'Check your reset link' });
  await toLinkTest.click();
  // Into the box, ready for the paste; no history step (in a frame it would be the host page's Back).
  await expect(page.getByLabel('Reset link or e-mail text')).toBeFocused();
  await expect(page.getByLabel('Reset link or e-mail text')).toBeInViewport();
  expect(new URL(page.url()).hash).toBe('');
  // Text with no link in it is no check of the link.
  await page.getByLabel('Reset link or e-mail text').fill('I never got a link');
  await page.getByRole('button', { name: 'Check the link' }).click();
  await expect(page.getByTestId('link-status')).toHaveText(/./);
  await expect(toLinkTest).toBeVisible();
  await page.getByLabel('Reset link or e-mail text').fill(`https://auth.example.com/realms/demo/login-actions/action-token?key=${token}&client_id=account`);
  await page.getByRole('button', { name: 'Check the link' }).click();
  await expect(checker.summary.locator('p').first()).toHaveText(/^No problems found on your side\./);
  await expect(toLinkTest).toHaveCount(0);
  await expect(page.getByTestId('link-status')).toHaveText('Link checked: no problems found.');
  // Nothing said: the line only empties, so browse mode finds no headline the summary no longer shows.
  const said: string[] = await page.evaluate(() => (window as any).__progressSaid);
  expect(said.filter((text) => text !== '')).toEqual([]);
  await expect(checker.progress).toHaveText('');
});

test('a clean run leaves a clean console: no error, no failed request', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`); });
  // The probes abort their own requests once the headers are in; those are not failures.
  page.on('requestfailed', (r) => {
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`failed ${r.url()}: ${r.failure()?.errorText}`);
  });
  const checker = new CheckerPage(page);
  await checker.goto();
  await checker.done();
  // The content-blocker bait is among the requests, and is answered.
  expect(problems).toEqual([]);
});

test('when the app cannot start, the user gets a line saying so and the admin the likely causes', async ({ page }) => {
  // A deploy that lost the .wasm file (the same path a CSP without 'wasm-unsafe-eval' takes).
  await page.route('**/*.wasm', (route) => route.fulfill({ status: 404, body: 'not found' }));
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto('/');
  const failed = page.getByRole('alert');
  await expect(failed).toHaveText(/^This page could not start\. Reload it/);
  await expect(failed).toBeVisible();
  // The loading line gave way to it.
  await expect(page.locator('#boot-loading')).toHaveCount(0);
  expect(errors.join('\n')).toContain("resetcheck could not start. Usual causes:");
  // On a page that starts, the line stays hidden.
  await page.unroute('**/*.wasm');
  const checker = new CheckerPage(page);
  await checker.goto();
  await checker.done();
  await expect(page.locator('#boot-failed')).toBeHidden();
});

test('while the app loads slowly, the page says it is coming, and the line goes once the app is up', async ({ page }) => {
  // A slow phone connection: the wasm takes a while to arrive.
  await page.route('**/*.wasm', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await route.continue();
  });
  // Whether the line's text went into it once it was showing: a status line
  // is read out when its text changes, rarely when it appears with it.
  await page.addInitScript(() => {
    new MutationObserver((records) => {
      for (const r of records) {
        const el = r.target as HTMLElement;
        if (el.id === 'boot-loading' && r.addedNodes.length) (window as unknown as { filledShown: boolean }).filledShown = !el.hidden;
      }
    }).observe(document, { subtree: true, childList: true });
  });
  const checker = new CheckerPage(page);
  await checker.instrument();
  await page.goto('/');
  const loading = page.getByRole('status').filter({ hasText: 'Getting the check ready…' });
  await expect(loading).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { filledShown?: boolean }).filledShown)).toBe(true);
  await expect(page.locator('main h1')).toHaveCount(0);
  await expect(page.locator('main h1')).toBeVisible({ timeout: 10_000 });
  await expect(page.locator('#boot-loading')).toHaveCount(0);
  await checker.done();
  // The footer is a landmark of its own, after the main content.
  await expect(page.getByRole('contentinfo')).toContainText('resetcheck');
});

test('a mistyped checks or theme option is named in the console, for the admin', async ({ page }) => {
  const warnings: string[] = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  const checker = new CheckerPage(page);
  await checker.goto('?checks=clocks,network&theme=darkk');
  const done = await checker.done();
  // The typo is ignored: only the network check runs, in the device's theme.
  expect(done.report.checks.map((c) => c.check)).toEqual(['network']);
  expect(await page.locator('html').getAttribute('data-theme')).toBeNull();
  expect(warnings.filter((w) => w.includes('“clocks”'))).toHaveLength(1);
  expect(warnings.filter((w) => w.includes('“darkk”'))).toHaveLength(1);
  expect(warnings.join('\n')).not.toContain('“network”');
});

test('with the shortest probe timeout allowed, every check still fits it', async ({ page }) => {
  const checker = new CheckerPage(page);
  await checker.instrument();
  await page.goto(`http://127.0.0.1:${PORTS.fastTimeout}/`);
  const done = await checker.done();
  const timedOut = done.report.checks.filter((c) => c.findings.some((f) => f.id === 'check.timeout'));
  expect(timedOut.map((c) => c.check)).toEqual([]);
});

test('has zero CSP violations under the strict policy the server sends', async ({ page }) => {
  const checker = new CheckerPage(page);
  const response = await checker.goto();
  const csp = response!.headers()['content-security-policy'];
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(csp).toContain("style-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  await checker.done();
  expect(await checker.cspViolations()).toEqual([]);

  // Control: the listener does see a violation, so the empty list above means something.
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    document.body.append(s);
  });
  await expect.poll(async () => (await checker.cspViolations()).length).toBe(1);
  expect(await page.evaluate(() => (window as unknown as { __inlineRan?: boolean }).__inlineRan)).toBeUndefined();
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`has zero axe violations after the run (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    const checker = new CheckerPage(page);
    await checker.goto('?debug=1');
    await checker.done();
    expect(await axeViolations(page)).toEqual([]);
  });
}

test('every visible string comes from the catalogue (pseudo-locale)', async ({ page }) => {
  const checker = new CheckerPage(page);
  await checker.goto('?lang=en-XA&debug=1');
  await checker.done();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en-XA');
  // Findings too (their labels and details), from the link test and the e-mail lint: a link to a host
  // the site does not use, with a truncated token, and a misspelled domain.
  await page.locator('#link-input').fill('https://evil.example.net/realms/demo/login-actions/action-token?key=abc');
  await page.getByTestId('link-test').getByRole('button').first().click();
  await expect(page.getByTestId('link-result').getByTestId('finding').first()).toBeVisible();
  await page.locator('#email-input').fill('jane@gmial.com');
  await page.locator('#email-input').blur();
  await expect(page.getByTestId('email-result').getByTestId('finding').first()).toBeVisible();
  // Open every disclosure so hidden text is checked too.
  await page.locator('details').evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
  // The code and the link shown as text are data, not words: leave them out.
  await page.getByTestId('code').evaluate((el) => el.remove());
  await page.locator('.link-text').evaluateAll((all) => all.forEach((el) => el.remove()));
  const text = await page.locator('body').evaluate((b) => (b as HTMLElement).innerText);
  // Pseudo-localized text is wrapped in ⟦…⟧ (nested where a text fills another's placeholder);
  // what is left must hold no words.
  let outside = text;
  for (let inner = outside; (inner = outside.replace(/⟦[^⟦⟧]*⟧/g, '')) !== outside; ) outside = inner;
  expect(outside.match(/[A-Za-z]{2,}/g) ?? []).toEqual([]);
  // Nor punctuation that joins texts (a label's colon, a list's commas): those are the catalogue's too.
  expect(outside.match(/\S+/g) ?? []).toEqual([]);
  expect(text).toContain('⟦');
  expect(await page.title()).toMatch(/^⟦.*⟧$/);
});

test('a right-to-left language gets a right-to-left page on a phone, with codes and links left to right', async ({ browser }) => {
  // ar-XB: English words mirrored, the page laid out as Arabic or Hebrew would be.
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  const checker = new CheckerPage(page);
  await checker.goto('?lang=ar-XB');
  await checker.done();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar-XB');
  const direction = (testid: string) => page.getByTestId(testid).evaluate((el) => getComputedStyle(el).direction);
  expect(await direction('summary')).toBe('rtl');
  // The code reads in the order support types it.
  expect(await direction('code')).toBe('ltr');
  await page.locator('#link-input').fill('https://auth.example.com/realms/demo/login-actions/action-token?key=abc&client_id=account');
  // "Check the link", found by place: its name is mirrored.
  await page.getByTestId('link-test').getByRole('button').first().click();
  await expect(page.getByTestId('link-repaired')).toBeVisible();
  // An openable link's text is folded under "Show the whole link".
  await page.locator('details.link-shown').evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
  const shown = page.locator('.link-text code').first();
  await expect(shown).toBeVisible();
  expect(await shown.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
  // Nothing sticks out sideways, the bait of the extensions check included.
  expect(await checker.sidewaysScroll()).toBe(0);
  expect(await axeViolations(page)).toEqual([]);
  await context.close();
});

test('the language follows navigator.languages and falls back to English', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'de-DE' });
  const checker = new CheckerPage(await context.newPage());
  await checker.goto();
  await checker.done();
  await expect(checker.page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(checker.page.locator('html')).toHaveAttribute('dir', 'ltr');
  await context.close();
});

test('reaches the support link by keyboard, with a visible focus ring', async ({ page }) => {
  const checker = new CheckerPage(page);
  await checker.goto();
  await checker.done();
  const link = page.getByRole('link', { name: 'Contact support' });
  await expect(link).toHaveAttribute('href', 'https://example.com/help');
  // Bounded: the page has about a dozen focusable elements.
  for (let i = 0; i < 20 && !(await link.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(link).toBeFocused();
  const outline = await link.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
});

test('/api/time answers within 1 s of this machine\'s clock and is never cached', async ({ request }) => {
  const before = Date.now();
  const response = await request.get('/api/time');
  const after = Date.now();
  expect(response.status()).toBe(200);
  expect(response.headers()['cache-control']).toBe('no-store');
  const { now_ms } = await response.json();
  expect(Number.isInteger(now_ms)).toBe(true);
  expect(now_ms).toBeGreaterThanOrEqual(before - 1000);
  expect(now_ms).toBeLessThanOrEqual(after + 1000);
});

test('serves the wasm as application/wasm, compressed, with immutable caching', async ({ page }) => {
  const wasm = page.waitForResponse((r) => r.url().endsWith('.wasm'));
  const checker = new CheckerPage(page);
  const doc = await checker.goto();
  expect(doc!.headers()['cache-control']).toBe('no-cache');
  const response = await wasm;
  const headers = response.headers();
  expect(headers['content-type']).toBe('application/wasm');
  expect(headers['content-encoding']).toBe('br');
  expect(headers['cache-control']).toContain('immutable');
  await checker.done();
});
