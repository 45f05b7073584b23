/**
 * What the console's browser tests share: a page that records its errors and policy
 * violations, a screenshot into tests/e2e/screenshots/, and the Step Functions API called from
 * the page (the console's cookie carries the secret).
 */
import type { Page } from 'playwright-core';
import { SCREENSHOTS, type TestBrowser } from './browser.js';
import { recordPolicyViolations } from './page-checks.js';

/** A new page of `browser`, with the page errors and console errors it logs collected. */
export async function openPage(browser: TestBrowser): Promise<{
  page: Page;
  problems: string[];
  violations: () => Promise<string[]>;
}> {
  const page = await browser.context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  const violations = await recordPolicyViolations(page);
  return { page, problems, violations };
}

/** A full-page screenshot, the pointer out of the way (no hover styles). */
export async function shot(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 0);
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });
}

/** Calls the Step Functions API from the page, as the console does. */
export const api = (page: Page, operation: string, body: Record<string, unknown> = {}) =>
  page.evaluate(
    async ([op, payload]) => {
      const response = await fetch('/', {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-amz-json-1.0',
          'X-Amz-Target': `AWSStepFunctions.${op}`,
        },
        body: JSON.stringify(payload),
      });
      return (await response.json()) as Record<string, unknown>;
    },
    [operation, body] as const,
  );
