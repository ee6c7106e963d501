/**
 * Benchmark (not a test): the operations board in real headless Chromium on loopback.
 * Run: `pnpm bench:board [alerts]` (default 1,000 alerts).
 *
 * Prints the bundle size (raw and gzip), first contentful paint, time to interactive (the 103
 * grids drawn and the Subscribe stream live, from navigation start), and the frame times while
 * `alerts` alerts arrive in a burst and fill the feed. Starts the local broker unless KAFKA_BROKERS
 * is set, a gateway (plaintext, loopback) and the board server, and stops what it started.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { acquireBroker, REPO_ROOT } from '@citybrain/local-kafka';
import { publishAlerts, testAlert } from '../src/api-alerts';
import { buildBoard, ensureChromium, launchBrowser } from '../src/browser';
import { testClient } from '../src/kafka-helpers';
import { freePort, startService, waitHealthy } from '../src/services';

const alertCount = Number(process.argv[2] ?? 1000);
const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

ensureChromium();
buildBoard();
const dist = join(REPO_ROOT, 'services/board/dist');
let raw = 0;
let gzip = 0;
const walk = (dir: string): void => {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) walk(p);
    else {
      const bytes = readFileSync(p);
      raw += bytes.length;
      gzip += gzipSync(bytes).length;
    }
  }
};
walk(dist);
console.log(`bundle: ${kb(raw)} raw, ${kb(gzip)} gzip (everything: HTML, JS, CSS; no CDN)`);

const broker = await acquireBroker(process.env, { allowTestcontainers: false });
const suffix = `.bench-${randomUUID().slice(0, 8)}`;
const [grpcPort, metricsPort, boardPort, boardMetricsPort] = [
  await freePort(),
  await freePort(),
  await freePort(),
  await freePort(),
];
const gateway = startService('alert-gateway', {
  KAFKA_BROKERS: broker.brokers.join(','),
  CITYBRAIN_TOPIC_SUFFIX: suffix,
  CITYBRAIN_GRPC_PORT: String(grpcPort),
  CITYBRAIN_GATEWAY_METRICS_PORT: String(metricsPort),
  CITYBRAIN_GRPC_INSECURE: 'true',
  CITYBRAIN_LOG_LEVEL: 'warn',
});
const board = startService('board', {
  CITYBRAIN_BOARD_PORT: String(boardPort),
  CITYBRAIN_BOARD_METRICS_PORT: String(boardMetricsPort),
  CITYBRAIN_BOARD_GATEWAY_ADDRESS: `127.0.0.1:${grpcPort}`,
  CITYBRAIN_BOARD_GATEWAY_INSECURE: 'true',
  CITYBRAIN_LOG_LEVEL: 'warn',
});
const browser = await launchBrowser();
try {
  await waitHealthy(`http://127.0.0.1:${metricsPort}/healthz`, gateway);
  await waitHealthy(`http://127.0.0.1:${boardPort}/healthz`, board);
  const { page } = browser;
  await page.goto(`http://127.0.0.1:${boardPort}/`);
  await page.locator('body[data-grids="103"][data-connection="live"]').waitFor({ timeout: 60_000 });
  const tti = await page.evaluate(() => performance.now());
  const fcp = await page.evaluate(
    () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
  );
  console.log(
    `first contentful paint: ${fcp.toFixed(0)} ms; interactive (103 grids drawn, stream live): ${tti.toFixed(0)} ms`,
  );

  // Frame times while the burst arrives: every animation frame's interval, recorded in the page.
  // (a string: this file is type-checked without the DOM library)
  await page.evaluate(`(() => {
    window.frames_ = [];
    let last = performance.now();
    const loop = (t) => { window.frames_.push(t - last); last = t; requestAnimationFrame(loop); };
    requestAnimationFrame(loop);
  })()`);
  const alerts = Array.from({ length: alertCount }, (_, i) =>
    testAlert(`bench-${i}`, `G${String((i % 103) + 1).padStart(3, '0')}`, 'A01', {}, i),
  );
  const client = testClient(broker.brokers);
  const started = Date.now();
  await publishAlerts(client, `city.alerts.v1${suffix}`, alerts, 100);
  await page
    .locator(`#feed li[data-alert-id]`)
    .nth(alertCount - 1)
    .waitFor({ timeout: 120_000 });
  const shownMs = Date.now() - started;
  const frames = (await page.evaluate<number[]>('window.frames_')).slice(1);
  frames.sort((a, b) => a - b);
  const q = (p: number) => frames[Math.min(frames.length - 1, Math.floor(p * frames.length))] ?? Number.NaN;
  const mean = frames.reduce((s, f) => s + f, 0) / frames.length;
  console.log(
    `${alertCount} alerts into the feed: all shown ${shownMs} ms after the first was published; ` +
      `frames ${frames.length}, mean ${mean.toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms, max ${q(1).toFixed(1)} ms, ` +
      `${frames.filter((f) => f > 50).length} frames over 50 ms`,
  );
  await browser.screenshot('bench-1000-alerts');
} finally {
  await browser.close();
  await board.stop();
  await gateway.stop();
  await broker.stop();
}
