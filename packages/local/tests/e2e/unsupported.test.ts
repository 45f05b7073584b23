import { describe, expect, it } from 'vitest';
import { LocalRunner, UnsupportedFeatureError } from '../../src/index.js';
import { synthFixture } from '../fixtures/fixture-app.js';

describe('a JSONata state machine', () => {
  it('is refused with a clear error, never run wrongly', async () => {
    const assembly = await synthFixture({ jsonata: true });
    const start = LocalRunner.start({ assembly });
    await expect(start).rejects.toBeInstanceOf(UnsupportedFeatureError);
    await expect(start).rejects.toThrow(/JSONata.*not supported locally/);
  });
});
