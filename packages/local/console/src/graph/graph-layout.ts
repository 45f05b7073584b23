import dagre from '@dagrejs/dagre';
import { type AslGraph, type GraphEdge, type GraphNode, stateNodeId } from './asl-graph.js';
import { type Lanes, type Point, routeLanes, type Scene } from './bundle-lanes.js';
import { bundleLongEdges } from './edge-bundles.js';
import { insertColumn } from './insert-column.js';
import type { GraphLayout } from './placed-graph.js';

export type { GraphLayout, PlacedEdge, PlacedGroup, PlacedNode } from './placed-graph.js';

/** Width of a text at the graph's font size (a monospace-ish estimate, no DOM needed). */
export const textWidth = (text: string, size = 13): number => Math.ceil(text.length * size * 0.6);

function nodeSize(node: GraphNode): { width: number; height: number } {
  switch (node.kind) {
    case 'start':
    case 'end':
      return { width: 64, height: 28 };
    case 'group-end':
      return { width: 92, height: 22 };
    default: {
      const sub = `${node.type ?? ''}${node.resource ? `: ${node.resource}` : ''}`;
      const width = Math.max(150, textWidth(node.label, 13) + 28, textWidth(sub, 11) + 28);
      return { width: Math.min(width, 360), height: node.waitsForToken ? 62 : 48 };
    }
  }
}

type PlacedBox = { x: number; y: number; width: number; height: number };

/**
 * Lays the graph out top to bottom with dagre (compound: Map and Parallel groups hold
 * their states), leaving room for edge labels. Long edges into a shared state (many Catch
 * clauses to one handler, see edge-bundles.ts) are left out of dagre's layout and drawn
 * along one lane beside it (bundle-lanes.ts); when a lane cannot be drawn clear of the flow,
 * its edges are laid out by dagre like the others.
 */
export function layoutGraph(graph: AslGraph): GraphLayout {
  let bundles = bundleLongEdges(graph);
  // Each round lays the flow out again: after two with a blocked lane, no lanes at all.
  for (let round = 1; ; round += 1) {
    const bundled = new Set(bundles.flatMap((bundle) => bundle.edges));
    let flow = layoutFlow(graph, bundled);
    if (bundles.length === 0) return flow;
    // Where the lanes in groups run, in the columns made for them.
    const reserved = new Map<string, number>();
    let lanes: Lanes;
    for (;;) {
      lanes = routeLanes(
        bundles.map((bundle) => {
          const laneX = reserved.get(bundle.target);
          return {
            target: bundle.target,
            ...(bundle.block ? { block: bundle.block } : {}),
            ...(laneX !== undefined ? { laneX } : {}),
            edges: bundle.edges.map((index) => {
              const edge = graph.edges[index] as GraphEdge;
              return {
                index,
                from: edge.from,
                ...(edge.label ? { labelWidth: labelWidth(edge.label) } : {}),
              };
            }),
          };
        }),
        sceneOf(graph, flow, bundled),
      );
      if (!lanes.column) break;
      const { at, width, target, laneX } = lanes.column;
      flow = insertColumn(flow, at, width);
      for (const [other, x] of reserved) if (x >= at) reserved.set(other, x + width);
      reserved.set(target, laneX);
    }
    if (lanes.blocked.length > 0) {
      const blocked = new Set(lanes.blocked.map((bundle) => bundle.target));
      bundles = round >= 2 ? [] : bundles.filter((bundle) => !blocked.has(bundle.target));
      continue;
    }
    const { routes } = lanes;
    const edges = flow.edges.map((edge, index) => {
      const route = routes.get(index);
      return route ? { ...edge, ...route } : edge;
    });
    return { ...flow, edges, width: Math.max(flow.width, lanes.right + MARGIN) };
  }
}

const MARGIN = 24;
const labelWidth = (label: string) => textWidth(label, 11) + 8;

