/**
 * A real browser for the console's tests: Debian's chromium (scripts/ensure-chromium.sh
 * installs it) driven by playwright-core, headless, each launch with a fresh profile.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium } from 'playwright-core';

/** Where chromium is: `CHROMIUM_PATH`, else Debian's. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where the tests write their screenshots (gitignored, except the README's). */
export const SCREENSHOTS = fileURLToPath(new URL('../e2e/screenshots/', import.meta.url));

/** A launched browser and how to close it (and remove its profile). */
export interface TestBrowser {
  /** The browser's one context (a persistent context on the fresh profile). */
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** Launches chromium headless with a fresh profile (`--user-data-dir`, set by playwright); fails (never skips) when it is missing. */
export async function launchBrowser(): Promise<TestBrowser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: run scripts/ensure-chromium.sh (as root: apt-get install -y chromium), or set CHROMIUM_PATH`,
    );
  }
  const profile = mkdtempSync(join(tmpdir(), 'sfn-console-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1440, height: 1000 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
