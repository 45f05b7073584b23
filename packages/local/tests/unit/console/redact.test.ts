import { createHash } from 'node:crypto';
import { redactToken as serverRedact } from '@sfn-callback/task-token';
import { describe, expect, it } from 'vitest';
import { redactToken, redactTokens } from '../../../console/src/redact.js';
import { sha256Hex } from '../../../console/src/sha256.js';
import { TokenRegistry } from '../../../src/engine/token-registry.js';

describe("the console's token redaction", () => {
  it('its SHA-256 is SHA-256 (ASCII, UTF-8, block boundaries)', () => {
    for (const text of [
      '',
      'abc',
      'é日本',
      'x'.repeat(55),
      'x'.repeat(56),
      'x'.repeat(64),
      'y'.repeat(1000),
    ])
      expect(sha256Hex(text)).toBe(createHash('sha256').update(text).digest('hex'));
  });

  it("redacts a token exactly as task-token's redactToken does", () => {
    const token = new TokenRegistry().issue();
    expect(redactToken(token)).toBe(serverRedact(token));
  });

  it('redacts every token in a text, leaving the rest', () => {
    const registry = new TokenRegistry();
    const a = registry.issue();
    const b = registry.issue();
    const text = JSON.stringify({ TaskToken: a, Other: b, Input: { x: 1 } });
    const shown = redactTokens(text);
    expect(shown).not.toContain(a);
    expect(shown).not.toContain(b);
    expect(shown).toContain(serverRedact(a));
    expect(shown).toContain('"Input":{"x":1}');
  });
});
