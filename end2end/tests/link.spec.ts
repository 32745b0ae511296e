// The link test on the page: repair and unwrap on this device, openable
// only on the site's own host, damage and environment named, expiry judged
// on the server's time, and the pasted token never leaving the page.
import { test, expect, chromium } from '@playwright/test';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CheckerPage, axeViolations } from './fixtures/checker';
import { PORTS, chromiumLaunch, skewedChromium } from './fixtures/env';
import { keycloakToken, resetLink } from './fixtures/links';

// The demo config (repo-root resetcheck.json) says reset links are Keycloak
// links on auth.example.com, and auth.staging.example.com is staging.

/** The link wrapped by Safe Links, then mangled by quoted-printable with soft line breaks at 70 columns. */
function safeLinksQuotedPrintable(original: string) {
  const wrapped = `https://nam12.safelinks.protection.outlook.com/?url=${encodeURIComponent(original)}&data=05%7C02%7C%7Cabc%7C0&sdata=xyz&reserved=0`;
  const qp = wrapped.replace(/=/g, '=3D');
  const lines = qp.match(/.{1,70}/g)!;
  return `Hello,\n\nClick here to reset your password:\n${lines.join('=\n')}\n\nThanks`;
}

async function paste(checker: CheckerPage, text: string) {
  await checker.page.getByLabel('Reset link or e-mail text').fill(text);
  await checker.page.getByRole('button', { name: 'Check the link' }).click();
  return checker.page.getByTestId('link-result');
}

/** The link check's finding ids in the next `resetcheck:done`, which it then forgets, ready for the one after. */
async function nextLinkFindings(checker: CheckerPage) {
  const done = await checker.done();
  await checker.page.evaluate(() => { window.__resetcheckDone = undefined; });
  return done.report.checks.find((c) => c.check === 'link')!.findings.map((f) => f.id);
}

const ids = async (checker: CheckerPage) =>
  checker.page.getByTestId('link-result').getByTestId('finding').evaluateAll((els) => els.map((e) => e.getAttribute('data-finding')));

test('a Safe Links, quoted-printable link to the site is repaired and openable', async ({ page }) => {
  const checker = new CheckerPage(page);
  await checker.goto();
  await checker.done();
  const original = resetLink('auth.example.com', keycloakToken(3600));
  const result = await paste(checker, safeLinksQuotedPrintable(original));
  await expect(result.getByTestId('link-repaired')).toHaveAttribute('data-openable', 'true');
  await expect(result.getByRole('link', { name: 'Open the repaired link' })).toHaveAttribute('href', original);
  await expect(result.getByTestId('link-layers')).toContainText('Microsoft Safe Links');
  expect(await ids(checker)).toEqual(expect.arrayContaining(['link.quoted_printable', 'link.rewritten']));
  // What to do comes before what is only good to know (UX review, 2026-11-27: "works for 29 min more"
  // came before the warning that a scanner may have used the link).
  const statuses = await result.getByTestId('finding').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
  expect(statuses.indexOf('pass')).toBeGreaterThan(statuses.lastIndexOf('warn'));
  expect(statuses.indexOf('pass')).toBeGreaterThan(0);
  // The link's text waits behind a disclosure, so the findings follow the button.
  await expect(result.locator('details.link-shown code')).toHaveText(original);
  await expect(result.locator('details.link-shown code')).toBeHidden();
  // A note asks nothing of the user, and says so; a warning says what to do.
  await expect(result.locator('[data-finding="link.rewritten"] p').first()).toHaveText(/^Good to know: The original link was recovered/);
  await expect(result.locator('[data-finding="link.quoted_printable"] p').first()).toHaveText(/^What you can do: /);
  // Each "Details for support" is named after its finding too, with no stray space before the colon.
  const rewritten = result.locator('[data-finding="link.rewritten"]');
  await expect(rewritten.locator('summary')).toHaveAccessibleName(`Details for support: ${await rewritten.getByRole('heading').innerText()}`);
});

test('a long, undamaged link is offered as it is and wraps on a narrow phone', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  const checker = new CheckerPage(page);
  await checker.goto();
  await checker.done();
  const long = resetLink('auth.example.com', keycloakToken(3600, 'a-long-subject-'.repeat(20)));
  const result = await paste(checker, long);
  await expect(result.getByTestId('link-repaired')).toHaveAttribute('data-repaired', 'false');
  await expect(result.getByRole('link', { name: 'Open the link', exact: true })).toHaveAttribute('href', long);
  await expect(result.locator('code')).toHaveText(long);
  // WCAG 1.4.10: the page never scrolls sideways at 320 CSS px.
  expect(await checker.sidewaysScroll()).toBeLessThanOrEqual(0);
});

