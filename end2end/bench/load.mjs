// Load-time benchmark: what the end user waits for, from a cold cache, in
// Debian's Chromium against `resetcheck serve` on loopback, as it is and
// throttled like a mid-range phone on a slow mobile network (Lighthouse's
// mobile preset: 4x CPU slowdown, 150 ms round trip, 1.6 Mbit/s down,
// 750 kbit/s up). Prints the median of each figure over the runs:
//
//   paint    first contentful paint (the HTML and stylesheet)
//   shell    the checker rendered (its heading is on the page: wasm loaded)
//   done     every automatic check ended (`resetcheck:done`)
//   link     from "Check the link" to the verdict, the first time (which
//            loads the input module)
//
//   cargo xtask bench load            (builds, then runs this)
//   node bench/load.mjs [--runs N]    (RESETCHECK_BIN and RESETCHECK_DIST set)
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import * as path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);
const bin = process.env.RESETCHECK_BIN ?? path.resolve(here, '../../target/release/resetcheck');
const dist = process.env.RESETCHECK_DIST ?? path.resolve(here, '../../dist');
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1] || 5);
const PORT = 8293;

const PROFILES = [
  { name: 'desktop, loopback', cpu: 1, network: null },
  {
    name: 'mid phone, slow 4G',
    cpu: 4,
    network: { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8), uploadThroughput: (750e3 / 8) },
  },
];

// A reset link of the demo config's site (repo-root resetcheck.json), so the
// verdict offers it: the link test's whole path runs.
const LINK = 'https://auth.example.com/realms/demo/login-actions/action-token?key=abc.def.ghi&client_id=account';

function serve() {
  const child = spawn(bin, ['serve', '--dir', dist, '--port', String(PORT)], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server did not start')), 15_000);
    child.stdout.on('data', (d) => {
      if (String(d).includes('serving')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.on('exit', (code) => reject(new Error(`the server exited with ${code}`)));
  });
}

async function measure(browser, profile) {
  // A new context per run: nothing cached.
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
    if (profile.network) {
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', profile.network);
    }
    await page.addInitScript(() => {
      window.addEventListener('resetcheck:done', () => { window.__doneAt ??= performance.now(); });
      const look = () => {
        if (document.querySelector('main h1')) window.__shellAt = performance.now();
        else requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    });
    await page.goto(`http://127.0.0.1:${PORT}/`);
    await page.waitForFunction(() => window.__doneAt !== undefined, null, { timeout: 60_000 });
    const figures = await page.evaluate(() => ({
      paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
      shell: window.__shellAt,
      done: window.__doneAt,
    }));
    await page.getByLabel('Reset link or e-mail text').fill(LINK);
    const clicked = await page.evaluate(() => performance.now());
    await page.getByRole('button', { name: 'Check the link' }).click();
    await page.getByTestId('link-repaired').waitFor({ timeout: 60_000 });
    figures.link = (await page.evaluate(() => performance.now())) - clicked;
    return figures;
  } finally {
    await context.close();
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

const server = await serve();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
try {
  console.log(`median of ${runs} cold-cache runs, ms after navigation start (link: after the click)`);
  console.log(['profile'.padEnd(20), 'paint', 'shell', 'done', 'link'].map((s) => s.padStart(6)).join(' '));
  for (const profile of PROFILES) {
    const all = [];
    for (let i = 0; i < runs; i++) all.push(await measure(browser, profile));
    const row = ['paint', 'shell', 'done', 'link'].map((k) => String(Math.round(median(all.map((f) => f[k])))).padStart(6));
    console.log([profile.name.padEnd(20).padStart(6), ...row].join(' '));
  }
} finally {
  await browser.close();
  server.kill();
}
