import { type StatesBlockVisit, walkStates } from '@sfn-callback/asl/walk';

/** A box of the graph: a state, the start or end marker, or the end of a Map / Parallel group. */
export interface GraphNode {
  readonly id: string;
  readonly kind: 'state' | 'start' | 'end' | 'group-end';
  readonly label: string;
  /** The state's name (for the start / end markers: absent; for a group's end: the group's state). */
  readonly stateName?: string;
  /** The ASL type: Task, Choice, Map … */
  readonly type?: string;
  /** A Task's resource, shortened (`sqs:sendMessage.waitForTaskToken`). */
  readonly resource?: string;
  /** A Task that waits for a task token (`.waitForTaskToken`). */
  readonly waitsForToken?: boolean;
  /** The group (Map / Parallel) the node is drawn in. */
  readonly parent?: string;
  /**
   * The block its state is in, when nested: where the definition writes it
   * (`/States/P/Branches[0]`, `/States/M/ItemProcessor`). A Map / Parallel state's own node
   * and end are in the block of the state, not in its group's blocks.
   */
  readonly block?: string;
}

/** A Map or Parallel state, drawn as a box around its states. */
export interface GraphGroup {
  readonly id: string;
  readonly stateName: string;
  readonly type: 'Map' | 'Parallel';
  readonly parent?: string;
}

/** A transition: `next`, a Choice rule's or its `default`, a `catch`, or into a `branch`. */
export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: 'next' | 'default' | 'choice' | 'catch' | 'branch';
  readonly label?: string;
}

/** The graph of a state machine definition. */
export interface AslGraph {
  readonly nodes: readonly GraphNode[];
  readonly groups: readonly GraphGroup[];
  readonly edges: readonly GraphEdge[];
}

interface Scope {
  readonly StartAt?: string;
  readonly States?: Record<string, Record<string, unknown>>;
}

/** The id of state `name`'s node (ASL state names are unique in a whole state machine). */
export const stateNodeId = (name: string): string => `s:${name}`;
const groupId = (name: string) => `g:${name}`;
const groupEndId = (name: string) => `e:${name}`;

const COMPARATORS: Readonly<Record<string, string>> = {
  StringEquals: '==',
  StringEqualsPath: '==',
  NumericEquals: '==',
  NumericEqualsPath: '==',
  BooleanEquals: '==',
  BooleanEqualsPath: '==',
  TimestampEquals: '==',
  TimestampEqualsPath: '==',
  NumericLessThan: '<',
  NumericLessThanPath: '<',
  StringLessThan: '<',
  StringLessThanPath: '<',
  TimestampLessThan: '<',
  TimestampLessThanPath: '<',
  NumericGreaterThan: '>',
  NumericGreaterThanPath: '>',
  StringGreaterThan: '>',
  StringGreaterThanPath: '>',
  TimestampGreaterThan: '>',
  TimestampGreaterThanPath: '>',
  NumericLessThanEquals: '<=',
  NumericLessThanEqualsPath: '<=',
  StringLessThanEquals: '<=',
  StringLessThanEqualsPath: '<=',
  TimestampLessThanEquals: '<=',
  TimestampLessThanEqualsPath: '<=',
  NumericGreaterThanEquals: '>=',
  NumericGreaterThanEqualsPath: '>=',
  StringGreaterThanEquals: '>=',
  StringGreaterThanEqualsPath: '>=',
  TimestampGreaterThanEquals: '>=',
  TimestampGreaterThanEqualsPath: '>=',
  StringMatches: 'matches',
};

