import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hundredStates } from '../../support/asl-graph-shapes.js';
import { openPage, shot } from '../../support/console-page.js';
import { consoleSession } from '../../support/console-session.js';
import { setDefinition } from '../../support/definition-editor.js';

// "Fit" in a real browser: a small graph is shown whole, a long one (100 states in a chain)
// at a zoom where its states can be read, from its start, instead of as a sliver.

const session = consoleSession();

/** The zoom of the drawing, from its viewport's transform. */
const zoom = (page: Page) =>
  page
    .locator('[data-role=editor-graph] svg.graph > g.viewport')
    .evaluate((g) => Number(/scale\(([^)]+)\)/.exec(g.getAttribute('transform') ?? '')?.[1]));

/** Whether a node's box lies inside the graph's frame. */
async function shown(page: Page, selector: string): Promise<boolean> {
  const frame = await page.locator('[data-role=editor-graph] svg.graph').boundingBox();
  const node = await page.locator(selector).boundingBox();
  if (!frame || !node) return false;
  return (
    node.y >= frame.y &&
    node.y + node.height <= frame.y + frame.height &&
    node.x >= frame.x &&
    node.x + node.width <= frame.x + frame.width
  );
}

describe('Fit', () => {
  it('shows a small graph whole, and a 100-state chain readable from its start', async () => {
    const { page, problems, violations } = await openPage(session.browser);
    await page.goto(session.serve.consoleUrl as string);
    await page.goto(`${session.serve.endpointUrl}/console/#/editor`);
    await page.locator('[data-role=no-diagnostics]').waitFor();
    // The starter: Start, Hello, End, all in view.
    expect(await shown(page, '[data-role=editor-graph] g.node[data-state="Hello"]')).toBe(true);
    expect(await zoom(page)).toBeLessThanOrEqual(1.25);

    await setDefinition(page, JSON.stringify(hundredStates(), null, 2));
    await page.locator('[data-role=editor-graph] g.node[data-state="Step 50"]').waitFor();
    await page.locator('[data-role=editor-graph] button', { hasText: 'Fit' }).click();
    expect(await zoom(page)).toBeGreaterThanOrEqual(0.5);
    expect(await shown(page, '[data-role=editor-graph] g.node[data-state="Step 0"]')).toBe(true);
    // Not all of it fits at a readable zoom: the end is further down.
    expect(await shown(page, '[data-role=editor-graph] g.node[data-state="Done"]')).toBe(false);
    await shot(page, 'graph-fit-long');
    expect(problems).toEqual([]);
    expect(await violations()).toEqual([]);
    await page.close();
  });
});
