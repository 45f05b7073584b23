/**
 * What the console's browser tests do with the definition editor and its graph: replace the
 * text as a paste would, read it back, and list the states the graph draws.
 */
import type { Page } from 'playwright-core';

/**
 * Replaces the editor's whole text, as a paste would. Emptied first: Chrome's own insertion
 * over a highlighted token (a YAML key) copies its colour as a `style` attribute onto the new
 * line (blocked by the console's policy, and reported) before CodeMirror redraws the line.
 */
export async function setDefinition(page: Page, text: string): Promise<void> {
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

/** The editor's text: its drawn lines (every line of a short definition is drawn). */
export const editorText = async (page: Page): Promise<string> =>
  (await page.locator('.cm-content .cm-line').allTextContents()).join('\n');

/** The states the editor's graph draws, in drawing order. */
export const editorNodeNames = (page: Page): Promise<(string | null)[]> =>
  page
    .locator('[data-role=editor-graph] svg.graph g.node[data-state]')
    .evaluateAll((els) => els.map((el) => el.getAttribute('data-state')));
