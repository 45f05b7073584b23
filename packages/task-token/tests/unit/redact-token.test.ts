import { describe, expect, it } from 'vitest';
import { redactToken, scrubToken } from '../../src/index.js';

const token = `AQCEAAAAKgAAAAMAAAAAAAAAA${'x'.repeat(600)}secretTail==`;

describe('redactToken', () => {
  it('is short, stable and shows neither the token nor its tail', () => {
    const redacted = redactToken(token);
    expect(redacted).toMatch(/^AQCEAA…#[0-9a-f]{12}$/);
    expect(redactToken(token)).toBe(redacted);
    expect(redacted).not.toContain('secretTail');
    expect(redacted.length).toBeLessThan(25);
  });

  it('tells different tokens apart', () => {
    expect(redactToken(`${token}1`)).not.toBe(redactToken(`${token}2`));
  });

  it('shows no prefix for a short token', () => {
    expect(redactToken('abc')).toMatch(/^…#[0-9a-f]{12}$/);
  });

  it('describes values that are not tokens', () => {
    expect(redactToken(undefined)).toBe('<no token: undefined>');
    expect(redactToken(null)).toBe('<no token: null>');
    expect(redactToken('')).toBe('<empty token>');
  });
});

describe('scrubToken', () => {
  it('replaces every occurrence of the token with its redacted form', () => {
    const text = `request {"taskToken":"${token}"} failed; retry ${token}`;
    const scrubbed = scrubToken(text, token);
    expect(scrubbed).not.toContain(token);
    expect(scrubbed.split(redactToken(token))).toHaveLength(3);
  });

  it('puts the redacted form in as it is, even for a token with `$` in it', () => {
    // Its visible prefix, `$&$'$1`, would be read as replacement patterns.
    const dollar = `$&$'$1${'x'.repeat(10)}`;
    expect(scrubToken(`a ${dollar} b`, dollar)).toBe(`a ${redactToken(dollar)} b`);
  });

  it('leaves text without the token, and an empty token, alone', () => {
    expect(scrubToken('nothing here', token)).toBe('nothing here');
    expect(scrubToken('abc', '')).toBe('abc');
  });
});