test('two long links to choose from fit a narrow phone, and the choice keeps keyboard focus', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  const checker = new CheckerPage(page);
  await checker.goto();
  await checker.done();
  const original = resetLink('auth.example.com', keycloakToken(3600, 'a-long-subject-'.repeat(20)));
  // Two reset mails pasted together: two links to the site, and only the user can tell which is the latest.
  const other = resetLink('auth.example.com', keycloakToken(3600, 'another-subject-'.repeat(20)));
  const result = await paste(checker, `First: ${original}\n\nSecond: ${other}`);
  const choice = page.getByRole('group', { name: 'The text holds several links. Which one is the reset link?' });
  await expect(choice.getByRole('button')).toHaveCount(2);
  // WCAG 1.4.10: the links wrap inside full-width buttons, and the page never scrolls sideways.
  expect(await checker.sidewaysScroll()).toBeLessThanOrEqual(0);
  for (const box of await choice.getByRole('button').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()))) {
    expect(box.right).toBeLessThanOrEqual(320);
    expect(box.height).toBeGreaterThanOrEqual(24);
  }
  await choice.getByRole('button').first().focus();
  await page.keyboard.press('Enter');
  await expect(result.getByTestId('link-repaired')).toBeVisible();
  // The button pressed is gone with the old verdict: focus is on the new one, not lost to the page.
  await expect(result).toBeFocused();
  // Announced in one short line, not the whole verdict, and once: the group focus lands on is named by its
  // section, not by that line again.
  await expect(page.getByTestId('link-status')).toHaveText(/^Link checked: /);
  await expect(result).toHaveAccessibleName(await page.locator('#link-heading').innerText());
  await expect(result).not.toHaveAttribute('aria-live');
});

test('the same link to a host the site does not use is shown as text only', async ({ page }) => {
  const checker = new CheckerPage(page);
  await checker.goto();
  await checker.done();
  const original = resetLink('accounts.example.net', keycloakToken(3600));
  const result = await paste(checker, safeLinksQuotedPrintable(original));
  await expect(result.getByTestId('link-repaired')).toHaveAttribute('data-openable', 'false');
  await expect(result.getByRole('link')).toHaveCount(0);
  await expect(result.locator('code')).toHaveText(original);
});

test('of several reset e-mails pasted at once, the newest link is checked and the user told to use it', async ({ page }) => {
  const checker = new CheckerPage(page);
  await checker.goto();
  await checker.done();
  const older = resetLink('auth.example.com', keycloakToken(600, 'older', 1200));
  const newest = resetLink('auth.example.com', keycloakToken(3000, 'newest', 60));
  const result = await paste(checker, `Reset your password: ${newest}\n\nOn Monday you wrote:\n> Reset your password: ${older}`);
  await expect(result.locator('code')).toHaveText(newest);
  await expect(result.locator('[data-finding="link.newest_picked"] h3')).toHaveText('The newest of the 2 reset links was checked');
  await expect(result.locator('fieldset.link-choice')).toHaveCount(0);
  expect(await nextLinkFindings(checker)).toContain('link.newest_picked');
});

test('"Check the link" with nothing or no link pasted says what to do', async ({ page }) => {
  const checker = new CheckerPage(page);
  await checker.goto();
  await checker.done();
  const status = page.getByTestId('link-status');
  // An empty box: the press is answered, not ignored.
  await page.getByRole('button', { name: 'Check the link' }).click();
  await expect(status).toHaveText('Paste the reset link, or the whole e-mail, into the box first.');
  await expect(page.getByTestId('link-result')).toHaveText('Paste the reset link, or the whole e-mail, into the box first.');
  // Only the button's text, no link: not "checked".
  const result = await paste(checker, 'Reset password');
  await expect(result.getByTestId('finding')).toHaveAttribute('data-finding', 'link.no_link_found');
  await expect(status).toHaveText('Link not checked yet: see below.');
  // The result says what happened, not "check it below" again (phone review, 2026-11-27).
  await expect(checker.summary.locator('p').first()).toHaveText(/^No problems found on your device\. No link was found in what you pasted: see below how to copy the reset link/);
});

