/*
 * What the console knows of Map Runs, apart from any page: DescribeMapRun's and ListMapRuns'
 * shapes, the names read from a Map Run's ARN, which state of the parent started it, the
 * definition its children run, and the UpdateMapRun request a form asks for.
 */
import { walkStates } from '@sfn-callback/asl/walk';
import type { WireEvent } from '../../../src/model/console-wire.js';
import { eventDetails, type StateRuns } from '../history/state-runs.js';

/** DescribeMapRun's `itemCounts` and `executionCounts`. */
export interface MapRunCounts {
  readonly pending: number;
  readonly running: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly timedOut: number;
  readonly aborted: number;
  readonly total: number;
  readonly resultsWritten: number;
  readonly failuresNotRedrivable?: number;
  readonly pendingRedrive?: number;
}

/** DescribeMapRun's answer (dates in epoch seconds). */
export interface MapRunDescription {
  readonly mapRunArn: string;
  readonly executionArn: string;
  readonly status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';
  readonly startDate: number;
  readonly stopDate?: number;
  readonly maxConcurrency: number;
  readonly toleratedFailurePercentage: number;
  readonly toleratedFailureCount: number;
  readonly itemCounts: MapRunCounts;
  readonly executionCounts: MapRunCounts;
  readonly redriveCount?: number;
  readonly redriveDate?: number;
}

/** A Map Run as ListMapRuns lists it. */
export interface MapRunListItem {
  readonly executionArn: string;
  readonly mapRunArn: string;
  readonly stateMachineArn: string;
  readonly startDate: number;
  readonly stopDate?: number;
}

/** The counts' columns, in the AWS console's order, with their headings. */
export const COUNT_COLUMNS: readonly (readonly [keyof MapRunCounts, string])[] = [
  ['pending', 'Pending'],
  ['running', 'Running'],
  ['succeeded', 'Succeeded'],
  ['failed', 'Failed'],
  ['timedOut', 'Timed out'],
  ['aborted', 'Aborted'],
  ['total', 'Total'],
  ['resultsWritten', 'Results written'],
];

/**
 * A Map Run's short name, `<label>:<id>`, from its ARN
 * (`arn:aws:states:<region>:<account>:mapRun:<state machine>/<label>:<id>`).
 */
export function mapRunName(mapRunArn: string): string {
  const resource = mapRunArn.split(':mapRun:')[1] ?? mapRunArn;
  return resource.slice(resource.indexOf('/') + 1);
}

/** The state machine whose execution started the Map Run (the `mapRun` ARN, up to the `/`). */
export function mapRunParentStateMachineArn(mapRunArn: string): string {
  const [head = '', resource = ''] = mapRunArn.split(':mapRun:');
  return `${head}:stateMachine:${resource.slice(0, resource.indexOf('/'))}`;
}

/**
 * Which state of the parent started each Map Run: the state owning its `MapRunStarted`
 * event in the parent's history (a Map without `Label` has a random one in its ARN, so
 * the ARN alone cannot say).
 */
export function mapRunStates(
  events: readonly WireEvent[],
  runs: StateRuns,
): ReadonlyMap<string, string> {
  const states = new Map<string, string>();
  for (const event of events) {
    if (event.type !== 'MapRunStarted') continue;
    const arn = eventDetails(event)?.mapRunArn;
    const state = runs.ownerOf(event.id);
    if (typeof arn === 'string' && state !== undefined) states.set(arn, state);
  }
  return states;
}

/**
 * The definition a Distributed Map's children run: the Map state's `ItemProcessor` (or
 * legacy `Iterator`), at any depth of `definition`; undefined when there is no such Map.
 */
export function itemProcessorOf(
  definition: unknown,
  mapStateName: string,
): Record<string, unknown> | undefined {
  let found: Record<string, unknown> | undefined;
  walkStates(definition, {
    state: ({ name, state }) => {
      if (found || name !== mapStateName || state.Type !== 'Map') return undefined;
      const processor = state.ItemProcessor ?? state.Iterator;
      if (processor && typeof processor === 'object') {
        found = processor as Record<string, unknown>;
      }
      return false;
    },
  });
  return found;
}

/** The settings UpdateMapRun changes, as the form holds them (text, as typed). */
export interface MapRunSettingsForm {
  readonly maxConcurrency: string;
  readonly toleratedFailurePercentage: string;
  readonly toleratedFailureCount: string;
}

/**
 * The UpdateMapRun request for what the form changed (the fields left as described are not
 * sent), or undefined when nothing changed. Values go as typed numbers: the API checks their
 * range and answers as AWS does, and the page shows its answer.
 */
export function mapRunUpdateRequest(
  current: MapRunDescription,
  form: MapRunSettingsForm,
): Record<string, unknown> | undefined {
  const request: Record<string, unknown> = {};
  const changed = (key: keyof MapRunSettingsForm) => {
    const text = form[key].trim();
    if (text === '') return;
    const value = Number(text);
    if (value !== current[key]) request[key] = Number.isNaN(value) ? text : value;
  };
  changed('maxConcurrency');
  changed('toleratedFailurePercentage');
  changed('toleratedFailureCount');
  return Object.keys(request).length > 0 ? { mapRunArn: current.mapRunArn, ...request } : undefined;
}

/** The name of the Map state whose `Label` is `label`, at any depth of `definition`. */
export function mapStateLabelled(definition: unknown, label: string): string | undefined {
  let found: string | undefined;
  walkStates(definition, {
    state: ({ name, state }) => {
      if (!found && state.Type === 'Map' && state.Label === label) found = name;
      return undefined;
    },
  });
  return found;
}
