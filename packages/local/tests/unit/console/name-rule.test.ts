import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkResourceName } from '../../../src/http/resource-name.js';
import { nameProblem } from '../../../src/model/resource-name.js';

/** Whether the endpoint takes `name` (CreateStateMachine's, StartExecution's check). */
function endpointTakes(name: string): boolean {
  try {
    checkResourceName(name);
    return true;
  } catch {
    return false;
  }
}

describe("the console's name check is the endpoint's", () => {
  it('refuses exactly the names the endpoint refuses', () => {
    const characters = fc.oneof(
      fc.constantFrom(
        ...'ab-_.1é日😀 \t\u00a0\u0085\u2028<>{}[]?*"#%\\^|~`$&,;:/\u0000\u007f\ufffe',
      ),
      fc.string({ unit: 'binary', maxLength: 1 }),
    );
    fc.assert(
      fc.property(fc.array(characters, { maxLength: 90 }), (parts) => {
        const name = parts.join('');
        expect(nameProblem(name) === undefined, JSON.stringify(name)).toBe(endpointTakes(name));
      }),
      { numRuns: 500 },
    );
  });

  it('says why, in words', () => {
    expect(nameProblem('')).toBe('A name is needed.');
    expect(nameProblem('a'.repeat(81))).toBe('At most 80 characters (this one has 81).');
    expect(nameProblem('orders/v2')).toBe('The character / is not allowed.');
    expect(nameProblem('a\ufffe')).toBe('The character U+FFFE is not allowed.');
    expect(nameProblem('Orders')).toBeUndefined();
  });
});
