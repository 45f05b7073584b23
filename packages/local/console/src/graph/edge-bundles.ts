import type { AslGraph } from './asl-graph.js';

/**
 * Long edges into a shared state, taken out of the layered layout and drawn along one lane.
 *
 * A layered layout (dagre) draws an edge that spans n ranks through n dummy nodes, then ranks,
 * orders and positions every dummy: 25 Catch edges from states all along a 100-state machine
 * to one `Failed` state are ~2,500 dummies, most of the layout's time, and a drawing as wide
 * as 25 parallel lines. Bundled, the main flow is laid out without them, then each runs from
 * its state into a lane beside the flow that leads to the target (see bundle-lanes.ts): the
 * lane is drawn once, whatever the number of edges.
 */
export interface EdgeBundle {
  /** The node every edge of the bundle goes to. */
  readonly target: string;
  /** The block its edges are in (see `GraphNode.block`); none at the top level. */
  readonly block?: string;
  /** The bundled edges: their indexes in the graph's edges. */
  readonly edges: readonly number[];
}

/** Edges spanning at least this many ranks are long (fewer: a junction saves nothing). */
const LONG_SPAN = 3;

/**
 * A rank per node: the longest path to it from the nodes nothing enters (Start), leaving out
 * the edges that close a cycle (a retry loop drawn upwards). An estimate of the layout's own
 * ranks, good enough to tell long edges and the order of their sources. O(nodes + edges).
 */
export function approximateRanks(graph: AslGraph): Map<string, number> {
  const outgoing = new Map<string, string[]>();
  for (const node of graph.nodes) outgoing.set(node.id, []);
  for (const edge of graph.edges) outgoing.get(edge.from)?.push(edge.to);
  // Depth-first order; an edge to a node still on the path is a back edge.
  const state = new Map<string, 'open' | 'done'>();
  const postorder: string[] = [];
  const back = new Set<string>();
  for (const root of graph.nodes) {
    if (state.has(root.id)) continue;
    const stack: { id: string; next: number }[] = [{ id: root.id, next: 0 }];
    state.set(root.id, 'open');
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { id: string; next: number };
      const targets = outgoing.get(top.id) ?? [];
      if (top.next < targets.length) {
        const to = targets[top.next++] as string;
        const seen = state.get(to);
        if (seen === 'open') back.add(`${top.id}\u0000${to}`);
        else if (seen === undefined && outgoing.has(to)) {
          state.set(to, 'open');
          stack.push({ id: to, next: 0 });
        }
        continue;
      }
      state.set(top.id, 'done');
      postorder.push(top.id);
      stack.pop();
    }
  }
  const rank = new Map<string, number>();
  for (let i = postorder.length - 1; i >= 0; i -= 1) {
    const id = postorder[i] as string;
    const own = rank.get(id) ?? 0;
    rank.set(id, own);
    for (const to of outgoing.get(id) ?? []) {
      if (back.has(`${id}\u0000${to}`)) continue;
      rank.set(to, Math.max(rank.get(to) ?? 0, own + 1));
    }
  }
  return rank;
}

/**
 * The bundles of a graph: for each state that two or more long forward edges of its block go
 * to (typically the handler many Catch clauses share), those edges; the innermost first (an
 * outer lane keeps clear of the inner ones). Edges that are short, go upwards, or are alone
 * into their target are left to the layout.
 */
export function bundleLongEdges(graph: AslGraph): EdgeBundle[] {
  const rank = approximateRanks(graph);
  const nodes = new Map(graph.nodes.map((node) => [node.id, node]));
  const groups = new Map(graph.groups.map((group) => [group.id, group]));
  /** The group a node's state is in: a Map / Parallel's own node and end sit in its group. */
  const blockOf = (id: string): string | undefined => {
    const node = nodes.get(id);
    const ownsGroup = node?.type === 'Map' || node?.type === 'Parallel';
    return ownsGroup && node?.parent ? groups.get(node.parent)?.parent : node?.parent;
  };
  const depth = (group: string | undefined): number =>
    group === undefined ? 0 : 1 + depth(groups.get(group)?.parent);
  const longInto = new Map<string, number[]>();
  graph.edges.forEach((edge, index) => {
    const from = rank.get(edge.from);
    const to = rank.get(edge.to);
    if (from === undefined || to === undefined || to - from < LONG_SPAN) return;
    if (!nodes.has(edge.from) || !nodes.has(edge.to)) return;
    const block = blockOf(edge.to);
    if (blockOf(edge.from) !== block) return;
    const list = longInto.get(edge.to) ?? [];
    list.push(index);
    longInto.set(edge.to, list);
  });
  return [...longInto]
    .filter(([, edges]) => edges.length >= 2)
    .map(([target, edges]) => {
      const block = nodes.get(target)?.block;
      return { target, ...(block ? { block } : {}), edges, depth: depth(blockOf(target)) };
    })
    .sort((a, b) => b.depth - a.depth)
    .map(({ depth: _, ...bundle }) => bundle);
}
