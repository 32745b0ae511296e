// The checker in a second engine: Debian's Firefox ESR (fixtures/firefox.ts),
// against the real server with its strict CSP, as a user on Firefox gets it.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { Firefox } from './fixtures/firefox';
import { PORTS } from './fixtures/env';
import type { Done, Report } from './fixtures/checker';
import { keycloakToken, pasteLinkScript, resetLink, typeAddressScript } from './fixtures/links';

// Starting Firefox takes a few seconds of each test; its own start-up limit (40 s) leaves room inside this.
test.describe.configure({ timeout: 90_000 });

const bin = process.env.RESETCHECK_BIN ?? path.resolve(__dirname, '../../target/release/resetcheck');
const essence = (report: Report) => report.checks.map((c) => ({ check: c.check, status: c.status, findings: c.findings }));

/** Records, from before the page's own scripts, what went wrong in it and the completion event. */
const WATCH = `() => {
  window.__problems = [];
  addEventListener('error', (e) => window.__problems.push('error: ' + e.message));
  addEventListener('unhandledrejection', (e) => window.__problems.push('rejection: ' + e.reason));
  document.addEventListener('securitypolicyviolation', (e) => window.__problems.push('csp: ' + e.effectiveDirective + ' ' + e.blockedURI));
  addEventListener('resetcheck:done', (e) => { window.__resetcheckDone = e.detail; });
}`;

/**
 * Opens the checker (on `port`) in a new Firefox with these preferences and
 * test extensions, and waits for its run to end; the Firefox is closed if
 * that fails.
 */
async function run(prefs: Record<string, string | number | boolean> = {}, port = PORTS.demo, extensions: string[] = []) {
  const firefox = await Firefox.launch(prefs);
  try {
    for (const name of extensions) await firefox.installExtension(path.resolve(__dirname, 'fixtures', 'extensions', name));
    await firefox.beforeEveryPage(WATCH);
    await firefox.goto(`http://127.0.0.1:${port}/`);
    const done = await firefox.waitFor<Done>('window.__resetcheckDone');
    return { firefox, done };
  } catch (e) {
    await firefox.close();
    throw e;
  }
}

test('in Firefox every check runs clean under the strict CSP, and the code decodes to the same report, on the support page too', async () => {
  const { firefox, done } = await run();
  try {
    expect(essence(done.report)).toEqual([
      { check: 'clock', status: 'pass', findings: [] },
      { check: 'browser', status: 'pass', findings: [] },
      { check: 'network', status: 'pass', findings: [] },
      { check: 'extensions', status: 'pass', findings: [] },
    ]);
    const browser = done.report.checks.find((c) => c.check === 'browser') as unknown as Record<string, unknown>;
    expect(browser.family).toBe('firefox');
    const decoded: Report = JSON.parse(execFileSync(bin, ['decode', done.code!, '--json'], { encoding: 'utf8' }));
    expect(essence(decoded)).toEqual(essence(done.report));
    expect(await firefox.evaluate('document.querySelector("[data-testid=summary]").dataset.state')).toBe('done');
    expect(await firefox.evaluate('window.__problems')).toEqual([]);
    expect(firefox.errors).toEqual([]);

    // The code's share link opens the support page, which decodes it there too.
    await firefox.goto(`http://127.0.0.1:${PORTS.demo}/support/index.html#support=${done.code}`);
    const statuses = await firefox.waitFor<string>(
      '[...document.querySelectorAll("[data-testid^=support-check-]")].map((c) => c.dataset.status).join(" ")',
    );
    expect(statuses).toBe('pass pass pass pass');
    expect(await firefox.evaluate('document.querySelector("[data-testid=headline]").textContent')).toBeTruthy();
    expect(await firefox.evaluate('window.__problems')).toEqual([]);
    expect(firefox.errors).toEqual([]);
  } finally {
    await firefox.close();
  }
});

/** A reset link on the demo config's site, valid for an hour. */
const validLink = () => resetLink('auth.example.com', keycloakToken(3600));

