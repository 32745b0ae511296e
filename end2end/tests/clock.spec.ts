// The clock check against the real server, with Chromium's clock really
// skewed by libfaketime, and with time endpoints that misbehave.
import { test, expect, chromium } from '@playwright/test';
import { CheckerPage, axeViolations, type CheckResult } from './fixtures/checker';
import { PORTS, skewedChromium } from './fixtures/env';

const clockOf = (checks: CheckResult[]) => checks.find((c) => c.check === 'clock')! as CheckResult & Record<string, unknown>;

/** Runs `body` on the demo checker in a Chromium whose clock is off by `skew`. */
async function withSkew<T>(skew: string, body: (checker: CheckerPage) => Promise<T>): Promise<T> {
  const browser = await chromium.launch(skewedChromium(skew));
  try {
    const context = await browser.newContext({ baseURL: `http://127.0.0.1:${PORTS.demo}` });
    return await body(new CheckerPage(await context.newPage()));
  } finally {
    await browser.close();
  }
}

test('a correct clock passes, with offset and uncertainty in the report', async ({ page }) => {
  const checker = new CheckerPage(page);
  await checker.goto();
  const done = await checker.done();
  const clock = clockOf(done.report.checks);
  expect(clock.status).toBe('pass');
  expect(clock.source).toBe('endpoint');
  expect(typeof clock.offset_ms).toBe('number');
  expect(typeof clock.uncertainty_ms).toBe('number');
  // Loopback: the estimate is tight and, with no skew, near zero.
  expect(Math.abs(clock.offset_ms as number)).toBeLessThan(100);
  expect(clock.uncertainty_ms as number).toBeLessThan(50);
  await expect(checker.check('clock').getByTestId('clock-line')).toContainText("Your clock matches the site's time");
  await expect(checker.check('clock').getByTestId('zone-line')).toContainText('Time zone:');
});

