import { describe, expect, it } from 'vitest';
import {
  convertDefinition,
  definitionJson,
  parseDefinition,
  yamlPointerRange,
} from '../../../console/src/editor/definition-format.js';

const DEFINITION = {
  Comment: 'Two states',
  StartAt: 'First',
  States: {
    First: { Type: 'Pass', Result: { n: 1, list: [1, 'two'] }, Next: 'Second' },
    Second: { Type: 'Succeed' },
  },
};
const JSON_TEXT = JSON.stringify(DEFINITION, null, 2);

describe('definition in JSON or YAML', () => {
  it('rewrites JSON as YAML and back without changing the definition', () => {
    const yaml = convertDefinition(JSON_TEXT, 'json', 'yaml') as string;
    expect(yaml).toContain('StartAt: First');
    expect(yaml).not.toContain('{');
    expect(parseDefinition(yaml, 'yaml')).toEqual({ ok: true, value: DEFINITION });
    const back = convertDefinition(yaml, 'yaml', 'json') as string;
    expect(JSON.parse(back)).toEqual(DEFINITION);
  });

  it('sends the API JSON: a JSON text as typed, a YAML one converted', () => {
    const typed = '{"StartAt":"P","States":{"P":{"Type":"Pass","End":true,"Result":1.10}}}';
    expect(definitionJson(typed, 'json')).toBe(typed);
    const yaml = 'StartAt: P\nStates:\n  P:\n    Type: Pass\n    End: true\n';
    expect(JSON.parse(definitionJson(yaml, 'yaml') as string)).toEqual({
      StartAt: 'P',
      States: { P: { Type: 'Pass', End: true } },
    });
    expect(definitionJson('{"StartAt": ', 'json')).toBeUndefined();
  });

  it('says where a YAML text stops being YAML, with its line', () => {
    const text = 'StartAt: P\nStates:\n  P:\n    Type: Pass\n   End: true\n';
    const parsed = parseDefinition(text, 'yaml');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.message).toMatch(/line \d+/);
    expect(parsed.position).toBeGreaterThan(text.indexOf('States'));
  });

  it('refuses a key given twice (JSON.parse would keep the last one without a word)', () => {
    const parsed = parseDefinition('StartAt: A\nStartAt: B\nStates: {}\n', 'yaml');
    expect(parsed).toMatchObject({ ok: false });
  });

  it('refuses a text whose aliases would expand without end, instead of hanging the page', () => {
    const lines = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]'];
    for (let i = 1; i < 12; i += 1) {
      const previous = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      lines.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
    }
    const parsed = parseDefinition(lines.join('\n'), 'yaml');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(/alias/i);
  });

  it('finds the member an AWS diagnostic location names in YAML', () => {
    const text =
      'StartAt: First\nStates:\n  First:\n    Type: Pass\n    Next: Nowhere\n  Second:\n    Type: Succeed\n';
    const next = yamlPointerRange(text, '/States/First/Next');
    expect(text.slice(next.from, next.to)).toBe('Next');
    const state = yamlPointerRange(text, '/States/Second');
    expect(text.slice(state.from, state.to)).toBe('Second');
    // A member that is not there: the deepest part that is.
    const missing = yamlPointerRange(text, '/States/First/Catch/0');
    expect(text.slice(missing.from, missing.to)).toBe('First');
    const list = 'States:\n  A:\n    Catch:\n      - ErrorEquals: [x]\n        Next: B\n';
    const element = yamlPointerRange(list, '/States/A/Catch/0/Next');
    expect(list.slice(element.from, element.to)).toBe('Next');
  });
});
