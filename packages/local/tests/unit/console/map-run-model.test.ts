import { describe, expect, it } from 'vitest';
import { StateRuns } from '../../../console/src/history/state-runs.js';
import {
  itemProcessorOf,
  type MapRunDescription,
  mapRunName,
  mapRunParentStateMachineArn,
  mapRunStates,
  mapRunUpdateRequest,
  mapStateLabelled,
} from '../../../console/src/pages/map-run-model.js';
import { childStateMachine } from '../../../src/model/arns.js';
import type { WireEvent } from '../../../src/model/console-wire.js';

const MAP_RUN =
  'arn:aws:states:us-east-1:000000000000:mapRun:Orders/Batch:22579633-ff21-4576-8e54-43866f10eacc';

/** A Distributed Map without Label inside a Parallel branch, and one with a Label at the top. */
const DEFINITION = {
  StartAt: 'Both',
  States: {
    Both: {
      Type: 'Parallel',
      Branches: [
        {
          StartAt: 'Unlabelled',
          States: {
            Unlabelled: {
              Type: 'Map',
              ItemProcessor: { StartAt: 'Inner', States: { Inner: { Type: 'Pass', End: true } } },
              End: true,
            },
          },
        },
      ],
      Next: 'Labelled',
    },
    Labelled: {
      Type: 'Map',
      Label: 'Batch',
      Iterator: { StartAt: 'Legacy', States: { Legacy: { Type: 'Succeed' } } },
      End: true,
    },
  },
};

const counts = {
  pending: 0,
  running: 0,
  succeeded: 0,
  failed: 0,
  timedOut: 0,
  aborted: 0,
  total: 0,
  resultsWritten: 0,
};
const RUNNING: MapRunDescription = {
  mapRunArn: MAP_RUN,
  executionArn: 'arn:aws:states:us-east-1:000000000000:execution:Orders:monday',
  status: 'RUNNING',
  startDate: 1,
  maxConcurrency: 1,
  toleratedFailurePercentage: 0,
  toleratedFailureCount: 2,
  itemCounts: counts,
  executionCounts: counts,
};

describe('Map Runs in the console: names, states, definitions, updates', () => {
  it('reads the names in a Map Run ARN and in a child state machine ARN', () => {
    expect(mapRunName(MAP_RUN)).toBe('Batch:22579633-ff21-4576-8e54-43866f10eacc');
    expect(mapRunParentStateMachineArn(MAP_RUN)).toBe(
      'arn:aws:states:us-east-1:000000000000:stateMachine:Orders',
    );
    expect(
      childStateMachine('arn:aws:states:us-east-1:000000000000:stateMachine:Orders/Batch'),
    ).toEqual({
      parentArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:Orders',
      label: 'Batch',
    });
    expect(
      childStateMachine('arn:aws:states:us-east-1:000000000000:stateMachine:Orders'),
    ).toBeUndefined();
  });

  it('finds the Map state by Label, and the definition its children run, at any depth', () => {
    expect(mapStateLabelled(DEFINITION, 'Batch')).toBe('Labelled');
    expect(mapStateLabelled(DEFINITION, 'Nope')).toBeUndefined();
    expect(itemProcessorOf(DEFINITION, 'Unlabelled')).toEqual({
      StartAt: 'Inner',
      States: { Inner: { Type: 'Pass', End: true } },
    });
    expect(itemProcessorOf(DEFINITION, 'Labelled')).toEqual({
      StartAt: 'Legacy',
      States: { Legacy: { Type: 'Succeed' } },
    });
    // A state of that name that is not a Map has no item processor.
    expect(itemProcessorOf(DEFINITION, 'Both')).toBeUndefined();
  });

  it("names the state that started each Map Run from the parent's history", () => {
    const events: WireEvent[] = [
      { id: 1, previousEventId: 0, timestamp: 1, type: 'ExecutionStarted' },
      {
        id: 2,
        previousEventId: 0,
        timestamp: 1,
        type: 'MapStateEntered',
        stateEnteredEventDetails: { name: 'Labelled', input: '{}' },
      },
      { id: 3, previousEventId: 2, timestamp: 1, type: 'MapStateStarted' },
      {
        id: 4,
        previousEventId: 3,
        timestamp: 1,
        type: 'MapRunStarted',
        mapRunStartedEventDetails: { mapRunArn: MAP_RUN },
      },
      { id: 5, previousEventId: 4, timestamp: 2, type: 'MapRunSucceeded' },
    ];
    const runs = new StateRuns();
    runs.add(events);
    expect([...mapRunStates(events, runs)]).toEqual([[MAP_RUN, 'Labelled']]);
  });

  it('asks UpdateMapRun for what the form changed only, values as typed', () => {
    const form = {
      maxConcurrency: '1',
      toleratedFailurePercentage: '0',
      toleratedFailureCount: '2',
    };
    expect(mapRunUpdateRequest(RUNNING, form)).toBeUndefined();
    expect(mapRunUpdateRequest(RUNNING, { ...form, maxConcurrency: ' 4 ' })).toEqual({
      mapRunArn: MAP_RUN,
      maxConcurrency: 4,
    });
    expect(
      mapRunUpdateRequest(RUNNING, {
        ...form,
        toleratedFailurePercentage: '101',
        maxConcurrency: '',
      }),
    ).toEqual({ mapRunArn: MAP_RUN, toleratedFailurePercentage: 101 });
    // Not a number: sent as typed, for the API to refuse in AWS's words.
    expect(mapRunUpdateRequest(RUNNING, { ...form, toleratedFailureCount: 'x' })).toEqual({
      mapRunArn: MAP_RUN,
      toleratedFailureCount: 'x',
    });
  });
});
