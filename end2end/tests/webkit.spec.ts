// The checker in a third engine: Debian's WebKitGTK (fixtures/webkit.ts),
// the engine of Safari and of every browser on an iPhone, against the real
// server with its strict CSP, as a user on Safari gets it.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { AXE_SOURCE, CspReports, WebKit } from './fixtures/webkit';
import { FAKETIME_LIB, PORTS } from './fixtures/env';
import { WCAG_TAGS, type Report } from './fixtures/checker';
import { keycloakToken, pasteLinkScript, resetLink, typeAddressScript } from './fixtures/links';

// Starting WebKit takes a few seconds of each test; its own start-up limits leave room inside this.
// One retry: MiniBrowser's web process was once seen to crash ("session deleted because of page crash")
// on this 2-core machine while another WebKit and a build ran beside it. A wrong answer fails twice.
test.describe.configure({ timeout: 90_000, retries: 1 });

const bin = process.env.RESETCHECK_BIN ?? path.resolve(__dirname, '../../target/release/resetcheck');
const essence = (report: Report) => report.checks.map((c) => ({ check: c.check, status: c.status, findings: c.findings }));

/** Records, once the page's own scripts have started, the completion event. */
const WATCH = `(() => {
  window.__problems = window.__problems ?? [];
  addEventListener('error', (e) => window.__problems.push('error: ' + e.message));
  addEventListener('unhandledrejection', (e) => window.__problems.push('rejection: ' + e.reason));
  return true;
})()`;

/** The page's WCAG 2.2 AA violations (and heading order), every disclosure opened first, by axe-core run in WebKit. */
const AXE = `(() => {
  ${AXE_SOURCE};
  document.querySelectorAll('details').forEach((d) => { d.open = true; });
  const tags = ${JSON.stringify(WCAG_TAGS)};
  const found = (r) => r.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', '));
  // One at a time: axe refuses a second run while one is going.
  return window.axe.run(document, { runOnly: { type: 'tag', values: tags } }).then((wcag) =>
    window.axe.run(document, { runOnly: { type: 'rule', values: ['heading-order'] } }).then((order) => [...found(wcag), ...found(order)]));
})()`;

/**
 * Opens the checker in a new WebKit through a proxy that collects CSP
 * reports, and waits for its run to end; everything is closed if that fails.
 */
async function run(options: Parameters<typeof WebKit.launch>[0] = {}) {
  const csp = await CspReports.start(`http://127.0.0.1:${PORTS.demo}`);
  let webkit: WebKit | undefined;
  try {
    webkit = await WebKit.launch(options);
    await webkit.goto(`${csp.origin}/`);
    await webkit.evaluate(WATCH);
    // The event may have fired before the listener: the code on the page
    // says the run ended, and the code decodes to its report.
    const code = await webkit.waitFor<string>(
      `document.querySelector('[data-testid=code]')?.dataset.code`,
    );
    return { webkit, csp, code };
  } catch (e) {
    await webkit?.close();
    await csp.close();
    throw e;
  }
}

/**
 * The CSP violations the page reported: after a deliberate one (an image
 * from elsewhere) has arrived, so that the others have had their time and
 * the empty list proves something; the deliberate ones left out.
 */
async function violations(webkit: WebKit, csp: CspReports) {
  const control = `http://127.0.0.1:9/__control-${Date.now()}.png`;
  await webkit.evaluate(`(() => { const img = new Image(); img.src = ${JSON.stringify(control)}; document.body.append(img); })()`);
  await expect.poll(() => JSON.stringify(csp.reports).includes(control), { timeout: 10_000 }).toBe(true);
  return csp.reports.filter((r) => !JSON.stringify(r).includes('/__control-'));
}

function decode(code: string): Report {
  return JSON.parse(execFileSync(bin, ['decode', code, '--json'], { encoding: 'utf8' }));
}