test('a truncated token and a staging host are named', async ({ page }) => {
  const checker = new CheckerPage(page);
  await checker.goto();
  await checker.done();
  const token = keycloakToken(3600);
  const result = await paste(checker, resetLink('auth.example.com', token.slice(0, 50)));
  await expect(checker.page.locator('[data-finding="link.token_damaged"]')).toBeVisible();
  // A link that can't work is not offered as one, and the page says why.
  await expect(result.getByTestId('link-repaired')).toHaveAttribute('data-openable', 'false');
  await expect(result.getByRole('link')).toHaveCount(0);
  await expect(result).toContainText("This link can't work as it is");
  // Cut inside the signature, with the token last in the link: the JWT's three parts are all there, but
  // the signature is shorter than its alg's.
  await paste(checker, `https://auth.example.com/realms/demo/login-actions/action-token?key=${token.slice(0, -20)}`);
  await expect(checker.page.locator('[data-finding="link.token_damaged"]')).toBeVisible();
  await expect(result.getByRole('link')).toHaveCount(0);
  await paste(checker, resetLink('auth.staging.example.com', token));
  expect(await ids(checker)).toContain('link.wrong_environment');
  // The user reads plain words; the environment's name is in the details for support.
  const environment = checker.page.locator('[data-finding="link.wrong_environment"]');
  await expect(environment.getByRole('heading')).toHaveText('The link goes to a test version of the site, not the real one');
  await expect(environment.locator('.support')).toContainText('staging');
  expect(await axeViolations(checker.page)).toEqual([]);
});

test('an expired token is judged on the server time, not a slow device clock', async () => {
  // The device clock is 2 h slow: by its own clock the token (expired 1 h ago) would still be valid.
  const browser = await chromium.launch(skewedChromium('-2h'));
  try {
    const context = await browser.newContext({ baseURL: `http://127.0.0.1:${PORTS.demo}` });
    const checker = new CheckerPage(await context.newPage());
    await checker.goto();
    await checker.done();
    await paste(checker, resetLink('auth.example.com', keycloakToken(-3600)));
    await expect(checker.page.locator('[data-finding="link.expired"]')).toBeVisible();
    // The Result box points at it: an expired link is often the whole answer.
    await checker.summary.getByRole('link', { name: 'Your reset link has a problem: see below' }).click();
    await expect(checker.page.getByTestId('link-result')).toBeFocused();
  } finally {
    await browser.close();
  }
});

test('a link with time left, decoded by support days later, is said to have expired since', async ({ page, browser }) => {
  const checker = new CheckerPage(page);
  await checker.goto();
  await checker.done();
  await page.evaluate(() => { window.__resetcheckDone = undefined; });
  await paste(checker, resetLink('auth.example.com', keycloakToken(30 * 60)));
  await expect(page.locator('[data-finding="link.expires_in"]')).toBeVisible();
  const { code } = await checker.done();
  // Three days on: the user's side looked clean, but the link is simply too old now.
  const later = await browser.newPage({ baseURL: `http://127.0.0.1:${PORTS.demo}` });
  await later.clock.install({ time: Date.now() + 3 * 86_400_000 });
  await later.goto(`/#support=${code}`);
  const since = 'The reset link has expired since the check (it had 29 min left then): the user needs a new reset e-mail, used right away.';
  await expect(later.getByTestId('link-since')).toHaveText(since);
  // A screen reader hears it with the headline.
  await expect(later.getByTestId('support-status')).toContainText(since);
  await later.close();
});

test('a code made later says the time the link has left then, and the verdict on the page follows', async ({ page }) => {
  // The user checks a link with 30 minutes left, then, five minutes on, enters their address: the new code's
  // run time is five minutes later, so its link must say 24 min left, not 29, and so must the page.
  await page.clock.install();
  const checker = new CheckerPage(page);
  await checker.goto();
  await checker.done();
  await page.evaluate(() => { window.__resetcheckDone = undefined; });
  const result = await paste(checker, resetLink('auth.example.com', keycloakToken(30 * 60)));
  expect((await checker.done()).report.checks.find((c) => c.check === 'link')?.findings.map((f) => f.id)).toEqual(['link.expires_in']);
  await expect(result.getByRole('heading', { name: 'The reset link works for about 29 min more' })).toBeVisible();
  await page.clock.fastForward('05:00');
  await page.evaluate(() => { window.__resetcheckDone = undefined; });
  await page.locator('#email-input').fill('jane@example.org');
  await page.locator('#email-input').blur();
  const later = (await checker.done()).report.checks.find((c) => c.check === 'link')!.findings;
  expect(later.map((f) => [f.id, f.params.expiry_minutes])).toEqual([['link.expires_in', 24]]);
  await expect(result.getByRole('heading', { name: 'The reset link works for about 24 min more' })).toBeVisible();
});

