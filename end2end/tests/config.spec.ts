// A config with a wrong type: the admin sees the field named with ?debug=1
// and in the console; the end user sees a working page.
import { test, expect } from '@playwright/test';
import { CheckerPage, axeViolations } from './fixtures/checker';
import { PORTS } from './fixtures/env';

test.use({ baseURL: `http://127.0.0.1:${PORTS.badConfig}` });

test('a wrong type is named with ?debug=1 and the page still works', async ({ page }) => {
  const warnings: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'warning') warnings.push(m.text());
  });
  const checker = new CheckerPage(page);
  await checker.goto('?debug=1');
  const done = await checker.done();
  expect(done.report.checks.find((c) => c.check === 'browser')?.status).toBe('pass');

  const problem = page.getByTestId('config-problem');
  await expect(problem).toHaveCount(1);
  await expect(problem).toHaveAttribute('data-field', 'probe_timeout_ms');
  await expect(problem).toHaveAttribute('data-level', 'error');
  await expect(problem).toContainText('“probe_timeout_ms” should be a whole number, but it is text');
  // The valid parts of the file still apply.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Password reset check for Config test site');
  expect(warnings.some((w) => w.includes('probe_timeout_ms'))).toBe(true);
  expect(await axeViolations(page)).toEqual([]);
});

test('without ?debug=1 the end user sees no config problems', async ({ page }) => {
  const checker = new CheckerPage(page);
  await checker.goto();
  await checker.done();
  await expect(page.getByTestId('debug')).toHaveCount(0);
  await expect(checker.summary).toHaveAttribute('data-status', 'pass');
});

test('a config that arrives too late is named as late, and the checks run on defaults', async ({ page }) => {
  // Held back past the page's 4 s wait; one request, answered once.
  await page.route('**/resetcheck.json*', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    await route.fulfill({ status: 200, contentType: 'application/json', body: '{}' }).catch(() => {});
  });
  const checker = new CheckerPage(page);
  await checker.goto('?debug=1');
  await checker.done();
  const problem = page.getByTestId('config-problem');
  await expect(problem).toHaveCount(1);
  await expect(problem).toContainText('did not arrive within 4 s');
  await expect(checker.summary).toHaveAttribute('data-status', 'pass');
});