test('in WebKit every check runs clean under the strict CSP, axe finds nothing, and the support page decodes the code', async () => {
  const { webkit, csp, code } = await run();
  try {
    const report = decode(code);
    expect(essence(report)).toEqual([
      { check: 'clock', status: 'pass', findings: [] },
      // WebKitGTK has no passkey authenticator of its own, unlike Safari: a note, rightly.
      { check: 'browser', status: 'pass', findings: [{ id: 'browser.passkeys_unavailable', params: {} }] },
      { check: 'network', status: 'pass', findings: [] },
      { check: 'extensions', status: 'pass', findings: [] },
    ]);
    const browser = report.checks.find((c) => c.check === 'browser') as unknown as Record<string, unknown>;
    // WebKitGTK says "Safari" in its User-Agent string, as Safari does.
    expect(browser.family).toBe('safari');
    expect(await webkit.evaluate('document.querySelector("[data-testid=summary]").dataset.state')).toBe('done');
    expect(await webkit.evaluate(AXE)).toEqual([]);
    expect(await webkit.evaluate('window.__problems')).toEqual([]);
    expect(await violations(webkit, csp)).toEqual([]);

    await webkit.goto(`${csp.origin}/support/index.html#support=${code}`);
    await webkit.evaluate(WATCH);
    const statuses = await webkit.waitFor<string>(
      '[...document.querySelectorAll("[data-testid^=support-check-]")].map((c) => c.dataset.status).join(" ")',
    );
    expect(statuses).toBe('pass pass pass pass');
    expect(await webkit.evaluate('document.querySelector("[data-testid=headline]").textContent')).toBeTruthy();
    expect(await webkit.evaluate(AXE)).toEqual([]);
    expect(await webkit.evaluate('window.__problems')).toEqual([]);
    expect(await violations(webkit, csp)).toEqual([]);
  } finally {
    await webkit.close();
    await csp.close();
  }
});

/** A reset link on the demo config's site, valid for an hour. */
const validLink = () => resetLink('auth.example.com', keycloakToken(3600));

test('in WebKit the link test and the e-mail lint load their module and answer, and the code carries both', async () => {
  const { webkit, csp } = await run();
  try {
    // As Outlook's Safe Links delivers it: the link test unwraps it and says who rewrote it.
    const wrapped = `https://nam01.safelinks.protection.outlook.com/?url=${encodeURIComponent(validLink())}&data=05%7C02&reserved=0`;
    await webkit.evaluate(`(() => ${pasteLinkScript(wrapped)})()`);
    expect(await webkit.waitFor('document.querySelector("[data-testid=link-repaired]")?.dataset.openable')).toBe('true');
    await webkit.evaluate(`(() => ${typeAddressScript('jane@gmial.com')})()`);
    expect(await webkit.waitFor('document.querySelector("[data-testid=email-result] [data-finding]")?.dataset.finding')).toBe(
      'email.domain_typo',
    );
    // The new code has both, as kinds only.
    const code = await webkit.waitFor<string>(`(() => {
      const code = document.querySelector('[data-testid=code]')?.dataset.code;
      return code && code.length > 16 && code;
    })()`);
    const findings = decode(code).checks.flatMap((c) => c.findings);
    expect(findings).toContainEqual({ id: 'link.rewritten', params: { wrapper: 'safelinks' } });
    expect(findings).toContainEqual({ id: 'email.domain_typo', params: { suggestion: 'gmail.com' } });
    expect(await webkit.evaluate('window.__problems')).toEqual([]);
    expect(await violations(webkit, csp)).toEqual([]);
  } finally {
    await webkit.close();
    await csp.close();
  }
});

test('in WebKit a clock 93.5 s fast is found and measured', async () => {
  // libfaketime in the driver's environment reaches MiniBrowser and its web process.
  const { webkit, csp, code } = await run({ env: { LD_PRELOAD: FAKETIME_LIB, FAKETIME: '+93.5s' } });
  try {
    const clock = decode(code).checks.find((c) => c.check === 'clock')!;
    expect(clock.status).toBe('fail');
    expect(clock.findings.map((f) => f.id)).toEqual(['clock.tokens_rejected']);
    expect(await webkit.evaluate('document.querySelector("[data-testid=clock-line]").textContent')).toMatch(
      /^Your clock is 1 min 3[34] s fast/,
    );
  } finally {
    await webkit.close();
    await csp.close();
  }
});

