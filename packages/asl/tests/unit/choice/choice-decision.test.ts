import { describe, expect, it } from 'vitest';
import type { ChoiceDecision } from '../../../src/index.js';
import { start } from '../execution/run.js';

/** Two rules and the Default all lead to `Same`: only `onChoice` tells them apart. */
const definition = {
  StartAt: 'Pick',
  States: {
    Pick: {
      Type: 'Choice',
      Choices: [
        { Variable: '$.n', NumericEquals: 1, Next: 'Same' },
        { Variable: '$.n', NumericEquals: 2, Next: 'Same' },
      ],
      Default: 'Same',
    },
    Same: { Type: 'Succeed' },
  },
};

async function decisionsFor(input: { n: number }, def: object = definition) {
  const decisions: ChoiceDecision[] = [];
  const { execution } = start(def, input, undefined, {
    onChoice: (decision) => decisions.push(decision),
  });
  await execution.result;
  return { decisions, history: execution.history };
}

describe('onChoice', () => {
  it('names the rule that matched, by its index, with the state and its entered event', async () => {
    const { decisions, history } = await decisionsFor({ n: 2 });
    expect(decisions).toEqual([{ stateName: 'Pick', enteredEventId: 2, rule: 1, next: 'Same' }]);
    expect(history[1]?.type).toBe('ChoiceStateEntered');
  });

  it("says 'Default' when no rule matched", async () => {
    const { decisions } = await decisionsFor({ n: 7 });
    expect(decisions.map((d) => d.rule)).toEqual(['Default']);
  });

  it('is told nothing when no rule matched and there is no Default (the state fails)', async () => {
    const { Default: _default, ...pick } = definition.States.Pick;
    const { decisions } = await decisionsFor(
      { n: 7 },
      { ...definition, States: { ...definition.States, Pick: pick } },
    );
    expect(decisions).toEqual([]);
  });

  it('reports JSONata Conditions too, inside Map iterations', async () => {
    const { decisions } = await decisionsFor(
      { n: 0 },
      {
        QueryLanguage: 'JSONata',
        StartAt: 'Each',
        States: {
          Each: {
            Type: 'Map',
            Items: [1, 5],
            ItemProcessor: {
              StartAt: 'Big?',
              States: {
                'Big?': {
                  Type: 'Choice',
                  Choices: [{ Condition: '{% $states.input > 3 %}', Next: 'Done' }],
                  Default: 'Done',
                },
                Done: { Type: 'Succeed' },
              },
            },
            End: true,
          },
        },
      },
    );
    expect(decisions.map((d) => [d.stateName, d.rule]).sort()).toEqual([
      ['Big?', 0],
      ['Big?', 'Default'],
    ]);
  });
});
