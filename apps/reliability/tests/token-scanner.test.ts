import { redactToken } from '@sfn-callback/task-token';
import { describe, expect, it } from 'vitest';
import { STEP, TokenScanner, WINDOW } from '../src/token-scanner.ts';

const TOKEN = `AQCLocal1z.${'Qx7_pLm2-Rt9vW3yZa0Bc4De5Fg6Hi8J'}.${'kL1mN2oP3qR4sT5uV6wX7yZ8aB9cD0eF'}`;

describe('TokenScanner: the leak detector of the fault run', () => {
  it('finds a whole token, and a piece of one, in a text seen before the token was known', () => {
    const scanner = new TokenScanner();
    scanner.scan(`{"level":"INFO","token":"${TOKEN}"}`);
    scanner.scan(`cause: ${TOKEN.slice(20, 20 + WINDOW + STEP - 1)} was refused`);
    scanner.addToken(TOKEN);
    scanner.finish();
    expect(scanner.leaks).toBe(2);
    expect(scanner.leakSamples).toEqual([
      expect.stringMatching(/^text #0, offset \d+$/),
      expect.stringMatching(/^text #1/),
    ]);
  });

  it('does not flag the redacted form, nor other tokens', () => {
    const scanner = new TokenScanner();
    scanner.addToken(TOKEN);
    scanner.scan(`{"token":"${redactToken(TOKEN)}"}`);
    scanner.scan(`other ${TOKEN.replace('Qx7', 'Zz9').replace('kL1', 'Yy8')}`.slice(0, 30));
    scanner.finish();
    expect(scanner.leaks).toBe(0);
    expect(scanner.leaksIn(`here: ${TOKEN}`)).toBe(1);
    expect(scanner.leaksIn(redactToken(TOKEN))).toBe(0);
  });
});
