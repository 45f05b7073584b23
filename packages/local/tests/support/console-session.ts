/**
 * The browser and the `serve` a console test file works with: launched before its tests,
 * stopped after them. Read `session.browser` and `session.serve` inside the tests.
 */
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser, type TestBrowser } from './browser.js';
import { type ServeProcess, startServe } from './serve-process.js';

export interface ConsoleSession {
  readonly browser: TestBrowser;
  readonly serve: ServeProcess;
}

/** Registers the file's `beforeAll` / `afterAll`: chromium and `serve` with `args`. */
export function consoleSession(args: readonly string[] = []): ConsoleSession {
  let browser: TestBrowser | undefined;
  let serve: ServeProcess | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
    serve = await startServe([...args]);
  }, 120_000);
  afterAll(async () => {
    await serve?.stop('SIGINT');
    await browser?.close();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started: read it inside a test`);
    return value;
  };
  return {
    get browser() {
      return started(browser, 'the browser');
    },
    get serve() {
      return started(serve, 'serve');
    },
  };
}
