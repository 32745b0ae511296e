// The deployment guide's nginx config, served by real nginx: the checker
// works, with the time endpoint, the strict CSP and the right MIME type.
import { test, expect } from '@playwright/test';
import { CheckerPage } from './fixtures/checker';
import { PORTS } from './fixtures/env';

test('nginx with the guide config serves a working checker', async ({ page }) => {
  const checker = new CheckerPage(page);
  await checker.instrument();
  const wasm = page.waitForResponse((r) => r.url().endsWith('.wasm'));
  const response = await page.goto(`http://127.0.0.1:${PORTS.nginx}/`);
  expect(response!.headers()['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect((await wasm).headers()['content-type']).toBe('application/wasm');
  expect((await wasm).headers()['cache-control']).toContain('immutable');

  const done = await checker.done();
  for (const c of done.report.checks) expect(`${c.check}: ${c.status}`).toBe(`${c.check}: pass`);
  const clock = done.report.checks.find((c) => c.check === 'clock') as unknown as Record<string, unknown>;
  expect(clock.source).toBe('endpoint');
  expect(await checker.cspViolations()).toEqual([]);

  const time = await page.request.get(`http://127.0.0.1:${PORTS.nginx}/api/time`);
  expect(time.headers()['cache-control']).toBe('no-store');
  expect(Math.abs((await time.json()).now_ms - Date.now())).toBeLessThan(1_000);
});
