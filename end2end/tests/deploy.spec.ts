// The deployment guide's nginx config and Caddyfile, served by real nginx
// and Caddy with dist/ at /resetcheck/, as the guide has them: the checker
// works there, with the time endpoint, the strict CSP, the right MIME type,
// caches and compression, and so do the input module and the support page.
import { test, expect } from '@playwright/test';
import { CheckerPage } from './fixtures/checker';
import { PORTS } from './fixtures/env';

for (const [server, port] of [['nginx', PORTS.nginx], ['Caddy', PORTS.caddy]] as const) {
  test(`${server} with the guide config serves a working checker`, async ({ page }) => {
    const checker = new CheckerPage(page);
    await checker.instrument();
    const wasm = page.waitForResponse((r) => r.url().endsWith('.wasm'));
    const response = await page.goto(`http://127.0.0.1:${port}/resetcheck/`);
    expect(response!.headers()['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect((await wasm).headers()['content-type']).toBe('application/wasm');
    expect((await wasm).headers()['cache-control']).toBe('public, max-age=31536000, immutable');
    // The wasm is most of the bytes: compressed on the way.
    expect(['br', 'gzip', 'zstd']).toContain((await wasm).headers()['content-encoding']);
    expect(response!.headers()['cache-control']).toBe('no-cache');

    const done = await checker.done();
    for (const c of done.report.checks) expect(`${c.check}: ${c.status}`).toBe(`${c.check}: pass`);
    const clock = done.report.checks.find((c) => c.check === 'clock') as unknown as Record<string, unknown>;
    expect(clock.source).toBe('endpoint');
    expect(await checker.cspViolations()).toEqual([]);

    const time = await page.request.get(`http://127.0.0.1:${port}/api/time`);
    expect(time.headers()['cache-control']).toBe('no-store');
    expect(Math.abs((await time.json()).now_ms - Date.now())).toBeLessThan(1_000);

    // The input module loads from the sub-folder too.
    await page.getByLabel('E-mail address', { exact: true }).fill('jane@gmial.com');
    await expect(page.getByTestId('email-result').getByRole('heading')).toHaveText('The part after the @ looks misspelled');

    // The share link leads to the support page next to the checker, which reads the config beside it.
    await page.getByRole('button', { name: 'Show a QR code' }).click();
    await expect(page.getByRole('img', { name: 'QR code of the support link for this code' })).toBeVisible();
    const mail = await page.getByRole('link', { name: 'E-mail this code to support' }).getAttribute('href');
    const link = new URLSearchParams(mail!.split('?')[1]).get('body')!.match(/http\S+/)![0];
    // (Leaving the e-mail field for the button updated the code: the lint joined the report.)
    expect(link).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/resetcheck/support/index\\.html#support=[0-9A-Z]+$`));
    await page.goto(link);
    await expect(page.getByTestId('support-result').getByTestId('next-steps')).toBeVisible();
    expect(await checker.cspViolations()).toEqual([]);
  });
}
