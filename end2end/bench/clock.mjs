// Clock-check accuracy benchmark: Debian's Chromium with its clock really
// skewed by libfaketime, against `resetcheck serve` on loopback, with the
// time endpoint and with the Date-header fallback. Prints injected vs
// measured and fails when an error exceeds its budget.
//
//   cargo xtask bench clock            (builds, then runs this)
//   node bench/clock.mjs [--runs N]    (RESETCHECK_BIN and RESETCHECK_DIST set)
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);
const bin = process.env.RESETCHECK_BIN ?? path.resolve(here, '../../target/release/resetcheck');
const dist = process.env.RESETCHECK_DIST ?? path.resolve(here, '../../dist');
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1] || 3);
const FAKETIME_LIB = '/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1';

// The skews the clock issue names, in libfaketime syntax and in ms.
const SKEWS = [
  ['-3h', -3 * 3600e3], ['-26m', -26 * 60e3], ['-93.5s', -93.5e3], ['-2s', -2e3],
  ['+0s', 0], ['+4.2s', 4.2e3], ['+93.5s', 93.5e3], ['+26m', 26 * 60e3],
];
const MODES = [
  { name: 'endpoint', port: 8291, config: null, budgetMs: 20 },
  { name: 'date header', port: 8292, config: { time_endpoint: null }, budgetMs: 600 },
];

function serve(port, config) {
  const args = ['serve', '--dir', dist, '--port', String(port)];
  if (config) {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rc-bench-')), 'resetcheck.json');
    fs.writeFileSync(file, JSON.stringify(config));
    args.push('--config', file);
  }
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server on ${port} did not start`)), 15_000);
    child.stdout.on('data', (d) => {
      if (String(d).includes('serving')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.on('exit', (code) => reject(new Error(`server on ${port} exited with ${code}`)));
  });
}

async function measure(port, skew) {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    env: { ...process.env, LD_PRELOAD: FAKETIME_LIB, FAKETIME: skew },
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  try {
    const page = await browser.newPage();
    await page.addInitScript(() => window.addEventListener('resetcheck:done', (e) => { window.__done = e.detail; }));
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => window.__done, null, { timeout: 20_000 });
    return await page.evaluate(() => window.__done.report.checks.find((c) => c.check === 'clock'));
  } finally {
    await browser.close();
  }
}

const servers = await Promise.all(MODES.map((m) => serve(m.port, m.config)));
const rows = [];
let failed = false;
try {
  for (const mode of MODES) {
    for (const [skew, injected] of SKEWS) {
      let worst = null;
      for (let i = 0; i < runs; i++) {
        const clock = await measure(mode.port, skew);
        const error = clock.offset_ms === undefined ? Infinity : clock.offset_ms - injected;
        if (!worst || Math.abs(error) > Math.abs(worst.error)) worst = { clock, error };
      }
      const { clock, error } = worst;
      const problems = [];
      if (!(Math.abs(error) <= mode.budgetMs)) problems.push(`error over ${mode.budgetMs} ms`);
      if (injected === 0 && clock.status !== 'pass') problems.push('warning at 0');
      if (Math.abs(injected) >= 3600e3 && !clock.findings.some((f) => f.id === 'clock.timezone_wrong')) {
        problems.push('whole hours not reported as a time-zone problem');
      }
      failed ||= problems.length > 0;
      rows.push([mode.name, skew, String(injected), String(clock.offset_ms), `±${clock.uncertainty_ms}`,
        error.toFixed(0), clock.status, clock.findings.map((f) => f.id.replace('clock.', '')).join(',') || '-',
        problems.join('; ') || 'ok']);
    }
  }
} finally {
  servers.forEach((s) => s.kill());
}

const header = ['source', 'skew', 'injected ms', 'measured ms', 'uncert.', 'error ms', 'status', 'findings', 'verdict'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (r) => r.map((c, i) => c.padEnd(widths[i])).join('  ');
console.log(`\nclock accuracy, worst of ${runs} run(s) per cell (budgets: endpoint ≤ 20 ms, date header ≤ 600 ms)\n`);
console.log(line(header));
rows.forEach((r) => console.log(line(r)));
process.exit(failed ? 1 : 0);
