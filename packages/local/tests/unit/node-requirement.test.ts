import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  NODE_ENGINES_RANGE,
  nodeRunsCli,
  unsupportedNodeMessage,
} from '../../src/cli/node-requirement.js';

describe('the Node the CLI needs', () => {
  it('is the package.json engines range', () => {
    const manifest = JSON.parse(
      readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
    ) as { engines: { node: string } };
    expect(manifest.engines.node).toBe(NODE_ENGINES_RANGE);
  });

  it.each([
    ['18.20.4', false],
    ['20.20.2', false],
    ['22.12.0', false],
    ['22.13.0', true],
    ['22.21.1', true],
    ['23.3.0', false],
    ['23.4.0', true],
    ['24.9.0', true],
    ['26.0.0', true],
  ])('%s: %s (node:sqlite without a flag)', (version, runs) => {
    expect(nodeRunsCli(version)).toBe(runs);
  });

  it('says what is needed, what was found and where', () => {
    expect(unsupportedNodeMessage('20.20.2', '/usr/bin/node')).toBe(
      'sfn-callback-local: needs Node.js 22.13 or later (its store is node:sqlite), found 20.20.2 at /usr/bin/node: ' +
        'install Node 22.13+ or 24 LTS (nvm install 24, or your package manager) and run it with that node',
    );
    expect(unsupportedNodeMessage('24.9.0', '/usr/bin/node')).toBeUndefined();
  });
});