test('the device clock set right after the link test does not age the link, and an hour asleep does', async ({ page }) => {
  // The device's clock is 2 h slow; the clock check measures that. The link test says 29 min left.
  await page.clock.install({ time: Date.now() - 2 * 3_600_000 });
  const checker = new CheckerPage(page);
  await checker.goto();
  await checker.done();
  await page.evaluate(() => { window.__resetcheckDone = undefined; });
  const result = await paste(checker, resetLink('auth.example.com', keycloakToken(30 * 60)));
  await checker.done();
  // The user sets the clock right, as the page asks (the wall clock jumps 2 h, no time passes), and
  // enters an address before the clock check runs again: the link still has 29 min.
  await page.evaluate(() => { window.__resetcheckDone = undefined; });
  await page.clock.setSystemTime(Date.now());
  await page.locator('#email-input').fill('jane@example.org');
  await page.locator('#email-input').blur();
  expect(await nextLinkFindings(checker)).toEqual(['link.expires_in']);
  await expect(result.getByRole('heading', { name: 'The reset link works for about 29 min more' })).toBeVisible();
  // Then the device sleeps an hour: its wall clock moves on, its monotonic clock pauses (as on some systems).
  // Another address (with a typo, so the report changes) makes a new code.
  await page.clock.setSystemTime(Date.now() + 3_600_000);
  await page.locator('#email-input').fill('jane@gmial.com');
  await page.locator('#email-input').blur();
  expect(await nextLinkFindings(checker)).toEqual(['link.expired']);
  await expect(result.locator('[data-finding="link.expired"]')).toBeVisible();
  // Aged by the report the address made, not by the link's own timer: still said as news.
  await expect(page.getByTestId('link-status')).toHaveText('Your reset link has just expired. Ask for a new reset e-mail: see below.');
});

test('a link that runs out while the page is open is said to, on the page and in a new code', async ({ page }) => {
  await page.clock.install();
  const checker = new CheckerPage(page);
  await checker.goto();
  await checker.done();
  await page.evaluate(() => { window.__resetcheckDone = undefined; });
  const result = await paste(checker, resetLink('auth.example.com', keycloakToken(11 * 60)));
  await checker.done();
  await expect(result.locator('[data-finding="link.expires_in"]')).toBeVisible();
  await expect(page.getByTestId('link-status')).toHaveText('Link checked: no problems found.');
  // Under ten minutes left: "use it right away", said by the status line a screen reader hears.
  await page.evaluate(() => { window.__resetcheckDone = undefined; });
  await page.clock.fastForward('01:30');
  await expect(result.getByRole('heading', { name: /^The reset link expires in (9|10) min$/ })).toBeVisible();
  // Said as news: the user checked nothing just now.
  await expect(page.getByTestId('link-status')).toHaveText('Your reset link expires in a few minutes: use it right away, see below.');
  expect(await nextLinkFindings(checker)).toEqual(['link.expires_soon']);
  // In its last ten minutes the heading counts down each minute, quietly: the status line says nothing new.
  // What the user opened to read stays open as the minutes change.
  await result.locator('details.link-shown > summary').click();
  await result.locator('[data-finding="link.expires_soon"] details > summary').click();
  const before = await result.getByRole('heading', { name: /^The reset link expires in \d+ min$/ }).textContent();
  await page.clock.fastForward('01:00');
  await expect(result.getByRole('heading', { name: /^The reset link expires in \d+ min$/ })).not.toHaveText(before!);
  await expect(page.getByTestId('link-status')).toHaveText('Your reset link expires in a few minutes: use it right away, see below.');
  await expect(result.locator('details.link-shown')).toHaveAttribute('open', '');
  await expect(result.locator('[data-finding="link.expires_soon"] details')).toHaveAttribute('open', '');
  await expect(result.locator('details[open]')).toHaveCount(2);
  // The user is on the link when it runs out: the verdict is rebuilt, and focus stays in it.
  await result.getByRole('link', { name: 'Open the link' }).focus();
  await page.clock.fastForward('10:00');
  await expect(result.locator('[data-finding="link.expired"]')).toBeVisible();
  await expect(page.getByTestId('link-status')).toHaveText('Your reset link has just expired. Ask for a new reset e-mail: see below.');
  expect(await nextLinkFindings(checker)).toEqual(['link.expired']);
  expect(await page.evaluate(() => document.activeElement?.closest('#link-result') !== null)).toBe(true);
  // Checked again by the user: "Link checked" once more.
  await result.page().getByRole('button', { name: 'Check the link' }).click();
  await expect(page.getByTestId('link-status')).toHaveText('Link checked: problems found, see below.');
});

