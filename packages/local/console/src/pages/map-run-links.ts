import { childStateMachine } from '../../../src/model/arns.js';
/*
 * How an execution page reaches Map Runs: a parent's Map Runs (ListMapRuns), and for a
 * Distributed Map's child execution, its Map Run, its parent execution and the definition
 * it runs (the Map state's item processor in the parent's definition).
 */
import type { WireEvent } from '../../../src/model/console-wire.js';
import { sfn, sfnAll } from '../api.js';
import { h } from '../dom.js';
import { StateRuns } from '../history/state-runs.js';
import { href } from '../router.js';
import {
  itemProcessorOf,
  type MapRunDescription,
  type MapRunListItem,
  mapRunName,
  mapRunStates,
  mapStateLabelled,
} from './map-run-model.js';

/** A link to a Map Run's page, named `<label>:<id>`. */
export function mapRunLink(mapRunArn: string, attributes: Record<string, unknown> = {}) {
  return h(
    'a',
    { href: href({ page: 'map-runs', arn: mapRunArn }), class: 'mono', ...attributes },
    mapRunName(mapRunArn),
  );
}

/** Every Map Run an execution started, newest first (ListMapRuns, every page). */
export function mapRunsOf(executionArn: string): Promise<MapRunListItem[]> {
  return sfnAll<MapRunListItem>('ListMapRuns', { executionArn, maxResults: 1000 }, 'mapRuns');
}

/** What a child execution's page shows of where it comes from. */
export interface ChildOrigin {
  readonly mapRun: MapRunDescription;
  /** The Map state of the parent that started the Map Run, when found. */
  readonly mapStateName?: string;
  /** The definition the child runs (`{ StartAt, States }`), when found. */
  readonly definition?: Record<string, unknown>;
}

/**
 * A child execution's Map Run (DescribeMapRun), and the definition it runs: the item
 * processor of its Map state in the definition its parent ran. The Map state is the one
 * whose `Label` the child's state machine ARN ends with or, for a Map without `Label` (a
 * random one in the ARN), the state that logged `MapRunStarted` in the parent's history.
 */
export async function childOrigin(
  mapRunArn: string,
  stateMachineArn: string,
): Promise<ChildOrigin> {
  const mapRun = await sfn<MapRunDescription>('DescribeMapRun', { mapRunArn });
  const parent = mapRun.executionArn;
  const machine = await sfn<{ definition: string }>('DescribeStateMachineForExecution', {
    executionArn: parent,
  });
  const definition = JSON.parse(machine.definition) as unknown;
  const label = childStateMachine(stateMachineArn)?.label;
  let mapStateName = label === undefined ? undefined : mapStateLabelled(definition, label);
  if (mapStateName === undefined) {
    const events = await sfnAll<WireEvent>(
      'GetExecutionHistory',
      { executionArn: parent, maxResults: 1000 },
      'events',
    );
    const runs = new StateRuns();
    runs.add(events);
    mapStateName = mapRunStates(events, runs).get(mapRunArn);
  }
  const processor =
    mapStateName === undefined ? undefined : itemProcessorOf(definition, mapStateName);
  return {
    mapRun,
    ...(mapStateName !== undefined ? { mapStateName } : {}),
    ...(processor ? { definition: processor } : {}),
  };
}