test('in Firefox the link test and the e-mail lint load their module and answer', async () => {
  const { firefox } = await run();
  try {
    await firefox.evaluate(`(() => ${pasteLinkScript(validLink())})()`);
    expect(await firefox.waitFor('document.querySelector("[data-testid=link-repaired]")?.dataset.openable')).toBe('true');
    await firefox.evaluate(`(() => ${typeAddressScript('jane@gmial.com')})()`);
    expect(await firefox.waitFor('document.querySelector("[data-testid=email-result] [data-finding]")?.dataset.finding')).toBe(
      'email.domain_typo',
    );
    expect(await firefox.evaluate('window.__problems')).toEqual([]);
    expect(firefox.errors).toEqual([]);
  } finally {
    await firefox.close();
  }
});

test('in Firefox, what the user pasted and typed is gone when they come Back to the page', async () => {
  // Firefox keeps a page it leaves in its back/forward cache and shows it again, fields and all, on Back:
  // the next person at a shared computer would see the reset link and the address. Firefox may also load the
  // page afresh instead (a busy machine, a request still open): that shows nothing, and proves nothing, so the
  // test tries again, at most three times, until the page comes back from the cache.
  // Leaving empties the fields quietly: a site that keeps the last `resetcheck:done` code (for a ticket) keeps
  // the one with the user's link test in it. Back again, the page publishes the report it now shows.
  const { firefox } = await run();
  try {
    await firefox.beforeEveryPage('() => { window.__freshLoad = true; }');
    let restored = false;
    for (let attempt = 0; attempt < 3 && !restored; attempt++) {
      await firefox.waitFor('window.__resetcheckDone');
      await firefox.evaluate(`(() => {
        window.__shown = [];
        addEventListener('pageshow', (e) => window.__shown.push(e.persisted));
        // In order: each done event (with the checks its report has), leaving, and coming back.
        window.__sequence = [];
        addEventListener('resetcheck:done', (e) => window.__sequence.push(e.detail.report.checks.map((c) => c.check).join(' ')));
        addEventListener('pagehide', () => window.__sequence.push('hide'), { capture: true });
        addEventListener('pageshow', () => window.__sequence.push('show'), { capture: true });
        ${pasteLinkScript(validLink())}
        ${typeAddressScript('jane@gmial.com')}
      })()`);
      await firefox.waitFor('document.querySelector("[data-testid=link-repaired]")');
      await firefox.waitFor('document.querySelector("[data-testid=email-result] [data-finding]")');
      // The report with both in it has been published.
      await firefox.waitFor(`window.__sequence.at(-1)?.includes('email') && window.__sequence.at(-1).includes('link')`);
      const published = await firefox.evaluate<number>('window.__sequence.length');
      await firefox.goto(`http://127.0.0.1:${PORTS.demo}/support/index.html`);
      await firefox.evaluate('history.back()');
      // The same page, restored from the cache, or a new one.
      const how = await firefox.waitFor<string>(
        `location.pathname === '/' && (window.__shown?.length ? 'restored' : window.__freshLoad && !window.__shown && 'fresh')`,
      );
      restored = how === 'restored';
      // Either way: no link, no address, nothing said about them.
      const left = await firefox.evaluate<string>(`JSON.stringify([
        document.getElementById('link-input')?.value ?? '',
        document.getElementById('email-input')?.value ?? '',
        document.body.innerText.includes('auth.example.com'),
        document.body.innerText.includes('gmial'),
      ])`);
      expect(JSON.parse(left)).toEqual(['', '', false, false]);
      if (restored) {
        // Nothing published on the way out; back, the report without the link test and the address.
        await firefox.waitFor(`window.__sequence.length > ${published} + 2`);
        const after = await firefox.evaluate<string[]>(`window.__sequence.slice(${published})`);
        expect(after.slice(0, 2)).toEqual(['hide', 'show']);
        expect(after.slice(2)).toHaveLength(1);
        expect(after[2]).not.toMatch(/link|email/);
        expect(after[2]).toMatch(/browser/);
      }
    }
    expect(restored).toBe(true);
  } finally {
    await firefox.close();
  }
});

