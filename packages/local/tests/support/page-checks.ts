/**
 * Checks a console page in the browser the way a careful reviewer would: axe-core's
 * accessibility rules (injected through the DevTools protocol, so the page's own
 * Content-Security-Policy stays as strict as served) and the policy violations the page met.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** One axe finding, as the tests print it. */
export interface AxeFinding {
  readonly id: string;
  readonly impact: string;
  readonly help: string;
  readonly targets: string[];
}

/** axe-core's serious and critical findings on the page as it is now (WCAG 2.x A and AA). */
export async function seriousAccessibilityFindings(page: Page): Promise<AxeFinding[]> {
  await page.evaluate(axeSource);
  const findings = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (o: unknown) => Promise<unknown> } }).axe;
    const result = (await axe.run({
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
      },
    })) as {
      violations: {
        id: string;
        impact: string;
        help: string;
        nodes: { target: string[]; failureSummary?: string }[];
      }[];
    };
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`),
    }));
  });
  return findings.filter((f) => f.impact === 'serious' || f.impact === 'critical');
}

/** Starts recording the page's Content-Security-Policy violations (call before `goto`). */
export async function recordPolicyViolations(page: Page): Promise<() => Promise<string[]>> {
  // A string, run in the page before its own scripts (Node has no `document` type here).
  await page.addInitScript(`
    globalThis.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      globalThis.__cspViolations.push(
        event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline') +
          ' (' + event.sourceFile + ':' + event.lineNumber + ')',
      );
    });
  `);
  return () =>
    page.evaluate(() => [
      ...(globalThis as unknown as { __cspViolations: string[] }).__cspViolations,
    ]);
}
