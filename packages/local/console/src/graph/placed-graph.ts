import type { GraphEdge, GraphNode } from './asl-graph.js';
import type { Point } from './bundle-lanes.js';

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
  readonly points: readonly Point[];
  /**
   * For an edge drawn along a lane it shares with others (see bundle-lanes.ts): the index of
   * its point where it joins the lane, for the view to line up the dashes of the lane's edges.
   */
  readonly laneFrom?: number;
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