test('in WebKit with every cookie blocked, as an iPhone\'s “Block All Cookies” does, the finding gives Safari\'s steps first', async () => {
  // Safari's own User-Agent string on an iPhone: the page tells the platform by it.
  const iphone = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';
  const { webkit, csp, code } = await run({ args: ['--cookies-policy=never', `--user-agent=${iphone}`] });
  try {
    const browser = decode(code).checks.find((c) => c.check === 'browser')!;
    expect(browser.status).toBe('fail');
    expect(browser.findings.map((f) => f.id)).toContain('browser.cookies_blocked');
    const finding = '[data-finding="browser.cookies_blocked"]';
    expect(await webkit.evaluate(`document.querySelector('${finding} h4').textContent`)).toBe('Cookies are blocked for this site');
    expect(await webkit.evaluate(`document.querySelector('${finding} [data-testid=howto-own]').textContent`)).toMatch(
      /^Safari on iPhone or iPad: Settings → Apps → Safari/,
    );
    // The result's link to the finding lands it with room above for its focus ring: WebKit scrolls to a
    // link's target before the target matches :focus (WebKit review, 2026-11-27: it sat flush at the top).
    await webkit.evaluate(`document.querySelector('[data-testid=summary-problems] a').click()`);
    const top = await webkit.waitFor<number>(`(() => {
      const top = document.querySelector('${finding}').getBoundingClientRect().top;
      return location.hash === '#' + document.querySelector('${finding}').id && top < 100 && top + 1;
    })()`);
    expect(top - 1).toBeGreaterThanOrEqual(12);
    expect(await webkit.evaluate('window.__problems')).toEqual([]);
    expect(await violations(webkit, csp)).toEqual([]);
  } finally {
    await webkit.close();
    await csp.close();
  }
});

/** Opens the demo host page, which embeds the checker from another site, and waits for the code it shows. */
async function embedded(args: string[]) {
  const webkit = await WebKit.launch({ args });
  try {
    await webkit.goto(`http://localhost:${PORTS.demoHost}/`);
    // The output says "none yet" until the widget's done event.
    const code = await webkit.waitFor<string>(`(() => {
      const shown = document.getElementById('code')?.value ?? '';
      return /^[0-9A-Z-]{10,}$/.test(shown) && shown.replace(/-/g, '');
    })()`);
    const frame = await webkit.evaluate<string>(`document.querySelector('iframe').src`);
    return { webkit, code, frame };
  } catch (e) {
    await webkit.close();
    throw e;
  }
}

test('embedded from another site in WebKit, whose default blocks third-party cookies as Safari does, no cookie problem is claimed', async () => {
  const { webkit, code, frame } = await embedded([]);
  try {
    // The host page's own cookie stuck, so embed.js says nothing about it.
    expect(new URL(frame).searchParams.get('host_cookies')).toBeNull();
    const browser = decode(code).checks.find((c) => c.check === 'browser')!;
    expect((browser as unknown as Record<string, unknown>).frame).toBe('cross_site_frame');
    const ids = browser.findings.map((f) => f.id);
    // The frame's own cookies are blocked, as third-party ones: a note for support, no alarm for the user.
    expect(ids).toContain('browser.frame_cookies_blocked');
    expect(ids).toContain('browser.embedded');
    expect(ids.filter((id) => id.startsWith('browser.cookies'))).toEqual([]);
    expect(browser.status).toBe('pass');
  } finally {
    await webkit.close();
  }
});

test('embedded in WebKit with every cookie blocked, the host page\'s too, the widget says so', async () => {
  const { webkit, code, frame } = await embedded(['--cookies-policy=never']);
  try {
    expect(new URL(frame).searchParams.get('host_cookies')).toMatch(/^blocked\.\d+$/);
    const browser = decode(code).checks.find((c) => c.check === 'browser')!;
    expect(browser.findings.map((f) => f.id)).toContain('browser.cookies_blocked');
    expect(browser.status).toBe('fail');
  } finally {
    await webkit.close();
  }
});

test('in WebKit, the result\'s "Check your reset link" brings the whole box and its button into view', async () => {
  // WebKit review, 2026-11-27: WebKit scrolls a focused text field only as far as its caret, leaving the
  // box mostly, and its button wholly, below the fold.
  const { webkit, csp } = await run();
  try {
    await webkit.setWindowSize(500, 800);
    // Before: the box's button is below the fold, or this would prove nothing.
    await webkit.evaluate('scrollTo(0, 0)');
    const before = await webkit.evaluate<number>(`(() => {
      const button = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Check the link');
      return button.getBoundingClientRect().top - innerHeight;
    })()`);
    expect(before).toBeGreaterThan(0);
    await webkit.evaluate(`document.querySelector('[data-testid=summary-check-link]').click()`);
    const placed = await webkit.waitFor<{ top: number; bottom: number; height: number; focused: boolean }>(`(() => {
      const box = document.getElementById('link-input');
      const button = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Check the link');
      return document.activeElement === box && {
        top: box.getBoundingClientRect().top,
        bottom: button.getBoundingClientRect().bottom,
        height: innerHeight,
        focused: true,
      };
    })()`);
    expect(placed.top).toBeGreaterThanOrEqual(0);
    expect(placed.bottom).toBeLessThanOrEqual(placed.height);
  } finally {
    await webkit.close();
    await csp.close();
  }
});