test('the pasted token never leaves the page, and the code carries only the kinds', async ({ page, context }) => {
  const marker = `tok${Date.now()}unique`;
  const seen: string[] = [];
  page.on('request', (r) => seen.push([r.url(), r.postData() ?? '', JSON.stringify(r.headers())].join(' ')));
  const checker = new CheckerPage(page);
  await checker.goto();
  await checker.done();
  const token = keycloakToken(3600, marker);
  await page.evaluate(() => { window.__resetcheckDone = undefined; });
  await paste(checker, safeLinksQuotedPrintable(resetLink('auth.example.com', token)));
  const done = await checker.done();
  expect(done.report.checks.find((c) => c.check === 'link')?.findings.map((f) => f.id)).toEqual(
    expect.arrayContaining(['link.rewritten']),
  );
  const everything = [
    ...seen,
    JSON.stringify(done),
    JSON.stringify(await context.cookies()),
    await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + location.href),
  ].join('\n');
  const tokenPart = token.split('.')[1];
  expect(everything).not.toContain(tokenPart);
  expect(everything).not.toContain(marker);
  // Clearing removes the link from the page and from the report.
  await page.evaluate(() => { window.__resetcheckDone = undefined; });
  await page.getByRole('button', { name: 'Clear the pasted text' }).click();
  await expect(page.getByLabel('Reset link or e-mail text')).toHaveValue('');
  await expect(page.getByTestId('link-status')).toHaveText('Cleared.');
  await expect(page.getByTestId('link-result')).toBeEmpty();
  // "Cleared." is said once, not read again as the empty field's description.
  await expect(page.getByLabel('Reset link or e-mail text')).not.toHaveAccessibleDescription(/Cleared/);
  // A second press is said again: the line empties, then, a moment later, says it anew.
  await page.getByTestId('link-status').evaluate((el) => {
    (window as unknown as { __said: string[] }).__said = [];
    new MutationObserver(() => (window as unknown as { __said: string[] }).__said.push(el.textContent ?? '')).observe(el, { childList: true, characterData: true, subtree: true });
  });
  await page.getByRole('button', { name: 'Clear the pasted text' }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { __said: string[] }).__said)).toEqual(['', 'Cleared.']);
  expect((await checker.done()).report.checks.find((c) => c.check === 'link')).toBeUndefined();
});

test('neither the link nor the address is saved in the browser profile, and the link is kept from page translation', async () => {
  const marker = `persist${Date.now()}`;
  const token = keycloakToken(3600, marker);
  const tokenPart = token.split('.')[1];
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'resetcheck-profile-'));
  const context = await chromium.launchPersistentContext(profile, chromiumLaunch());
  try {
    const checker = new CheckerPage(await context.newPage());
    await checker.instrument();
    await checker.page.goto(`http://127.0.0.1:${PORTS.demo}/`);
    await checker.done();
    await paste(checker, resetLink('auth.example.com', token));
    await expect(checker.page.getByTestId('link-repaired')).toBeVisible();
    const email = checker.page.getByLabel('E-mail address', { exact: true });
    await email.fill(`${marker}@gmial.com`);
    await email.press('Tab');
    await expect(checker.page.getByTestId('email-result').getByRole('heading')).toBeVisible();

    // Page translation sends text to a server: every text that shows the
    // token is marked translate="no".
    const shown = await checker.page.evaluate((needle) => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      const found: { translatable: boolean }[] = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (n.textContent?.includes(needle)) found.push({ translatable: !n.parentElement?.closest('[translate="no"]') });
      }
      return found;
    }, tokenPart);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.filter((s) => s.translatable)).toEqual([]);
    // Chromium writes a tab's form state to its session files within moments.
    await checker.page.waitForTimeout(1_500);
  } finally {
    await context.close();
  }
  const files = (fs.readdirSync(profile, { recursive: true }) as string[])
    .map((f) => path.join(profile, f))
    .filter((f) => fs.statSync(f).isFile());
  const needles = [marker, tokenPart].flatMap((n) => [Buffer.from(n, 'utf8'), Buffer.from(n, 'utf16le')]);
  const holding = files.filter((f) => {
    const bytes = fs.readFileSync(f);
    return needles.some((n) => bytes.includes(n));
  });
  fs.rmSync(profile, { recursive: true, force: true });
  expect(files.length).toBeGreaterThan(10);
  expect(holding.map((f) => path.relative(profile, f))).toEqual([]);
});

