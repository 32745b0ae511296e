// The optional e-mail lint: findings appear as the user types, only their
// kinds reach the report, and the address never leaves the page.
import { test, expect, type Locator } from '@playwright/test';
import { CheckerPage, axeViolations } from './fixtures/checker';

const ADDRESS = 'jane.doe.4711@gmial.com';

test('a typo is caught locally and the address is never sent or stored', async ({ page, context }) => {
  const seen: string[] = [];
  page.on('request', (r) => {
    seen.push([r.url(), r.postData() ?? '', JSON.stringify(r.headers())].join(' '));
  });
  const checker = new CheckerPage(page);
  await checker.goto();
  await checker.done();

  const input = page.getByLabel('E-mail address', { exact: true });
  await input.fill(ADDRESS);
  const result = page.getByTestId('email-result');
  await expect(result.getByRole('heading')).toHaveText('The part after the @ looks misspelled');
  await expect(result).toContainText('Did you mean “gmail.com” after the @?');
  expect(await axeViolations(page)).toEqual([]);

  // Leaving the field publishes the report again, with the kind of problem only.
  await page.evaluate(() => { window.__resetcheckDone = undefined; });
  await input.press('Tab');
  const done = await checker.done();
  const email = done.report.checks.find((c) => c.check === 'email');
  expect(email?.findings).toEqual([{ id: 'email.domain_typo', params: { suggestion: 'gmail.com' } }]);
  expect(JSON.stringify(done.report)).not.toContain('jane');
  // The summary points at it too, and its link lands focus on the problem, named by its title.
  const pointer = page.getByTestId('summary-problems').getByRole('link', { name: 'The e-mail address you typed has a problem: see below' });
  await pointer.click();
  const problem = result.getByRole('article', { name: 'The part after the @ looks misspelled' });
  await expect(problem).toBeFocused();
  // A warning's bar is dashed (a problem's is solid): told apart by more than colour, in forced colours too.
  await page.emulateMedia({ forcedColors: 'active' });
  expect(await problem.evaluate((el) => getComputedStyle(el).borderInlineStartStyle)).toBe('dashed');
  await page.emulateMedia({ forcedColors: 'none' });

  // Nothing typed went anywhere: no request, no cookie, no storage.
  expect(seen.length).toBeGreaterThan(3);
  expect(seen.filter((s) => s.includes('jane') || s.includes('4711'))).toEqual([]);
  const cookies = await context.cookies();
  expect(JSON.stringify(cookies)).not.toContain('jane');
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  expect(stored).not.toContain('jane');

  // Clear empties the field and takes the e-mail check out of the report.
  await page.evaluate(() => { window.__resetcheckDone = undefined; });
  await page.getByRole('button', { name: 'Clear the address' }).click();
  await expect(input).toHaveValue('');
  // Focus stays on the button, and nothing else shows it: the status line says it.
  await expect(page.getByTestId('email-status')).toHaveText('Cleared.');
  const cleared = await checker.done();
  expect(cleared.report.checks.find((c) => c.check === 'email')).toBeUndefined();
});

/**
 * Where the tip's sender address and the comma after it sit: on how many
 * lines the address is, whether the comma shares the address's (last) line,
 * and on which side of the address it is.
 */
async function addressPlacement(tip: Locator) {
  return tip.evaluate((el) => {
    const address = el.querySelector('.address')!;
    const text = document.createRange();
    text.selectNodeContents(address);
    const lines = new Set([...text.getClientRects()].map((r) => Math.round(r.top))).size;
    const comma = document.createRange();
    comma.selectNodeContents(address.nextSibling!);
    const c = comma.getBoundingClientRect();
    const a = address.getBoundingClientRect();
    const middle = (c.top + c.bottom) / 2;
    return {
      addressLines: lines,
      // Without the bidi controls the pseudo-locale wraps each word in.
      commaOnItsLine: comma.toString().replace(/[\u202a-\u202e\u2066-\u2069]/g, '') === ',' && middle > a.top && middle < a.bottom,
      commaSide: c.left >= a.right - 1 ? 'right' : c.right <= a.left + 1 ? 'left' : 'inside',
    };
  });
}

