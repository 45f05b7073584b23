/**
 * Draws bundled edges (see edge-bundles.ts) once the main flow is laid out: each bundle gets a
 * vertical lane, at the top level right of everything beside its states, in a Map / Parallel
 * group in a column made for it right of its states (see insert-column.ts); each edge leaves
 * its state sideways (or from below, when something sits to its right), runs into the lane,
 * along it, and into the target from the side (or from above). Every edge is drawn whole,
 * from its state's box to its target's box; the edges of a bundle share its lane. A bundle
 * that cannot be drawn without crossing a box or a label is reported blocked: the caller
 * lays its edges out with the rest instead.
 */

/** A point of a drawn edge. */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/** A laid-out box, by its centre and size (as dagre places it). */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** What the lanes must keep clear of: the main flow as laid out. */
export interface Scene {
  /** Every node's box, by node id. */
  readonly nodes: ReadonlyMap<string, Box>;
  /** The block (see `GraphNode.block`) of every nested node. */
  readonly blocks: ReadonlyMap<string, string>;
  /** Every group's box, the ids of the nodes it holds (at any depth), its state's block. */
  readonly groups: readonly {
    readonly box: Box;
    readonly holds: ReadonlySet<string>;
    readonly block?: string;
  }[];
  /**
   * The edges drawn by the layout: their points, their label's box when labelled, and their
   * block when both their ends are in the same nested block.
   */
  readonly edges: readonly {
    readonly points: readonly Point[];
    readonly label?: Box;
    readonly block?: string;
  }[];
}

/** One edge of a bundle to draw. */
export interface LaneEdge {
  /** Its index in the graph's edges. */
  readonly index: number;
  readonly from: string;
  /** Its label's width, when it has one (drawn on its stub, next to the lane). */
  readonly labelWidth?: number;
}

/** A bundle to draw: its target and edges. */
export interface LaneBundle {
  readonly target: string;
  /**
   * The block its edges are in, when nested: its lane is drawn in a column right of the
   * block's states; at the top level, right of everything.
   */
  readonly block?: string;
  /** For a lane in a block: where it runs, in the column made for it (see `Lanes.column`). */
  readonly laneX?: number;
  readonly edges: readonly LaneEdge[];
}

/** An edge drawn along a lane. */
export interface LaneRoute {
  readonly points: readonly Point[];
  /** The index of the point where the edge joins its lane. */
  readonly laneFrom: number;
  readonly labelX?: number;
  readonly labelY?: number;
}

/**
 * The lanes drawn: a route per edge index, the bundles that could not be drawn, the right end;
 * or, for a lane in a group that has no room for it yet, the column to make first.
 */
export interface Lanes {
  readonly routes: ReadonlyMap<number, LaneRoute>;
  readonly blocked: readonly LaneBundle[];
  /** The right edge of the rightmost lane or label (0 without lanes). */
  readonly right: number;
  /**
   * A column to insert (everything right of `at` moved `width` to the right, groups across
   * it widened), then to draw again with the `target` bundle's lane at `laneX`.
   */
  readonly column?: {
    readonly target: string;
    readonly at: number;
    readonly width: number;
    readonly laneX: number;
  };
}

