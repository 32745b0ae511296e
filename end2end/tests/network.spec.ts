// The network check against real servers on several loopback origins:
// each endpoint fails in its own way, and the check tells them apart.
import { test, expect, chromium } from '@playwright/test';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CheckerPage, type Done } from './fixtures/checker';
import { PORTS, withExtensions } from './fixtures/env';

type Row = { index: number; outcome: string };

/** The verdict per endpoint index, from the report's findings (0 and 1 are built in). */
function verdicts(done: Done): Record<number, string> {
  const network = done.report.checks.find((c) => c.check === 'network')!;
  const out: Record<number, string> = {};
  for (const f of network.findings) out[f.params.endpoint as number] = f.id.replace('network.', '');
  return out;
}

async function rows(checker: CheckerPage): Promise<Row[]> {
  return checker.check('network').getByTestId('endpoint').evaluateAll((items) =>
    items.map((li) => ({ index: Number(li.getAttribute('data-index')), outcome: li.getAttribute('data-outcome')! })),
  );
}

test('each failure is told apart, with problems listed first', async ({ page }) => {
  const checker = new CheckerPage(page);
  await checker.instrument();
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  const warnings: string[] = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  const origin = `http://127.0.0.1:${PORTS.network}`;
  await page.goto(`${origin}/?debug=1`);
  const done = await checker.done();
  // Probes go only to URLs the config names: off the page's origin, not
  // even the root of an endpoint's host.
  const config = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'network.json'), 'utf8'));
  const named = new Set<string>(config.endpoints.map((e: { url: string }) => e.url));
  // Where "Redirects" sends the browser (stub-server.mjs): the server's doing.
  named.add(config.endpoints.find((e: { name: string }) => e.name === 'CORS OK').url.replace('127.0.0.1', 'localhost'));
  const elsewhere = requested.filter((url) => new URL(url).origin !== origin);
  expect(elsewhere.length).toBeGreaterThan(0);
  expect(elsewhere.filter((url) => !named.has(url))).toEqual([]);
  expect(verdicts(done)).toEqual({
    3: 'cors_blocked',
    4: 'unreachable',
    5: 'http_error',
    6: 'timeout',
    7: 'unexpected_redirect',
  });
  const network = done.report.checks.find((c) => c.check === 'network')!;
  expect(network.findings.find((f) => f.id === 'network.http_error')?.params.status).toBe(500);
  expect(network.status).toBe('fail');

  const shown = await rows(checker);
  const byIndex = Object.fromEntries(shown.map((r) => [r.index, r.outcome]));
  // The own origin, the time endpoint, "CORS OK", "Filtered" (no blocker here) and the reach-only one are fine.
  expect(byIndex).toMatchObject({ 0: 'ok', 1: 'ok', 2: 'ok', 8: 'ok', 9: 'ok' });
  const firstOk = shown.findIndex((r) => r.outcome === 'ok');
  expect(shown.slice(firstOk).every((r) => r.outcome === 'ok' || r.outcome === 'slow')).toBe(true);
  await expect(checker.finding('network.cors_blocked').getByRole('heading')).toHaveText(
    'A setting on the site blocks answers from No CORS',
  );
  await expect(checker.finding('network.cors_blocked').locator('.support')).toContainText('Access-Control-Allow-Origin');
  // The admin who asked for ?debug=1 sees every endpoint that failed from their browser, those out of reach
  // too: a misspelled host fails for every user (admin review, 2026-11-27: "no problems" beside it).
  const listed = await page.getByTestId('deployment-problem').evaluateAll((items) =>
    items.map((li) => li.getAttribute('data-finding')).sort(),
  );
  expect(listed).toEqual([
    'network.cors_blocked',
    'network.http_error',
    'network.timeout',
    'network.unexpected_redirect',
    'network.unreachable',
  ]);
  await expect(page.locator('[data-testid=deployment-problem][data-finding="network.unreachable"]')).toContainText(
    'a misspelled host',
  );
  // A user's console names only what is surely the site's: out of reach may be the user's network.
  const console = warnings.filter((w) => w.startsWith('resetcheck deployment: '));
  expect(console).toHaveLength(2);
  expect(console.join('\n')).not.toContain('Closed port');
});

