import dagre from '@dagrejs/dagre';
import type { AslGraph, GraphEdge, GraphNode } from './asl-graph.js';

/** A laid-out node: its centre and size. */
export interface PlacedNode extends GraphNode {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A laid-out group (Map / Parallel): its centre and size, around its nodes. */
export interface PlacedGroup {
  readonly id: string;
  readonly stateName: string;
  readonly type: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A laid-out edge: the points it passes through, and where its label goes. */
export interface PlacedEdge extends GraphEdge {
  readonly points: readonly { x: number; y: number }[];
  readonly labelX?: number;
  readonly labelY?: number;
}

/** The graph with positions, and its size. */
export interface GraphLayout {
  readonly nodes: readonly PlacedNode[];
  readonly groups: readonly PlacedGroup[];
  readonly edges: readonly PlacedEdge[];
  readonly width: number;
  readonly height: number;
}

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

/**
 * Lays the graph out top to bottom with dagre (compound: Map and Parallel groups hold
 * their states), leaving room for edge labels.
 */
export function layoutGraph(graph: AslGraph): GraphLayout {
  const g = new dagre.graphlib.Graph({ compound: true, multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 36, ranksep: 44, edgesep: 16, marginx: 24, marginy: 24 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const group of graph.groups) g.setNode(group.id, { label: group.stateName });
  for (const group of graph.groups) if (group.parent) g.setParent(group.id, group.parent);
  for (const node of graph.nodes) {
    g.setNode(node.id, { ...nodeSize(node) });
    if (node.parent) g.setParent(node.id, node.parent);
  }
  graph.edges.forEach((edge, i) => {
    g.setEdge(
      edge.from,
      edge.to,
      edge.label
        ? { label: edge.label, width: textWidth(edge.label, 11) + 8, height: 16, labelpos: 'c' }
        : {},
      `e${i}`,
    );
  });
  dagre.layout(g);
  const nodes = graph.nodes.map((node) => {
    const placed = g.node(node.id) as { x: number; y: number; width: number; height: number };
    return { ...node, x: placed.x, y: placed.y, width: placed.width, height: placed.height };
  });
  const groups = graph.groups.map((group) => {
    const placed = g.node(group.id) as { x: number; y: number; width: number; height: number };
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
    const placed = g.edge({ v: edge.from, w: edge.to, name: `e${i}` }) as {
      points: { x: number; y: number }[];
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