test('the link and e-mail analysers load on first use, not with the page', async ({ page }) => {
  const input: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/input/')) input.push(new URL(r.url()).pathname);
  });
  const checker = new CheckerPage(page);
  await checker.goto();
  await checker.done();
  expect(input, 'the first load leaves the input module out').toEqual([]);
  // Focus alone starts the load, so the answer to the paste is instant.
  await page.getByLabel('Reset link or e-mail text').focus();
  await expect.poll(() => input.length).toBe(2);
  expect(input.slice().sort()).toEqual([
    expect.stringMatching(/^\/input\/resetcheck-input-[0-9a-f]{16}\.js$/),
    expect.stringMatching(/^\/input\/resetcheck-input-[0-9a-f]{16}_bg\.wasm$/),
  ]);
  // Named by content, so cached for good: a checker only loads the module of its own build.
  for (const path of input) {
    expect((await page.request.get(path)).headers()['cache-control']).toContain('immutable');
  }
  const result = await paste(checker, resetLink('auth.example.com', keycloakToken(3600)));
  await expect(result.getByTestId('link-repaired')).toHaveAttribute('data-openable', 'true');
  // The e-mail lint uses the same module: nothing more is fetched.
  await page.getByLabel('E-mail address', { exact: true }).fill('jane@gmial.com');
  await expect(page.getByTestId('email-result').getByTestId('finding')).toHaveAttribute('data-finding', 'email.domain_typo');
  expect(input).toHaveLength(2);
});

test('when the analysers cannot load, both tools say so, the page keeps working, and a retry succeeds', async ({ page }) => {
  await page.route('**/input/**', (route) => route.abort('internetdisconnected'));
  const checker = new CheckerPage(page);
  await checker.goto();
  const first = await checker.done();
  const result = await paste(checker, resetLink('auth.example.com', keycloakToken(3600)));
  await expect(result.getByTestId('link-unavailable')).toContainText('could not start');
  await page.getByLabel('E-mail address', { exact: true }).fill('jane@gmial.com');
  await expect(page.getByTestId('email-unavailable')).toContainText('could not start');
  // The rest of the report stands, and nothing about the link reached it.
  expect(first.report.checks.map((c) => c.check)).not.toContain('link');
  await expect(page.getByTestId('summary')).toHaveAttribute('data-state', 'done');

  // The QR code is drawn by the same module: said once, where "Copied." is.
  const qrButton = page.getByRole('button', { name: 'Show a QR code' });
  await qrButton.click();
  await expect(page.getByTestId('qr-unavailable')).toBeVisible();
  await expect(page.getByTestId('copy-status')).toHaveText(await page.getByTestId('qr-unavailable').innerText());

  // Back online: the next use loads the module and answers.
  await page.unroute('**/input/**');
  await page.getByRole('button', { name: 'Check the link' }).click();
  await expect(result.getByTestId('link-repaired')).toHaveAttribute('data-openable', 'true');
  // Closed and opened again, the QR code is tried again, and drawn.
  await qrButton.click();
  await qrButton.click();
  await expect(page.getByRole('img', { name: 'QR code of the support link for this code' })).toBeVisible();
  await expect(page.getByTestId('qr-unavailable')).toHaveCount(0);
});

test('the link and address fields keep what is typed from spell check, autofill and writing assistants', async ({ page }) => {
  // Chrome's enhanced spell check, Grammarly and LanguageTool send a field's text to their servers;
  // the token and the address must never leave the page (privacy review, 2026-11-27).
  const checker = new CheckerPage(page);
  await checker.goto('?lang=ar-XB');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  for (const [field, typed] of [[page.locator('#link-input'), 'https://example.com/reset/'], [page.locator('#email-input'), 'alice@']] as const) {
    await expect(field).toHaveAttribute('spellcheck', 'false');
    await expect(field).toHaveAttribute('autocomplete', 'off');
    await expect(field).toHaveAttribute('autocapitalize', 'off');
    await expect(field).toHaveAttribute('data-gramm', 'false');
    await expect(field).toHaveAttribute('data-enable-grammarly', 'false');
    await expect(field).toHaveAttribute('data-lt-active', 'false');
    // A link or an address reads left to right on a right-to-left page: "alice@" never shows as "@alice".
    await field.fill(typed);
    expect(await field.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
  }
});
