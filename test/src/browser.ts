import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { REPO_ROOT } from '@citybrain/local-kafka';

/** Debian's Chromium (deploy/board/ensure-chromium.sh installs it when missing). */
export const CHROMIUM = '/usr/bin/chromium';

/** Flags for a headless Chromium that talks to nothing but the page under test. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Where the tests put their screenshots (ignored by git; kept as artifacts). */
export const SCREENSHOT_DIR = join(REPO_ROOT, '.run', 'board');

/** A real headless Chromium with a fresh profile. */
export interface TestBrowser {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Saves a full-page screenshot as `.run/board/<name>.png`; returns the path. */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/** Installs Chromium when missing (same script as the test command). */
export function ensureChromium(): void {
  execFileSync('bash', [join(REPO_ROOT, 'deploy/board/ensure-chromium.sh')], { stdio: 'inherit' });
}

/** Builds the board's bundle (services/board/dist), as `pnpm --filter @citybrain/board build` does. */
export function buildBoard(): void {
  execFileSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'services/board/scripts/build.ts')], {
    cwd: REPO_ROOT,
    stdio: 'pipe',
  });
}

/** Launches Chromium with a fresh user-data-dir and a viewport (default a 1920×1080 wall screen). */
export async function launchBrowser(viewport = { width: 1920, height: 1080 }): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'citybrain-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    context,
    page,
    screenshot: async (name) => {
      const path = join(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path });
      return path;
    },
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Opens the board and signs in with a bearer token through its own dialog. */
export async function openBoard(page: Page, url: string, token: string): Promise<void> {
  await page.goto(url);
  // The board asks for a token when the gateway answers UNAUTHENTICATED.
  await page.locator('#token-dialog[open]').waitFor();
  await page.fill('#token-input', token);
  await page.press('#token-input', 'Enter');
}

/** One attribute of every element a locator matches, in document order ('' when absent). */
export async function attributes(locator: Locator, name: string): Promise<string[]> {
  const out: string[] = [];
  for (const el of await locator.all()) out.push((await el.getAttribute(name)) ?? '');
  return out;
}
