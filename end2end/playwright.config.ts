// Playwright against the real `resetcheck serve`, in Debian's Chromium
// (no browser download is possible here; see ../ARCHITECTURE.md).
// `cargo xtask test` sets RESETCHECK_BIN and RESETCHECK_DIST.
import { defineConfig } from '@playwright/test';
import * as path from 'node:path';
import { PORTS, chromiumLaunch } from './tests/fixtures/env';

const bin = process.env.RESETCHECK_BIN ?? path.resolve(__dirname, '../target/release/resetcheck');
const dist = process.env.RESETCHECK_DIST ?? path.resolve(__dirname, '../dist');
const fixtures = path.resolve(__dirname, 'tests/fixtures');

const server = (port: number, extra: string[] = []) => ({
  command: [bin, 'serve', '--dir', dist, '--port', String(port), ...extra].join(' '),
  url: `http://127.0.0.1:${port}/`,
  reuseExistingServer: false,
  timeout: 60_000,
  stdout: 'ignore' as const,
  stderr: 'pipe' as const,
});

export default defineConfig({
  testDir: './tests',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORTS.demo}`,
    launchOptions: chromiumLaunch(),
    trace: 'off',
  },
  webServer: [
    server(PORTS.demo),
    server(PORTS.badConfig, ['--config', path.join(fixtures, 'bad-config.json')]),
    server(PORTS.clockHang, ['--config', path.join(fixtures, 'clock-hang.json')]),
    server(PORTS.clock500, ['--config', path.join(fixtures, 'clock-500.json')]),
    server(PORTS.clockGarbage, ['--config', path.join(fixtures, 'clock-garbage.json')]),
    server(PORTS.clockHtml, ['--config', path.join(fixtures, 'clock-html.json')]),
    server(PORTS.clockNone, ['--config', path.join(fixtures, 'clock-none.json')]),
    server(PORTS.clockDown, ['--config', path.join(fixtures, 'clock-down.json')]),
    server(PORTS.embeddable, ['--config', path.join(fixtures, 'embeddable.json')]),
    server(PORTS.network, ['--config', path.join(fixtures, 'network.json')]),
    server(PORTS.networkHang, ['--config', path.join(fixtures, 'network-hang.json')]),
    server(PORTS.fastTimeout, ['--config', path.join(fixtures, 'fast-timeout.json')]),
    server(PORTS.embedChecker, ['--config', path.join(fixtures, 'embed-host.json')]),
    {
      command: [bin, 'demo-host', '--port', String(PORTS.demoHost), '--checker', `http://127.0.0.1:${PORTS.embedChecker}/`].join(' '),
      url: `http://127.0.0.1:${PORTS.demoHost}/`,
      reuseExistingServer: false,
      timeout: 10_000,
      stdout: 'ignore' as const,
      stderr: 'pipe' as const,
    },
    {
      command: `node ${path.join(fixtures, 'nginx-from-guide.mjs')} ${PORTS.nginx} ${dist}`,
      url: `http://127.0.0.1:${PORTS.nginx}/resetcheck/`,
      reuseExistingServer: false,
      timeout: 10_000,
    },
    {
      command: `node ${path.join(fixtures, 'caddy-from-guide.mjs')} ${PORTS.caddy} ${dist}`,
      url: `http://127.0.0.1:${PORTS.caddy}/resetcheck/`,
      reuseExistingServer: false,
      timeout: 10_000,
      stdout: 'ignore' as const,
      stderr: 'ignore' as const,
    },
    {
      command: [
        'node', path.join(fixtures, 'csp-app-server.mjs'), String(PORTS.networkCsp), dist,
        path.join(fixtures, 'network-csp.json'),
        `"default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self' http://localhost:${PORTS.stub}"`,
      ].join(' '),
      url: `http://127.0.0.1:${PORTS.networkCsp}/`,
      reuseExistingServer: false,
      timeout: 10_000,
    },
    {
      command: `node ${path.join(fixtures, 'stub-server.mjs')} ${PORTS.stub}`,
      url: `http://127.0.0.1:${PORTS.stub}/`,
      reuseExistingServer: false,
      timeout: 10_000,
    },
  ],
});
