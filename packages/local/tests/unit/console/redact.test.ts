import { redactToken as serverRedact, scrubToken as serverScrub } from '@sfn-callback/task-token';
import { describe, expect, it } from 'vitest';
import { TokenRegistry } from '../../../src/engine/token-registry.js';
import {
  redactedPreview,
  redactToken,
  redactTokensIn,
  scrubToken,
} from '../../../src/model/token-redaction.js';

describe("local's token redaction (server and browser console alike)", () => {
  it("hashes as task-token's redactToken does (ASCII, UTF-8, block boundaries)", () => {
    for (const text of [
      '',
      'abc',
      'é日本',
      'x'.repeat(55),
      'x'.repeat(56),
      'x'.repeat(64),
      'y'.repeat(1000),
    ])
      expect(redactToken(text)).toBe(serverRedact(text));
  });

  it("redacts a token exactly as task-token's redactToken does", () => {
    const token = new TokenRegistry().issue();
    expect(redactToken(token)).toBe(serverRedact(token));
    expect(redactToken(undefined)).toBe(serverRedact(undefined));
    expect(scrubToken(`a ${token} $& b`, token)).toBe(serverScrub(`a ${token} $& b`, token));
  });

  it('redacts every token in a text, leaving the rest', () => {
    const registry = new TokenRegistry();
    const a = registry.issue();
    const b = registry.issue();
    const text = JSON.stringify({ TaskToken: a, Other: b, Input: { x: 1 } });
    const shown = redactTokensIn(text);
    expect(shown).not.toContain(a);
    expect(shown).not.toContain(b);
    expect(shown).toContain(serverRedact(a));
    expect(shown).toContain('"Input":{"x":1}');
  });

  it('previews a text: tokens before the cut redacted, a token the cut would split left out', () => {
    const token = new TokenRegistry().issue();
    const text = `{"a":"${token}","b":"${token}"}`;
    const second = text.lastIndexOf(token);
    for (let cut = 0; cut <= text.length; cut += 1) {
      const preview = redactedPreview(text, cut);
      // No part of a token is ever shown beyond its redacted form's six characters.
      expect(preview).not.toContain(token.slice(0, 12));
      if (cut > second && cut < second + token.length) {
        expect(preview).toBe(`${redactTokensIn(text.slice(0, second))}…`);
      }
    }
    expect(redactedPreview(text, text.length)).toBe(redactTokensIn(text));
    expect(redactedPreview('short', 200)).toBe('short');
  });
});