test('a clock 93.5 s fast is named, measured and explained, and "check again" re-runs it', async () => {
  await withSkew('+93.5s', async (checker) => {
    await checker.goto();
    const done = await checker.done();
    const clock = clockOf(done.report.checks);
    expect(clock.status).toBe('fail');
    expect(clock.findings.map((f) => f.id)).toEqual(['clock.tokens_rejected']);
    expect(Math.abs((clock.offset_ms as number) - 93_500)).toBeLessThan(250);

    const row = checker.check('clock');
    await expect(row.getByTestId('clock-line')).toContainText(/Your clock is 1 min 3[34] s fast \(give or take /);
    await expect(checker.finding('clock.tokens_rejected').getByRole('heading')).toContainText('fast');
    // Linux here, so Linux's steps come first and the rest wait behind a disclosure,
    // inside the finding whose advice says "(steps below)", before its details for support.
    const finding = checker.finding('clock.tokens_rejected');
    await expect(finding.getByTestId('howto-own')).toContainText('Linux');
    expect(await finding.evaluate((el) => [...el.children].map((c) => c.tagName).slice(-2))).toEqual(['DIV', 'DETAILS']);
    // Something to do, marked by more than its words.
    await expect(finding).toHaveAttribute('data-status', 'fail');
    expect(await finding.evaluate((el) => getComputedStyle(el).borderInlineStartStyle)).toBe('solid');
    expect(await axeViolations(checker.page)).toEqual([]);

    // "Check again", from the keyboard, runs only the clock and fires resetcheck:done again.
    await checker.page.evaluate(() => { window.__resetcheckDone = undefined; });
    // Named with its check, starting with the words shown (WCAG 2.5.3).
    const againButton = row.getByRole('button', { name: 'Check again: Clock and time zone', exact: true });
    // What a screen reader hears: which check runs again, then the outcome.
    await checker.page.getByTestId('progress').evaluate((el) => {
      const said: string[] = [];
      (window as unknown as { said: string[] }).said = said;
      new MutationObserver(() => said.push(el.textContent ?? '')).observe(el, { childList: true, characterData: true, subtree: true });
    });
    await againButton.focus();
    await checker.page.keyboard.press('Enter');
    const again = await checker.done();
    const said = await checker.page.evaluate(() => (window as unknown as { said: string[] }).said);
    expect(said[0]).toBe('Checking again: Clock and time zone.');
    expect(said.at(-1)).toMatch(/^All checks finished\. /);
    expect(clockOf(again.report.checks).findings.map((f) => f.id)).toEqual(['clock.tokens_rejected']);
    expect(again.report.checks.find((c) => c.check === 'browser')?.status).toBe('pass');
    // Focus stayed on the button through the re-run (a disabled button drops it to the page).
    await expect(againButton).toHaveAttribute('aria-disabled', 'false');
    await expect(againButton).toBeFocused();
  });
});

test('a clock 3 h slow is reported as a time-zone problem', async () => {
  await withSkew('-3h', async (checker) => {
    await checker.goto();
    const clock = clockOf((await checker.done()).report.checks);
    expect(clock.findings.map((f) => f.id)).toEqual(['clock.timezone_wrong']);
    await expect(checker.finding('clock.timezone_wrong').getByRole('heading')).toContainText('time zone');
    // The device shows the right local time: the line says the clock is off for websites, not plainly off.
    await expect(checker.check('clock').getByTestId('clock-line')).toContainText(/^For websites, your clock is 3 h slow/);
  });
});

test('with no time endpoint the Date header still measures the clock', async ({ page }) => {
  const checker = new CheckerPage(page);
  await checker.instrument();
  await page.goto(`http://127.0.0.1:${PORTS.clockNone}/`);
  const clock = clockOf((await checker.done()).report.checks);
  expect(clock.source).toBe('date_header');
  expect(clock.status).toBe('pass');
  expect(clock.uncertainty_ms as number).toBeLessThanOrEqual(1000);
});

for (const [name, port, problem] of [
  ['is down', PORTS.clockDown, 'network'],
  ['hangs', PORTS.clockHang, 'timeout'],
  ['answers 500', PORTS.clock500, 'http_error'],
  ['answers garbage', PORTS.clockGarbage, 'bad_value'],
  ['is an HTML page', PORTS.clockHtml, 'not_json'],
] as const) {
  test(`a time endpoint that ${name} falls back to the Date header within the timeout`, async ({ page }) => {
    const checker = new CheckerPage(page);
    const started = Date.now();
    await checker.instrument();
    await page.goto(`http://127.0.0.1:${port}/?debug=1`);
    const done = await checker.done();
    // probe_timeout_ms is 5000 by default; the run ends within it plus its slack.
    expect(Date.now() - started).toBeLessThan(7_500);
    const clock = clockOf(done.report.checks);
    const broken = clock.findings.find((f) => f.id === 'clock.endpoint_broken');
    expect(broken?.params.endpoint_problem).toBe(problem);
    expect(clock.source).toBe('date_header');
    // The fallback measured the clock, so the check still passes; the broken endpoint is a note for support.
    expect(clock.status).toBe('pass');
    // Whatever keeps the time service from answering, the reset doesn't need it: the user is not sent
    // looking on their side (phone review, 2026-11-27: "try another network" beside "nothing for you to do").
    await expect(checker.summary).not.toContainText('Something on your side');
    // The admin who asked for ?debug=1 is told.
    await expect(page.locator('[data-testid=deployment-problem][data-finding="clock.endpoint_broken"]')).toBeVisible();
    // Nor does the network check call it a problem, whatever its fault: the clock check's note says it, and
    // the row shows it.
    expect(done.report.checks.find((c) => c.check === 'network')!.findings).toEqual([]);
    const row = { network: 'unreachable', timeout: 'timeout', http_error: 'http_error' }[problem as string];
    if (row) {
      await expect(checker.check('network').locator('[data-testid=endpoint][data-index="1"]')).toHaveAttribute(
        'data-outcome',
        row,
      );
    }
  });
}

test('"Check again" leaves the summary and the code in place until the new result, so the page does not jump', async () => {
  await withSkew('+93.5s', async (checker) => {
    const page = checker.page;
    await checker.goto();
    const first = await checker.done();
    const summary = page.getByTestId('summary');
    const headline = await summary.locator('p').first().textContent();
    const problem = summary.getByTestId('summary-problems').locator('li').first();
    await expect(problem.getByRole('link')).toHaveText(/fast/);
    await expect(page.getByTestId('summary-code')).toBeVisible();
    // The time endpoint answers late from now on: the re-run is slow enough to look at.
    let release = () => {};
    const held = new Promise<void>((resolve) => { release = resolve; });
    await page.route('**/api/time*', async (route) => {
      await held;
      await route.continue();
    });
    await page.evaluate(() => {
      window.__resetcheckDone = undefined;
      const w = window as unknown as { codeRemoved: boolean };
      w.codeRemoved = false;
      new MutationObserver(() => {
        if (!document.querySelector('[data-testid=summary-code]')) w.codeRemoved = true;
      }).observe(document.body, { childList: true, subtree: true });
    });
    const again = checker.check('clock').getByRole('button', { name: /^Check again/ });
    await again.click();
    // The clock's row says it is checking; the rest of the page stays as it was.
    await expect(checker.check('clock')).toHaveAttribute('data-status', 'pending');
    await expect(checker.check('clock')).toHaveAttribute('aria-busy', 'true');
    await expect(again).toHaveAttribute('aria-disabled', 'true');
    await expect(summary).toHaveAttribute('data-state', 'done');
    await expect(summary.locator('p').first()).toHaveText(headline ?? '');
    await expect(page.getByTestId('summary-code')).toBeVisible();
    // The clock's problem is still named, but not as a link: its finding isn't on the page meanwhile.
    await expect(problem).toHaveText(/fast/);
    await expect(problem.getByRole('link')).toHaveCount(0);
    release();
    const done = await checker.done();
    expect(done.report.checks.map((c) => c.check)).toEqual(first.report.checks.map((c) => c.check));
    await expect(checker.check('clock')).toHaveAttribute('data-status', 'fail');
    await expect(again).toHaveAttribute('aria-disabled', 'false');
    await expect(problem.getByRole('link')).toHaveText(/fast/);
    expect(await page.evaluate(() => (window as unknown as { codeRemoved: boolean }).codeRemoved)).toBe(false);
  });
});

test('"Check again" waits for the whole run: a report made before the others end would count them as not run', async ({ page }) => {
  // The content-blocker bait answers late, so the extensions check is still running after the clock's.
  await page.route('**/ads/adframe.js*', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    await route.continue();
  });
  const checker = new CheckerPage(page);
  await checker.goto();
  await expect(checker.check('clock')).not.toHaveAttribute('data-status', 'pending');
  const again = checker.check('clock').getByRole('button', { name: /^Check again/ });
  await expect(checker.check('extensions')).toHaveAttribute('data-status', 'pending');
  await expect(again).toHaveAttribute('aria-disabled', 'true');
  await again.click();
  const done = await checker.done();
  expect(done.report.checks.find((c) => c.check === 'extensions')?.findings.map((f) => f.id)).not.toContain('check.probe_error');
  expect(done.report.checks.find((c) => c.check === 'extensions')?.status).not.toBe('error');
  await expect(again).toHaveAttribute('aria-disabled', 'false');
});