interface Rect {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

/** Room between the flow and a lane, and between a label and its lane. */
const GAP = 16;
const LABEL_PAD = 8;
const LABEL_HEIGHT = 16;
/**
 * How far below (above) a box an edge may turn when it leaves (enters) it vertically: the
 * next distances keep it off another lane's run at the first, or a label's height from it
 * (three Catch clauses of one state to one handler: three runs, three labels).
 */
const DROPS = [10, 17, 27];
const DROP = DROPS[DROPS.length - 1] as number;

const rectOf = (box: Box): Rect => ({
  left: box.x - box.width / 2,
  right: box.x + box.width / 2,
  top: box.y - box.height / 2,
  bottom: box.y + box.height / 2,
});

/** Whether two rectangles overlap (touching is not overlapping). */
const overlaps = (a: Rect, b: Rect) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** The rectangle around a horizontal or vertical segment, `half` wide on each side. */
const around = (a: Point, b: Point, half: number): Rect => ({
  left: Math.min(a.x, b.x) - half,
  right: Math.max(a.x, b.x) + half,
  top: Math.min(a.y, b.y) - half,
  bottom: Math.max(a.y, b.y) + half,
});

/** Something a lane drew, and the block of its bundle. */
interface Drawn {
  readonly rect: Rect;
  readonly block: string | undefined;
}

/** A piece of a path, as the rectangle around it. */
interface Segment {
  readonly rect: Rect;
  readonly horizontal: boolean;
}

/** One way out of a source (or into a target): the points by the box and the lane's row. */
interface Port {
  /** From the box's edge to the row (in the order drawn from a source). */
  readonly points: readonly Point[];
  /** The y of the horizontal run between the port and the lane. */
  readonly row: number;
}

/** Leaving a box: from its right side, or from below its right half. */
function exits(box: Rect): Port[] {
  const middle = (box.top + box.bottom) / 2;
  const quarter = box.right - (box.right - box.left) / 4;
  return [
    { points: [{ x: box.right, y: middle }], row: middle },
    ...DROPS.map((drop) => ({
      points: [
        { x: quarter, y: box.bottom },
        { x: quarter, y: box.bottom + drop },
      ],
      row: box.bottom + drop,
    })),
  ];
}

/** Entering a box: into its right side, or from above its right half (points in drawing order). */
function entries(box: Rect): Port[] {
  const middle = (box.top + box.bottom) / 2;
  const quarter = box.right - (box.right - box.left) / 4;
  return [
    { points: [{ x: box.right, y: middle }], row: middle },
    ...DROPS.map((drop) => ({
      points: [
        { x: quarter, y: box.top - drop },
        { x: quarter, y: box.top },
      ],
      row: box.top - drop,
    })),
  ];
}

/**
 * Draws the bundles' lanes beside the laid-out scene, left to right in the order given (a
 * later lane stays clear of the earlier ones and their labels).
 */
export function routeLanes(bundles: readonly LaneBundle[], scene: Scene): Lanes {
  const routes = new Map<number, LaneRoute>();
  const blocked: LaneBundle[] = [];
  const nodeRects = new Map([...scene.nodes].map(([id, box]) => [id, rectOf(box)]));
  const groupRects = scene.groups.map((group) => ({
    rect: rectOf(group.box),
    holds: group.holds,
    block: group.block,
  }));

  const labelRects = scene.edges.flatMap((edge) =>
    edge.label ? [{ rect: rectOf(edge.label), block: edge.block }] : [],
  );
  /** Lanes already drawn: later lanes keep right of them (runs may cross them). */
  const lanes: Drawn[] = [];
  /** Labels already drawn: later paths keep off them. */
  const labelsDrawn: Drawn[] = [];
  /** Horizontal runs already drawn: later runs may cross them, not run along them. */
  const runs: Drawn[] = [];
  let right = 0;

  /**
   * The rightmost x the scene reaches between `top` and `bottom`: of everything, or of what
   * belongs to `block` (its states, their groups, the edges between them, its lanes).
   */
  const rightmost = (top: number, bottom: number, block?: string): number => {
    const band = { left: -Infinity, right: Infinity, top, bottom };
    const mine = (of: string | undefined) => block === undefined || of === block;
    let x = -Infinity;
    for (const [id, rect] of nodeRects)
      if (mine(scene.blocks.get(id)) && overlaps(rect, band)) x = Math.max(x, rect.right);
    for (const item of [...groupRects, ...labelRects, ...lanes, ...labelsDrawn, ...runs])
      if (mine(item.block) && overlaps(item.rect, band)) x = Math.max(x, item.rect.right);
    for (const edge of scene.edges) {
      if (!mine(edge.block)) continue;
      for (let i = 1; i < edge.points.length; i += 1) {
        const a = edge.points[i - 1] as Point;
        const b = edge.points[i] as Point;
        if (Math.max(a.y, b.y) >= top && Math.min(a.y, b.y) <= bottom) x = Math.max(x, a.x, b.x);
      }
    }
    return x;
  };

  /** Whether a path by `node` (its ports and run) crosses a box or a label. */
  const blockedPath = (node: string, segments: readonly Segment[]): boolean => {
    for (const [id, rect] of nodeRects)
      if (id !== node && segments.some((s) => overlaps(rect, s.rect))) return true;
    for (const group of groupRects)
      if (!group.holds.has(node) && segments.some((s) => overlaps(group.rect, s.rect))) return true;
    for (const { rect } of [...labelRects, ...labelsDrawn])
      if (segments.some((s) => overlaps(rect, s.rect))) return true;
    for (const { rect } of runs)
      if (segments.some((s) => s.horizontal && overlaps(rect, s.rect))) return true;
    return false;
  };

  /** The segments of a port and its run to (or from) the lane. */
  const segmentsOf = (port: Port, laneX: number, into: boolean): Segment[] => {
    const lane = { x: laneX, y: port.row };
    const points = into ? [lane, ...port.points] : [...port.points, lane];
    const segments: Segment[] = [];
    for (let i = 1; i < points.length; i += 1) {
      const a = points[i - 1] as Point;
      const b = points[i] as Point;
      segments.push({ rect: around(a, b, 1), horizontal: a.y === b.y });
    }
    return segments;
  };

  for (const bundle of bundles) {
    const target = nodeRects.get(bundle.target);
    const sources = bundle.edges.map((edge) => nodeRects.get(edge.from));
    if (!target || sources.some((source) => source === undefined)) {
      blocked.push(bundle);
      continue;
    }
    const all = [target, ...(sources as Rect[])];
    const top = Math.min(...all.map((r) => r.top)) - DROP - LABEL_HEIGHT;
    const bottom = Math.max(...all.map((r) => r.bottom)) + DROP + LABEL_HEIGHT;
    const labelRoom = Math.max(0, ...bundle.edges.map((edge) => edge.labelWidth ?? 0));
    const room = GAP + (labelRoom > 0 ? labelRoom + 2 * LABEL_PAD : 0);
    if (bundle.block !== undefined && bundle.laneX === undefined) {
      // In a Map or Parallel, beside other states (a Parallel's next branch): a column of its
      // own, right of what its block draws between its first and last rows.
      const edge = rightmost(top, bottom, bundle.block);
      return {
        routes,
        blocked,
        right,
        column: { target: bundle.target, at: edge + 1, width: room + GAP, laneX: edge + room },
      };
    }
    const laneX = bundle.laneX ?? rightmost(top, bottom) + room;

    const mine: Rect[] = [];
    const chosen = new Map<number, { exit: Port; label?: Rect }>();
    let entry: Port | undefined;
    for (const port of entries(target))
      if (!blockedPath(bundle.target, segmentsOf(port, laneX, true))) {
        entry = port;
        break;
      }
    for (const [n, edge] of bundle.edges.entries()) {
      const source = sources[n] as Rect;
      for (const exit of exits(source)) {
        const label =
          edge.labelWidth === undefined
            ? undefined
            : {
                left: laneX - LABEL_PAD - edge.labelWidth,
                right: laneX - LABEL_PAD,
                top: exit.row - LABEL_HEIGHT / 2,
                bottom: exit.row + LABEL_HEIGHT / 2,
              };
        // Labels of this bundle must not cover each other either.
        if (label && mine.some((rect) => overlaps(rect, label))) continue;
        if (blockedPath(edge.from, segmentsOf(exit, laneX, false))) continue;
        chosen.set(edge.index, { exit, ...(label ? { label } : {}) });
        if (label) mine.push(label);
        break;
      }
    }
    if (!entry || chosen.size < bundle.edges.length) {
      blocked.push(bundle);
      continue;
    }
    const rows = [entry.row, ...[...chosen.values()].map((c) => c.exit.row)];
    // Its lane clear of boxes and labels (in a column made for it, something across the
    // column may still stand in its way).
    const lane = { x: laneX, y: Math.min(...rows) };
    const laneEnd = { x: laneX, y: Math.max(...rows) };
    if (blockedPath(bundle.target, [{ rect: around(lane, laneEnd, 1), horizontal: false }])) {
      blocked.push(bundle);
      continue;
    }
    for (const edge of bundle.edges) {
      const { exit, label } = chosen.get(edge.index) as { exit: Port; label?: Rect };
      routes.set(edge.index, {
        points: [
          ...exit.points,
          { x: laneX, y: exit.row },
          { x: laneX, y: entry.row },
          ...entry.points,
        ],
        laneFrom: exit.points.length,
        ...(label ? { labelX: (label.left + label.right) / 2, labelY: exit.row } : {}),
      });
    }
    const block = bundle.block;
    lanes.push({
      rect: {
        left: laneX - 1,
        right: laneX + 1,
        top: Math.min(...rows),
        bottom: Math.max(...rows),
      },
      block,
    });
    labelsDrawn.push(...mine.map((rect) => ({ rect, block })));
    runs.push(
      ...[...chosen.values()].map(({ exit }) => ({
        rect: around(exit.points[exit.points.length - 1] as Point, { x: laneX, y: exit.row }, 1),
        block,
      })),
      { rect: around(entry.points[0] as Point, { x: laneX, y: entry.row }, 1), block },
    );
    right = Math.max(right, laneX);
  }
  return { routes, blocked, right };
}

/**
 * The dash offset that lines up the dashes of edges sharing a lane: each reaches the lane
 * (at `points[laneFrom]`) after a path of its own length, so each shifts its dashes to be in
 * step with the lane's y there (dashed edges drawn over each other otherwise look like one
 * solid line).
 */
export function laneDashOffset(points: readonly Point[], laneFrom: number): number {
  const join = points[laneFrom];
  const next = points[laneFrom + 1];
  if (!join || !next) return 0;
  let before = 0;
  for (let i = 1; i <= laneFrom; i += 1) {
    const a = points[i - 1] as Point;
    const b = points[i] as Point;
    before += Math.hypot(b.x - a.x, b.y - a.y);
  }
  return next.y >= join.y ? join.y - before : -join.y - before;
}