test('a blocking extension is named as the cause, not the network', async () => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'resetcheck-net-'));
  const context = await chromium.launchPersistentContext(profile, withExtensions(['fake-blocker']));
  try {
    const checker = new CheckerPage(await context.newPage());
    await checker.instrument();
    await checker.page.goto(`http://127.0.0.1:${PORTS.network}/`);
    const done = await checker.done();
    expect(verdicts(done)[8]).toBe('blocked_by_client');
    await expect(checker.finding('network.blocked_by_client').getByRole('heading')).toHaveText(
      'Something in your browser blocks Filtered',
    );
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
});

test('the page CSP blocking one endpoint gives csp_blocked for it and ok for the rest', async ({ page }) => {
  const checker = new CheckerPage(page);
  await checker.instrument();
  const warnings: string[] = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await page.goto(`http://127.0.0.1:${PORTS.networkCsp}/?debug=1`);
  const done = await checker.done();
  expect(verdicts(done)).toEqual({ 3: 'csp_blocked' });
  // The admin who asked for ?debug=1 sees the deployment's own fault, which no config problem explains,
  // and the console says it too.
  await expect(page.getByTestId('deployment-problem')).toHaveAttribute('data-finding', 'network.csp_blocked');
  await expect(page.getByTestId('deployment-problem')).toContainText('connect-src');
  expect(warnings.filter((w) => w.startsWith('resetcheck deployment: '))).toHaveLength(1);
  // The site's own policy is the only problem: the user is not sent looking on their side.
  expect(done.report.checks.filter((c) => c.check !== 'network').map((c) => c.status)).not.toContain('fail');
  await expect(checker.summary).toContainText("The problem is on the site's side");
  const network = done.report.checks.find((c) => c.check === 'network')!;
  expect(network.findings[0].params.directive).toBe('connect-src');
  const byIndex = Object.fromEntries((await rows(checker)).map((r) => [r.index, r.outcome]));
  expect(byIndex).toEqual({ 0: 'ok', 1: 'ok', 2: 'ok', 3: 'csp_blocked' });
});

test('with every endpoint hanging the run still ends within 6 s', async ({ page }) => {
  const checker = new CheckerPage(page);
  await checker.instrument();
  const started = Date.now();
  await page.goto(`http://127.0.0.1:${PORTS.networkHang}/`);
  const done = await checker.done();
  const elapsed = Date.now() - started;
  console.log(`every endpoint hanging: resetcheck:done ${elapsed} ms after navigation started`);
  expect(elapsed).toBeLessThan(6_000);
  // The time endpoint's row times out too, but only the clock check's note says so: the reset doesn't use it.
  expect(verdicts(done)).toEqual({ 2: 'timeout', 3: 'timeout', 4: 'timeout' });
  const timeRow = (await rows(checker)).find((r) => r.index === 1);
  expect(timeRow?.outcome).toBe('timeout');
  // The clock still measured itself from the Date header.
  const clock = done.report.checks.find((c) => c.check === 'clock') as unknown as Record<string, unknown>;
  expect(clock.source).toBe('date_header');
});

test('the demo config is all ok, with no false alarms', async ({ page }) => {
  const checker = new CheckerPage(page);
  await checker.goto();
  const done = await checker.done();
  const network = done.report.checks.find((c) => c.check === 'network')!;
  expect(network.status).toBe('pass');
  expect(network.findings).toEqual([]);
  // This page's server and the time endpoint, which the config lists as "Time API" too: one row for it
  // (phone review, 2026-11-27).
  expect((await rows(checker)).map((r) => [r.index, r.outcome])).toEqual([[0, 'ok'], [1, 'ok']]);
});
