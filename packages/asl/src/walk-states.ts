/*
 * The one walk over a definition's nested states. It imports nothing (not even the rest of
 * this package) so that a browser bundle can take it through `@sfn-callback/asl/walk`
 * without pulling in JSONata.
 */

/** Where a `States` block sits: the top level, a Parallel branch, a Map's item processor. */
export type StatesBlockKind = 'Top' | 'Branch' | 'ItemProcessor' | 'Iterator';

/** A `States` block met by {@link walkStates}. */
export interface StatesBlockVisit {
  /** The block as the definition writes it (any JSON value: the walk checks nothing). */
  readonly block: unknown;
  readonly kind: StatesBlockKind;
  /** Its place in the definition: `''` for the top level, else `/States/P/Branches[0]`, `/States/M/ItemProcessor`. */
  readonly location: string;
  /** The Map or Parallel state that holds it (undefined at the top level). */
  readonly parentState?: string;
  /** Which of the parent's `Branches` it is (Parallel branches only). */
  readonly branchIndex?: number;
  /** Whether it runs inside a Map iteration, at any depth. */
  readonly inMap: boolean;
  /** 0 at the top level, 1 inside a top-level Map or Parallel, and so on. */
  readonly depth: number;
}

/** A state met by {@link walkStates}: only states that are JSON objects are visited. */
export interface StateVisit {
  readonly name: string;
  readonly state: Readonly<Record<string, unknown>>;
  /** `${block.location}/States/${name}`. */
  readonly location: string;
  /** The block the state is in. */
  readonly block: StatesBlockVisit;
}

/** What {@link walkStates} tells its caller; every callback is optional. */
export interface StatesVisitor {
  /**
   * A block, before its states. A caller that reads the states itself (the validator, which
   * checks each state as it finds its nested blocks) returns the blocks nested in it: the
   * walk then goes on with those and does not visit this block's states one by one.
   */
  block?(visit: StatesBlockVisit): readonly StatesBlockVisit[] | undefined;
  /** A state, before the blocks nested in it; `false` skips them. */
  state?(visit: StateVisit): boolean | undefined;
  /** A state, after the blocks nested in it (depth-first order only). */
  leave?(visit: StateVisit): void;
}

/** Options of {@link walkStates}. */
export interface WalkStatesOptions {
  /**
   * `depth-first` (default): definition order, each Map or Parallel state followed by the
   * states nested in it. `breadth-first`: each level whole before the next.
   */
  readonly order?: 'depth-first' | 'breadth-first';
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

type Work =
  | { readonly kind: 'block'; readonly visit: StatesBlockVisit }
  | { readonly kind: 'state'; readonly visit: StateVisit }
  | { readonly kind: 'leave'; readonly visit: StateVisit };

/**
 * Walks every state of a definition, at any depth: the top level's `States`, each
 * Parallel's `Branches` and each Map's `ItemProcessor` (or legacy `Iterator`). Validation,
 * TestState, local and the console's graph all walk with it. The walk keeps its own work
 * list, so deep nesting never grows the call stack, reads only own properties, and checks
 * nothing: malformed parts are skipped (or handed to {@link StatesVisitor.block}).
 *
 * @param definition A state machine definition (or any `{ StartAt, States }` block).
 * @param visitor Told each block and state; see {@link StatesVisitor}.
 */
export function walkStates(
  definition: unknown,
  visitor: StatesVisitor,
  options: WalkStatesOptions = {},
): void {
  const breadthFirst = options.order === 'breadth-first';
  const work: Work[] = [
    {
      kind: 'block',
      visit: { block: definition, kind: 'Top', location: '', inMap: false, depth: 0 },
    },
  ];
  for (let item = next(work, breadthFirst); item !== undefined; item = next(work, breadthFirst)) {
    const children: Work[] = [];
    if (item.kind === 'leave') {
      visitor.leave?.(item.visit);
      continue;
    }
    if (item.kind === 'block') {
      const chosen = visitor.block?.(item.visit);
      if (chosen !== undefined) {
        for (const visit of chosen) children.push({ kind: 'block', visit });
      } else {
        for (const visit of statesOf(item.visit)) children.push({ kind: 'state', visit });
      }
    } else {
      if (visitor.state?.(item.visit) !== false) {
        for (const visit of blocksInside(item.visit)) children.push({ kind: 'block', visit });
      }
      if (visitor.leave && !breadthFirst) children.push({ kind: 'leave', visit: item.visit });
    }
    if (breadthFirst) work.push(...children);
    else for (let i = children.length - 1; i >= 0; i--) work.push(children[i] as Work);
  }
}

function next(work: Work[], breadthFirst: boolean): Work | undefined {
  return breadthFirst ? work.shift() : work.pop();
}

function statesOf(block: StatesBlockVisit): StateVisit[] {
  if (!isObject(block.block) || !isObject(block.block.States)) return [];
  const visits: StateVisit[] = [];
  for (const [name, state] of Object.entries(block.block.States)) {
    if (isObject(state)) {
      visits.push({ name, state, location: `${block.location}/States/${name}`, block });
    }
  }
  return visits;
}

/**
 * The blocks a state holds: a Parallel's `Branches`, a Map's `ItemProcessor` (or
 * `Iterator` when it has no `ItemProcessor`); none for the other types.
 */
export function blocksInside(visit: StateVisit): StatesBlockVisit[] {
  const { state, location, block } = visit;
  const nested = (kind: StatesBlockKind, value: unknown, branchIndex?: number) => ({
    block: value,
    kind,
    location:
      branchIndex === undefined ? `${location}/${kind}` : `${location}/Branches[${branchIndex}]`,
    parentState: visit.name,
    ...(branchIndex !== undefined ? { branchIndex } : {}),
    inMap: block.inMap || kind !== 'Branch',
    depth: block.depth + 1,
  });
  if (state.Type === 'Parallel' && Array.isArray(state.Branches)) {
    return state.Branches.map((branch, index) => nested('Branch', branch, index));
  }
  if (state.Type === 'Map') {
    if (Object.hasOwn(state, 'ItemProcessor')) {
      return [nested('ItemProcessor', state.ItemProcessor)];
    }
    if (Object.hasOwn(state, 'Iterator')) return [nested('Iterator', state.Iterator)];
  }
  return [];
}

/**
 * A block nested in `parent`, found by a caller that reads states itself (see
 * {@link StatesVisitor.block}): its `inMap` and `depth` follow from the parent's.
 */
export function nestedBlock(
  parent: StatesBlockVisit,
  nested: { readonly block: unknown; readonly kind: StatesBlockKind; readonly location: string },
): StatesBlockVisit {
  return {
    block: nested.block,
    kind: nested.kind,
    location: nested.location,
    inMap: parent.inMap || nested.kind === 'ItemProcessor' || nested.kind === 'Iterator',
    depth: parent.depth + 1,
  };
}