test('in Firefox the embedded widget runs on the demo host page with a clean console', async () => {
  // Cross-site in a frame, Firefox refuses a SameSite=Lax cookie and logs an error for it: the probe doesn't try one.
  const firefox = await Firefox.launch();
  try {
    await firefox.beforeEveryPage(`() => {
      if (window.top === window) addEventListener('resetcheck:done', (e) => { window.__hostDone = e.detail; });
    }`);
    await firefox.goto(`http://localhost:${PORTS.demoHost}/`);
    const done = await firefox.waitFor<{ code: string }>('window.__hostDone');
    expect(done.code).toMatch(/^[0-9A-Z]{10,}$/);
    const browser = (JSON.parse(execFileSync(bin, ['decode', done.code, '--json'], { encoding: 'utf8' })) as Report)
      .checks.find((c) => c.check === 'browser')!;
    expect(browser.findings.map((f) => f.id)).toContain('browser.embedded');
    expect(firefox.errors).toEqual([]);
  } finally {
    await firefox.close();
  }
});

test('in Firefox with every cookie blocked, the cookie finding appears and the page keeps working', async () => {
  // Firefox's "block all cookies" setting, under which its storage throws too.
  const { firefox, done } = await run({ 'network.cookie.cookieBehavior': 2 });
  try {
    const browser = done.report.checks.find((c) => c.check === 'browser')!;
    expect(browser.status).toBe('fail');
    // Firefox says so in navigator.cookieEnabled (Chromium doesn't: cookies.spec.ts).
    expect(browser.findings.map((f) => f.id)).toContain('browser.cookies_disabled');
    // The block refuses the file system too, as a private window does: no private-window hint on top.
    expect(browser.findings.map((f) => f.id)).not.toContain('browser.private_mode_refusal');
    expect(await firefox.evaluate('document.querySelector("[data-finding=\'browser.cookies_disabled\'] h4").textContent')).toBe(
      'Cookies are turned off',
    );
    expect(done.code).toMatch(/^[0-9A-Z]{10,}$/);
    expect(await firefox.evaluate('window.__problems')).toEqual([]);
  } finally {
    await firefox.close();
  }
});

test('in a Firefox private window the page says it may be one, as a note, and the code carries it', async () => {
  // "Never remember history": every window is private.
  const { firefox, done } = await run({ 'browser.privatebrowsing.autostart': true });
  try {
    const browser = done.report.checks.find((c) => c.check === 'browser')!;
    expect(browser.findings.map((f) => f.id)).toEqual(['browser.private_mode_refusal']);
    expect(browser.status).toBe('pass');
    expect(
      await firefox.evaluate('document.querySelector("[data-finding=\'browser.private_mode_refusal\'] h4").textContent'),
    ).toBe('This may be a private window');
    const decoded: Report = JSON.parse(execFileSync(bin, ['decode', done.code!, '--json'], { encoding: 'utf8' }));
    expect(essence(decoded)).toEqual(essence(done.report));
    expect(await firefox.evaluate('window.__problems')).toEqual([]);
  } finally {
    await firefox.close();
  }
});

test('in Firefox each endpoint failure is told apart, and a blocker and a password manager are named', async () => {
  // The same servers and extensions as network.spec.ts and browser.spec.ts use in Chromium.
  const { firefox, done } = await run({}, PORTS.network, ['fake-blocker', 'fake-password-manager']);
  try {
    const ids = (check: string) => done.report.checks.find((c) => c.check === check)!.findings;
    expect(Object.fromEntries(ids('network').map((f) => [f.params.endpoint, f.id.replace('network.', '')]))).toEqual({
      3: 'cors_blocked',
      4: 'unreachable',
      5: 'http_error',
      6: 'timeout',
      7: 'unexpected_redirect',
      8: 'blocked_by_client',
    });
    expect(ids('extensions')).toEqual([
      { id: 'extensions.password_manager', params: { name: 'onepassword' } },
      { id: 'extensions.content_blocker', params: { kind: 'both' } },
    ]);
  } finally {
    await firefox.close();
  }
});
