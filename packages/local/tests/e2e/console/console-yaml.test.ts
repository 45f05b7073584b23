import { describe, expect, it } from 'vitest';
import { api, openPage, shot } from '../../support/console-page.js';
import { consoleSession } from '../../support/console-session.js';
import { editorNodeNames, editorText, setDefinition } from '../../support/definition-editor.js';
import { seriousAccessibilityFindings } from '../../support/page-checks.js';

// The definition editor in YAML, in a real browser under the console's policy: the text
// rewritten from JSON and back, AWS's diagnostics placed on the YAML, where a text stops being
// YAML, and a state machine created from YAML (the API is sent JSON, as the AWS CLI sends it).

const session = consoleSession();

const REFUSED_YAML = [
  'StartAt: First',
  'States:',
  '  First:',
  '    Type: Pass',
  '    Next: Nowhere',
  '  Second:',
  '    Type: Succeed',
].join('\n');

const ACCEPTED_YAML = [
  'Comment: Written in YAML',
  'StartAt: First',
  'States:',
  '  First:',
  '    Type: Pass',
  '    Result:',
  '      n: 1',
  '    Next: Second',
  '  Second:',
  '    Type: Succeed',
].join('\n');

describe('the definition editor in YAML', () => {
  it('rewrites the definition in YAML, shows AWS diagnostics on it, creates the state machine as JSON', async () => {
    const { page, problems, violations } = await openPage(session.browser);
    await page.goto(session.serve.consoleUrl as string);
    await page.goto(`${session.serve.endpointUrl}/console/#/editor`);
    await page.locator('[data-role=no-diagnostics]').waitFor();

    // JSON → YAML: the same definition, the same graph.
    await page.locator('[data-role=format-yaml]').check();
    await expect.poll(() => editorText(page)).toContain('StartAt: Hello');
    expect(await editorText(page)).not.toContain('{');
    await page.locator('[data-role=no-diagnostics]').waitFor();
    expect(await editorNodeNames(page)).toEqual(['Hello']);

    // Where it stops being YAML, and the switch back refused meanwhile.
    await setDefinition(page, 'StartAt: First\nStates:\n  First:\n    Type: Pass\n   End: true\n');
    const notYaml = page.locator('[data-role=diagnostic]', { hasText: 'Not YAML' });
    await notYaml.waitFor();
    expect(await notYaml.textContent()).toMatch(/line \d+/);
    // (click, not check: the page puts the choice back, which check() would call a failure)
    await page.locator('[data-role=format-json]').click();
    await expect
      .poll(() => page.locator('[data-role=editor-status]').textContent())
      .toMatch(/Not rewritten in JSON: the text is not YAML yet/);
    expect(await page.locator('[data-role=format-yaml]').isChecked()).toBe(true);

    // AWS refuses: its diagnostic on the YAML key it names, and on the state in the graph.
    await setDefinition(page, REFUSED_YAML);
    await page.locator('[data-role=diagnostic]', { hasText: 'Nowhere' }).waitFor();
    await expect
      .poll(() => page.locator('.cm-lintRange-error').allTextContents())
      .toContain('Next');
    await expect.poll(() => page.locator('g.node.has-problem[data-state="First"]').count()).toBe(1);
    await page.locator('[data-role=diagnostic]', { hasText: 'Nowhere' }).click();
    expect(await page.locator('.cm-activeLine').textContent()).toContain('Next: Nowhere');
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await shot(page, 'workbench-yaml-refused');

    // Accepted and created: the API holds the same definition, as JSON.
    await setDefinition(page, ACCEPTED_YAML);
    await page.locator('[data-role=no-diagnostics]').waitFor();
    await expect.poll(() => editorNodeNames(page)).toEqual(['First', 'Second']);
    await page.locator('input[name=machine-name]').fill('FromYaml');
    await page.locator('[data-role=create]').click();
    await page.waitForURL(/#\/editor\/arn/);
    const machines = (await api(page, 'ListStateMachines')).stateMachines as {
      stateMachineArn: string;
    }[];
    expect(machines).toHaveLength(1);
    const described = await api(page, 'DescribeStateMachine', {
      stateMachineArn: machines[0]?.stateMachineArn,
    });
    expect(JSON.parse(described.definition as string)).toEqual({
      Comment: 'Written in YAML',
      StartAt: 'First',
      States: {
        First: { Type: 'Pass', Result: { n: 1 }, Next: 'Second' },
        Second: { Type: 'Succeed' },
      },
    });
    // The created machine opens in JSON, as stored; the switch rewrites it in YAML again.
    await page.locator('[data-role=no-diagnostics]').waitFor();
    expect(await page.locator('[data-role=format-json]').isChecked()).toBe(true);
    expect(JSON.parse(await editorText(page))).toMatchObject({ Comment: 'Written in YAML' });
    await page.locator('[data-role=format-yaml]').check();
    await expect.poll(() => editorText(page)).toContain('Comment: Written in YAML');
    await shot(page, 'workbench-yaml-edit');
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    expect(problems).toEqual([]);
    expect(await violations()).toEqual([]);
    await page.close();
  });
});