const MAX_LABEL = 48;
const clip = (text: string) =>
  text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1)}…` : text;

/** A short reading of a Choice rule: `$.x == 1`, `not ($.a > 2)`, a JSONata `Condition`. */
export function choiceRuleLabel(rule: Record<string, unknown>): string {
  if (typeof rule.Condition === 'string') return clip(rule.Condition);
  if (Array.isArray(rule.And))
    return clip((rule.And as Record<string, unknown>[]).map(choiceRuleLabel).join(' and '));
  if (Array.isArray(rule.Or))
    return clip((rule.Or as Record<string, unknown>[]).map(choiceRuleLabel).join(' or '));
  if (rule.Not && typeof rule.Not === 'object')
    return clip(`not (${choiceRuleLabel(rule.Not as Record<string, unknown>)})`);
  const variable = String(rule.Variable ?? '');
  for (const [key, value] of Object.entries(rule)) {
    if (
      key === 'Variable' ||
      key === 'Next' ||
      key === 'Comment' ||
      key === 'Assign' ||
      key === 'Output'
    )
      continue;
    if (key.startsWith('Is')) return clip(`${variable} ${key} ${String(value)}`);
    const operator = COMPARATORS[key];
    if (operator) return clip(`${variable} ${operator} ${JSON.stringify(value)}`);
  }
  return clip(variable || 'rule');
}

/** `arn:aws:states:::sqs:sendMessage.waitForTaskToken` → `sqs:sendMessage.waitForTaskToken`. */
export function shortResource(resource: unknown): string | undefined {
  if (typeof resource !== 'string') return undefined;
  const service = /^arn:[^:]+:states:[^:]*:[^:]*:(.+)$/.exec(resource);
  if (service) return service[1];
  const fn = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)/.exec(resource);
  return fn ? `lambda:${fn[1]}` : resource;
}

/**
 * The graph of an ASL definition: one node per state (with its type), a start and an end
 * marker, Next / Default / Choice-rule / Catch edges, and Map and Parallel states as
 * groups around their inner states (entered from the state's node, left from the group's
 * end node). Pure: no DOM, no layout.
 */
export function aslGraph(definition: Scope): AslGraph {
  const nodes: GraphNode[] = [{ id: 'start', kind: 'start', label: 'Start' }];
  const groups: GraphGroup[] = [];
  const edges: GraphEdge[] = [];
  // Where each block is entered from and left to: the markers, or its Map / Parallel group.
  const entryOf = (block: StatesBlockVisit) =>
    block.parentState === undefined ? 'start' : stateNodeId(block.parentState);
  const exitOf = (block: StatesBlockVisit) =>
    block.parentState === undefined ? 'end' : groupEndId(block.parentState);
  const parentOf = (block: StatesBlockVisit) =>
    block.parentState === undefined ? undefined : groupId(block.parentState);
  const blockOf = (block: StatesBlockVisit) => (block.location ? { block: block.location } : {});
  const isGroup = (type: string): type is 'Map' | 'Parallel' =>
    type === 'Map' || type === 'Parallel';

  walkStates(definition, {
    block: (block) => {
      const scope = block.block as Scope;
      const states = scope.States ?? {};
      if (scope.StartAt !== undefined && Object.hasOwn(states, scope.StartAt)) {
        const label =
          block.kind === 'Top'
            ? undefined
            : block.kind === 'Branch'
              ? `branch ${(block.branchIndex ?? 0) + 1}`
              : 'each item';
        edges.push({
          from: entryOf(block),
          to: stateNodeId(scope.StartAt),
          kind: block.kind === 'Top' ? 'next' : 'branch',
          ...(label ? { label } : {}),
        });
      }
      return undefined;
    },
    state: ({ name, state, block }) => {
      const type = String(state.Type ?? 'Task');
      const id = stateNodeId(name);
      const parent = parentOf(block);
      if (isGroup(type)) {
        const group = groupId(name);
        groups.push({ id: group, stateName: name, type, ...(parent ? { parent } : {}) });
        nodes.push({
          id,
          kind: 'state',
          label: name,
          stateName: name,
          type,
          parent: group,
          ...blockOf(block),
        });
        return true;
      }
      const resource = type === 'Task' ? shortResource(state.Resource) : undefined;
      nodes.push({
        id,
        kind: 'state',
        label: name,
        stateName: name,
        type,
        ...(resource ? { resource } : {}),
        ...(typeof state.Resource === 'string' && state.Resource.endsWith('.waitForTaskToken')
          ? { waitsForToken: true }
          : {}),
        ...(parent ? { parent } : {}),
        ...blockOf(block),
      });
      return true;
    },
    // A state's edges leave from it, or from its group's end once its inner states are drawn.
    leave: ({ name, state, block }) => {
      const type = String(state.Type ?? 'Task');
      let from = stateNodeId(name);
      if (isGroup(type)) {
        from = groupEndId(name);
        nodes.push({
          id: from,
          kind: 'group-end',
          label: `${type} end`,
          stateName: name,
          type,
          parent: groupId(name),
          ...blockOf(block),
        });
      }
      if (type === 'Choice') {
        for (const rule of (state.Choices ?? []) as Record<string, unknown>[]) {
          if (typeof rule.Next === 'string')
            edges.push({
              from,
              to: stateNodeId(rule.Next),
              kind: 'choice',
              label: choiceRuleLabel(rule),
            });
        }
        if (typeof state.Default === 'string')
          edges.push({ from, to: stateNodeId(state.Default), kind: 'default', label: 'Default' });
      }
      if (typeof state.Next === 'string')
        edges.push({ from, to: stateNodeId(state.Next), kind: 'next' });
      if (state.End === true || type === 'Succeed' || type === 'Fail')
        edges.push({ from, to: exitOf(block), kind: 'next' });
      for (const handler of (state.Catch ?? []) as Record<string, unknown>[]) {
        if (typeof handler.Next !== 'string') continue;
        const errors = Array.isArray(handler.ErrorEquals)
          ? handler.ErrorEquals.join(', ')
          : 'error';
        edges.push({
          from,
          to: stateNodeId(handler.Next),
          kind: 'catch',
          label: clip(`Catch ${errors}`),
        });
      }
    },
  });

  nodes.push({ id: 'end', kind: 'end', label: 'End' });
  return { nodes, groups, edges };
}
