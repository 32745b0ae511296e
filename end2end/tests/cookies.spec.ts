// Cookies blocked by the browser's own setting: navigator.cookieEnabled
// still says true, and only the real write/read-back catches it.
import { test, expect } from '@playwright/test';
import { CheckerPage, axeViolations } from './fixtures/checker';
import { PORTS, chromiumLaunch, withPreferences, BLOCK_ALL_COOKIES } from './fixtures/env';

test('blocked cookies give the cookie finding, with advice, operable by keyboard', async () => {
  // Chromium's "block all cookies" content setting, written into a fresh profile.
  await withPreferences(BLOCK_ALL_COOKIES, {
    ...chromiumLaunch(),
    baseURL: `http://127.0.0.1:${PORTS.demo}`,
  }, async (context) => {
    const page = await context.newPage();
    const checker = new CheckerPage(page);
    await checker.goto();
    const done = await checker.done();

    const browser = done.report.checks.find((c) => c.check === 'browser')!;
    expect(browser.status).toBe('fail');
    expect(browser.findings.map((f) => f.id)).toContain('browser.cookies_blocked');
    // The storage the same block denies (IndexedDB fails with an UnknownError here) is part of that
    // finding, not a second problem whose advice ("a normal window") contradicts it.
    expect(browser.findings.map((f) => f.id).filter((id) => id.endsWith('_unavailable'))).toEqual([]);
    // The browser claims cookies are on, which is why a real cookie is written.
    expect(await page.evaluate(() => navigator.cookieEnabled)).toBe(true);

    const finding = checker.finding('browser.cookies_blocked');
    await expect(finding.getByRole('heading')).toHaveText('Cookies are blocked for this site');
    await expect(finding).toContainText('Allow cookies for this site');
    // The steps for the user's own browser (Chrome, on Linux), the others folded away.
    const howto = finding.getByTestId('browser-cookies_howto');
    await expect(howto.getByTestId('howto-own')).toHaveText(/^Chrome on a computer: ⋮ menu → Settings → Privacy and security → Site settings → /);
    await expect(howto.locator('details > summary')).toHaveText('How to do it in other browsers');
    await expect(howto.locator('details li')).toHaveCount(6);
    await expect(howto.locator('details li').first()).toBeHidden();
    await expect(checker.summary).toHaveAttribute('data-status', 'fail');
    // The result names the problem and links to it: on a phone the finding is screens below.
    const named = checker.summary.getByTestId('summary-problems').getByRole('link', { name: 'Cookies are blocked for this site' });
    await named.focus();
    await page.keyboard.press('Enter');
    await expect(finding).toBeFocused();

    // The support details open from the keyboard.
    const details = finding.locator('summary', { hasText: 'Details for support' });
    await details.focus();
    await page.keyboard.press('Enter');
    await expect(details.locator('xpath=..')).toHaveAttribute('open', '');
    await expect(finding.locator('.support')).toBeVisible();

    // The page with a problem on it is as accessible as the clean one.
    expect(await axeViolations(page)).toEqual([]);
  });
});