/** What the lanes must keep clear of: the nodes, groups and drawn edges of the flow. */
function sceneOf(graph: AslGraph, flow: GraphLayout, bundled: ReadonlySet<number>): Scene {
  const parentOf = new Map<string, string | undefined>();
  for (const group of graph.groups) parentOf.set(group.id, group.parent);
  for (const node of graph.nodes) parentOf.set(node.id, node.parent);
  const holds = new Map<string, Set<string>>(graph.groups.map((group) => [group.id, new Set()]));
  for (const node of graph.nodes)
    for (let group = node.parent; group !== undefined; group = parentOf.get(group))
      holds.get(group)?.add(node.id);
  const blocks = new Map<string, string>();
  for (const node of graph.nodes) if (node.block) blocks.set(node.id, node.block);
  return {
    nodes: new Map(flow.nodes.map((node) => [node.id, node])),
    blocks,
    groups: flow.groups.map((group) => {
      const block = blocks.get(stateNodeId(group.stateName));
      return { box: group, holds: holds.get(group.id) ?? new Set(), ...(block ? { block } : {}) };
    }),
    edges: flow.edges.flatMap((edge, index) => {
      if (bundled.has(index)) return [];
      const block = blocks.get(edge.from);
      return [
        {
          points: edge.points,
          ...(block && blocks.get(edge.to) === block ? { block } : {}),
          ...(edge.label && edge.labelX !== undefined && edge.labelY !== undefined
            ? {
                label: {
                  x: edge.labelX,
                  y: edge.labelY,
                  width: labelWidth(edge.label),
                  height: 16,
                },
              }
            : {}),
        },
      ];
    }),
  };
}

/** dagre's layout of the graph, the `left out` edges unplaced (no points). */
function layoutFlow(graph: AslGraph, leftOut: ReadonlySet<number>): GraphLayout {
  const g = new dagre.graphlib.Graph({ compound: true, multigraph: true });
  g.setGraph({
    rankdir: 'TB',
    nodesep: 36,
    ranksep: 44,
    edgesep: 16,
    marginx: MARGIN,
    marginy: MARGIN,
  });
  g.setDefaultEdgeLabel(() => ({}));
  for (const group of graph.groups) g.setNode(group.id, { label: group.stateName });
  for (const group of graph.groups) if (group.parent) g.setParent(group.id, group.parent);
  for (const node of graph.nodes) {
    g.setNode(node.id, { ...nodeSize(node) });
    if (node.parent) g.setParent(node.id, node.parent);
  }
  graph.edges.forEach((edge, i) => {
    if (leftOut.has(i)) return;
    g.setEdge(
      edge.from,
      edge.to,
      edge.label
        ? { label: edge.label, width: labelWidth(edge.label), height: 16, labelpos: 'c' }
        : {},
      `e${i}`,
    );
  });
  dagre.layout(g);
  const nodes = graph.nodes.map((node) => {
    const placed = g.node(node.id) as PlacedBox;
    return { ...node, x: placed.x, y: placed.y, width: placed.width, height: placed.height };
  });
  const groups = graph.groups.map((group) => {
    const placed = g.node(group.id) as PlacedBox;
    return {
      id: group.id,
      stateName: group.stateName,
      type: group.type,
      x: placed.x,
      y: placed.y,
      width: placed.width,
      height: placed.height,
    };
  });
  const edges = graph.edges.map((edge, i) => {
    if (leftOut.has(i)) return { ...edge, points: [] };
    const placed = g.edge({ v: edge.from, w: edge.to, name: `e${i}` }) as {
      points?: Point[];
      x?: number;
      y?: number;
    };
    return {
      ...edge,
      points: placed.points ?? [],
      ...(placed.x !== undefined && placed.y !== undefined
        ? { labelX: placed.x, labelY: placed.y }
        : {}),
    };
  });
  const size = g.graph() as { width?: number; height?: number };
  return { nodes, groups, edges, width: size.width ?? 0, height: size.height ?? 0 };
}
