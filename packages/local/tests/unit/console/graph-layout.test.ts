import { describe, expect, it } from 'vitest';
import { type AslGraph, aslGraph } from '../../../console/src/graph/asl-graph.js';
import {
  type Box,
  laneDashOffset,
  type Point,
  routeLanes,
} from '../../../console/src/graph/bundle-lanes.js';
import { approximateRanks, bundleLongEdges } from '../../../console/src/graph/edge-bundles.js';
import {
  type GraphLayout,
  layoutGraph,
  type PlacedNode,
  textWidth,
} from '../../../console/src/graph/graph-layout.js';
import { insertColumn } from '../../../console/src/graph/insert-column.js';
import { GRAPH_SHAPES, hundredStates } from '../../support/asl-graph-shapes.js';

interface Rect {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

const rectOf = (box: Box, shrink = 0): Rect => ({
  left: box.x - box.width / 2 + shrink,
  right: box.x + box.width / 2 - shrink,
  top: box.y - box.height / 2 + shrink,
  bottom: box.y + box.height / 2 - shrink,
});

const overlap = (a: Rect, b: Rect) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** Whether a point lies on a box's outline (within `tolerance` px). */
function onOutline(point: Point, box: Box, tolerance = 1.5): boolean {
  const r = rectOf(box);
  const withinX = point.x >= r.left - tolerance && point.x <= r.right + tolerance;
  const withinY = point.y >= r.top - tolerance && point.y <= r.bottom + tolerance;
  const onSide =
    Math.abs(point.x - r.left) <= tolerance || Math.abs(point.x - r.right) <= tolerance;
  const onTopOrBottom =
    Math.abs(point.y - r.top) <= tolerance || Math.abs(point.y - r.bottom) <= tolerance;
  return (onSide && withinY) || (onTopOrBottom && withinX);
}

/** Whether the segment a–b passes through the inside of `r` (Liang–Barsky clipping). */
function crosses(a: Point, b: Point, r: Rect): boolean {
  let t0 = 0;
  let t1 = 1;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  for (const [p, q] of [
    [-dx, a.x - r.left],
    [dx, r.right - a.x],
    [-dy, a.y - r.top],
    [dy, r.bottom - a.y],
  ] as const) {
    if (p === 0) {
      if (q <= 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 >= t1) return false;
  }
  return true;
}

const shapes = Object.entries(GRAPH_SHAPES).map(([name, make]) => {
  const graph = aslGraph(make());
  return [name, graph, layoutGraph(graph)] as const;
});

describe.each(shapes)('layoutGraph: %s', (_name, graph: AslGraph, layout: GraphLayout) => {
  const nodeById = new Map<string, PlacedNode>(layout.nodes.map((node) => [node.id, node]));

  it('draws its long Catch edges into a shared handler along lanes (none left to dagre)', () => {
    const bundled = bundleLongEdges(graph).flatMap((bundle) => bundle.edges);
    for (const index of bundled) expect(layout.edges[index]?.laneFrom, String(index)).toBeDefined();
  });

  it('draws every edge from its source box to its target box', () => {
    for (const edge of layout.edges) {
      const from = nodeById.get(edge.from) as PlacedNode;
      const to = nodeById.get(edge.to) as PlacedNode;
      expect(edge.points.length, `${edge.from} → ${edge.to}`).toBeGreaterThanOrEqual(2);
      expect(onOutline(edge.points[0] as Point, from), `${edge.from} → ${edge.to} starts`).toBe(
        true,
      );
      expect(onOutline(edge.points.at(-1) as Point, to), `${edge.from} → ${edge.to} ends`).toBe(
        true,
      );
    }
  });

  it('overlaps no two nodes, and keeps each node in its group', () => {
    for (const [i, a] of layout.nodes.entries())
      for (const b of layout.nodes.slice(i + 1))
        expect(overlap(rectOf(a), rectOf(b)), `${a.id} and ${b.id}`).toBe(false);
    const groups = new Map(layout.groups.map((group) => [group.id, rectOf(group)]));
    for (const node of layout.nodes) {
      if (!node.parent) continue;
      const group = groups.get(node.parent) as Rect;
      const box = rectOf(node);
      expect(box.left >= group.left && box.right <= group.right, node.id).toBe(true);
      expect(box.top >= group.top && box.bottom <= group.bottom, node.id).toBe(true);
    }
  });

  it('runs no Catch edge through a node other than its ends, and covers no node with a label', () => {
    for (const edge of layout.edges) {
      if (edge.kind !== 'catch') continue;
      for (const node of layout.nodes) {
        if (node.id === edge.from || node.id === edge.to) continue;
        const inside = rectOf(node, 1);
        for (let i = 1; i < edge.points.length; i += 1)
          expect(
            crosses(edge.points[i - 1] as Point, edge.points[i] as Point, inside),
            `${edge.from} → ${edge.to} through ${node.id}`,
          ).toBe(false);
      }
    }
    for (const edge of layout.edges) {
      if (!edge.label || edge.labelX === undefined || edge.labelY === undefined) continue;
      const label = rectOf(
        { x: edge.labelX, y: edge.labelY, width: textWidth(edge.label, 11) + 8, height: 16 },
        1,
      );
      for (const node of layout.nodes)
        expect(overlap(label, rectOf(node)), `${edge.label} on ${node.id}`).toBe(false);
    }
  });

  it('fits everything in its width and height', () => {
    const points = [
      ...layout.edges.flatMap((edge) => edge.points),
      ...layout.nodes.flatMap((node) => {
        const r = rectOf(node);
        return [
          { x: r.left, y: r.top },
          { x: r.right, y: r.bottom },
        ];
      }),
    ];
    for (const point of points) {
      expect(point.x).toBeGreaterThanOrEqual(0);
      expect(point.x).toBeLessThanOrEqual(layout.width);
      expect(point.y).toBeGreaterThanOrEqual(0);
      expect(point.y).toBeLessThanOrEqual(layout.height);
    }
  });
});

describe('long Catch edges into one handler', () => {
  const graph = aslGraph(hundredStates());
  const layout = layoutGraph(graph);

  it('are bundled: the 23 that span the machine, not the short ones at its end', () => {
    const bundles = bundleLongEdges(graph);
    expect(bundles.map((bundle) => bundle.target)).toEqual(['s:Failed']);
    expect(bundles[0]?.edges.every((i) => graph.edges[i]?.kind === 'catch')).toBe(true);
    expect(bundles[0]?.edges.length).toBeGreaterThan(20);
  });

  it('are drawn along one lane right of the flow, square, into the same point of the handler', () => {
    const bundled = new Set(bundleLongEdges(graph)[0]?.edges);
    const lanes = layout.edges.filter((_, i) => bundled.has(i));
    const flowRight = Math.max(...layout.nodes.map((node) => rectOf(node).right));
    const laneXs = new Set<number>();
    for (const edge of lanes) {
      for (let i = 1; i < edge.points.length; i += 1) {
        const a = edge.points[i - 1] as Point;
        const b = edge.points[i] as Point;
        expect(a.x === b.x || a.y === b.y).toBe(true);
        if (a.x === b.x && Math.abs(a.y - b.y) > 20) laneXs.add(a.x);
      }
      expect(edge.points.at(-1)).toEqual(lanes[0]?.points.at(-1));
      // Its label on its own run, between the flow and the lane.
      expect(edge.labelX).toBeGreaterThan(flowRight);
    }
    expect([...laneXs]).toHaveLength(1);
    expect([...laneXs][0]).toBeGreaterThan(flowRight);
  });

  it('are dashed in step along the lane (else the dashes of overlapping edges fill each other)', () => {
    const bundled = new Set(bundleLongEdges(graph)[0]?.edges);
    const lanes = layout.edges.filter((_, i) => bundled.has(i));
    const y = Math.max(...lanes.map((edge) => (edge.points[edge.laneFrom ?? 0] as Point).y)) + 5;
    // Where each edge's dash pattern is at that y of the lane: the same for all.
    const phases = lanes.map((edge) => {
      const from = edge.laneFrom as number;
      let length = 0;
      for (let i = 1; i <= from; i += 1) {
        const a = edge.points[i - 1] as Point;
        const b = edge.points[i] as Point;
        length += Math.hypot(b.x - a.x, b.y - a.y);
      }
      length += y - (edge.points[from] as Point).y;
      return (((length + laneDashOffset(edge.points, from)) % 10) + 10) % 10;
    });
    expect(new Set(phases.map((phase) => phase.toFixed(3))).size).toBe(1);
    expect(lanes.length).toBeGreaterThan(20);
  });
});

describe('approximateRanks', () => {
  it('ranks by the longest path from Start, leaving out the edge back up a loop', () => {
    const ranks = approximateRanks(
      aslGraph({
        StartAt: 'Poll',
        States: {
          Poll: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Next: 'Ready?' },
          'Ready?': {
            Type: 'Choice',
            Choices: [{ Variable: '$.ready', BooleanEquals: true, Next: 'Done' }],
            Default: 'Wait',
          },
          Wait: { Type: 'Wait', Seconds: 1, Next: 'Poll' },
          Done: { Type: 'Succeed' },
        },
      }),
    );
    expect(Object.fromEntries(ranks)).toMatchObject({
      start: 0,
      's:Poll': 1,
      's:Ready?': 2,
      's:Wait': 3,
      's:Done': 3,
      end: 4,
    });
  });
});

describe('routeLanes', () => {
  const box = (x: number, y: number, width = 100, height = 40): Box => ({ x, y, width, height });

  it('reports a bundle blocked when no way out of a state is clear', () => {
    // A box right of the source and one below its right half: neither exit is clear.
    const scene = {
      nodes: new Map([
        ['source', box(0, 0)],
        ['beside', box(150, 0)],
        ['below', box(60, 45, 60, 30)],
        ['other', box(0, 300)],
        ['target', box(0, 600)],
      ]),
      blocks: new Map<string, string>(),
      groups: [],
      edges: [],
    };
    const bundle = {
      target: 'target',
      edges: [
        { index: 0, from: 'source' },
        { index: 1, from: 'other' },
      ],
    };
    const lanes = routeLanes([bundle], scene);
    expect(lanes.blocked).toEqual([bundle]);
    expect(lanes.routes.size).toBe(0);
    // Without the box below, it leaves from below its right half.
    scene.nodes.delete('below');
    const routed = routeLanes([bundle], scene);
    expect(routed.blocked).toEqual([]);
    expect(routed.routes.get(0)?.points[0]).toEqual({ x: 25, y: 20 });
  });
});

describe('insertColumn', () => {
  const node = (id: string, x: number, y: number, parent?: string): PlacedNode => ({
    id,
    kind: 'state',
    label: id,
    x,
    y,
    width: 100,
    height: 40,
    ...(parent ? { parent } : {}),
  });
  const layout: GraphLayout = {
    nodes: [node('left', 50, 20, 'g'), node('across', 190, 100, 'g'), node('right', 300, 20, 'g')],
    groups: [{ id: 'g', stateName: 'P', type: 'Parallel', x: 175, y: 60, width: 350, height: 120 }],
    edges: [
      {
        from: 'left',
        to: 'across',
        kind: 'next',
        points: [
          { x: 60, y: 40 },
          { x: 220, y: 60 },
          { x: 170, y: 80 },
        ],
      },
    ],
    width: 400,
    height: 140,
  };

  it('moves what lies right of the column, widens the groups across it, keeps edges on their boxes', () => {
    const wider = insertColumn(layout, 180, 50);
    expect(wider.nodes.map((n) => n.x)).toEqual([50, 240, 350]);
    expect(wider.groups[0]).toMatchObject({ x: 200, width: 400 });
    // The end on "across" (centre right of the column) moves with it; the bend right of it too.
    expect(wider.edges[0]?.points).toEqual([
      { x: 60, y: 40 },
      { x: 270, y: 60 },
      { x: 220, y: 80 },
    ]);
    expect(wider.width).toBe(450);
  });
});