test('right to left, the comma after the sender address sits on its left, as the sentence reads', async ({ page }) => {
  // WebKit review, 2026-11-27: inside the address's left-to-right isolate, the comma was on its right.
  const checker = new CheckerPage(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await checker.goto('?lang=ar-XB');
  await checker.done();
  await page.locator('#email-input').fill('someone@gmail.com');
  const tip = page.getByTestId('email-tip');
  await expect(tip.locator('.address')).toHaveText('no-reply@example.com');
  expect(await addressPlacement(tip)).toEqual({ addressLines: 1, commaOnItsLine: true, commaSide: 'left' });
});

test('a correct address is confirmed, with where to look for the e-mail, which stays out of the report', async ({ page }) => {
  const checker = new CheckerPage(page);
  await checker.goto();
  await checker.done();
  const input = page.getByLabel('E-mail address', { exact: true });
  await input.fill('someone@gmail.com');
  await expect(page.getByTestId('email-result')).toHaveText('No common mistakes found in this address.');
  // Where to look for the e-mail: a tip beside the verdict, not part of the field's description.
  const tip = page.getByTestId('email-tip');
  await expect(tip.getByRole('heading')).toHaveText("If the reset e-mail doesn't arrive");
  await expect(tip).toContainText('In Gmail, look in Spam, Promotions and Updates.');
  // The sender the demo config names (reset_email_from), to search for.
  await expect(tip).toContainText('Search your mail for no-reply@example.com, the address it comes from.');
  // On a narrow phone the address stays whole on its line: not "no-" on one line and "reply@…" on the next.
  await page.setViewportSize({ width: 320, height: 700 });
  expect(await addressPlacement(tip)).toEqual({ addressLines: 1, commaOnItsLine: true, commaSide: 'right' });
  await page.setViewportSize({ width: 1280, height: 720 });
  await expect(input).toHaveAttribute('aria-describedby', 'email-explain email-verdict');
  expect(await axeViolations(page)).toEqual([]);
  await page.evaluate(() => { window.__resetcheckDone = undefined; });
  await input.press('Tab');
  // The status line points at the tip: a keyboard user would not know it is there.
  await expect(page.getByTestId('email-status')).toHaveText('Address checked: no problems found. Below: where to look for the e-mail.');
  await expect(input).toHaveAttribute('aria-invalid', 'false');
  // The report says the address is fine, and nothing of the mailbox.
  const done = await checker.done();
  expect(done.report.checks.find((c) => c.check === 'email')?.findings).toEqual([]);
  expect(JSON.stringify(done.report).toLowerCase()).not.toContain('gmail');
  // Any other address: the general places. A keystroke takes the tip away until the typing pauses.
  await input.fill('someone@example.org');
  await expect(tip).toContainText('Look in your Spam or Junk folder.');
  await input.press('Home');
  await input.pressSequentially('x');
  await expect(tip).toHaveCount(0);
  await expect(tip).toContainText('Look in your Spam or Junk folder.');
  // A mistake to fix comes first: no tip then.
  await input.fill('someone@gmial.com');
  await expect(page.getByTestId('email-result').getByRole('heading')).toHaveText('The part after the @ looks misspelled');
  await expect(tip).toHaveCount(0);
  // A domain in special letters is a note, not an error in the field.
  await input.fill('jane@bücher.de');
  await input.press('Tab');
  await expect(page.getByTestId('email-status')).toHaveText('Address checked: see the note below.');
  await expect(input).toHaveAttribute('aria-invalid', 'false');
});

test('the lint speaks once the typing pauses, not on every keystroke', async ({ page }) => {
  const checker = new CheckerPage(page);
  await checker.goto();
  await checker.done();
  const input = page.getByLabel('E-mail address', { exact: true });
  const result = page.getByTestId('email-result');
  await input.fill('someone@example.org');
  await expect(result).toHaveText('No common mistakes found in this address.');
  // A keystroke takes the old verdict away, and no new one shows while the
  // user may still be typing (the module is loaded: it would answer in ms).
  await input.press('End');
  await input.pressSequentially('@');
  await expect(result).toHaveText('');
  await page.waitForTimeout(250);
  await expect(result).toHaveText('');
  // The pause over, the verdict comes.
  await expect(result.getByTestId('finding')).toHaveCount(1);
});

test('typing publishes nothing; leaving the field publishes the report once', async ({ page }) => {
  await page.addInitScript(() => {
    (window as unknown as { doneCount: number }).doneCount = 0;
    window.addEventListener('resetcheck:done', () => { (window as unknown as { doneCount: number }).doneCount++; });
  });
  const checker = new CheckerPage(page);
  await checker.goto();
  await checker.done();
  const count = () => page.evaluate(() => (window as unknown as { doneCount: number }).doneCount);
  expect(await count()).toBe(1);

  const input = page.getByLabel('E-mail address', { exact: true });
  await input.pressSequentially('jane@gmial.com');
  await expect(page.getByTestId('email-result').getByRole('heading')).toHaveText('The part after the @ looks misspelled');
  expect(await count(), 'one lint answer per keystroke, but no report').toBe(1);
  // Nor is anything said to a screen reader while the user types: the verdict is
  // not a live region, and its one status line waits for the user to finish.
  const status = page.getByTestId('email-status');
  await expect(page.getByTestId('email-result')).not.toHaveAttribute('aria-live');
  await expect(status).toHaveText('');
  await expect(input).toHaveAttribute('aria-invalid', 'false');

  await input.press('Tab');
  await expect.poll(count).toBe(2);
  await expect(status).toHaveText('Address checked: problems found, see below.');
  await expect(status).toHaveRole('status');
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  // The problem and what to do, without the disclosures' names ("Details for support: …").
  await expect(input).toHaveAccessibleDescription(/The part after the @ looks misspelled: Did you mean “gmail\.com” after the @\?/);
  await expect(input).not.toHaveAccessibleDescription(/Details for support/);
  // Leaving again without a change publishes nothing more.
  await input.focus();
  await input.press('Tab');
  await page.waitForTimeout(300);
  expect(await count()).toBe(2);
});
