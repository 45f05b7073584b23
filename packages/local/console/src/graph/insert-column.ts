import type { GraphLayout } from './placed-graph.js';

/**
 * The layout with an empty column `width` wide made at x = `at`: the boxes (nodes, labels)
 * whose centre lies right of it move right, groups across it widen, and edges follow their
 * ends (their bends right of it move). Boxes that did not overlap still do not: of two boxes
 * side by side, the left one never moves without the right one. Used to make room for a
 * lane beside states that have others right next to them (a Parallel's branches).
 */
export function insertColumn(layout: GraphLayout, at: number, width: number): GraphLayout {
  const moves = new Set(layout.nodes.filter((node) => node.x >= at).map((node) => node.id));
  const move = (x: number) => (x >= at ? x + width : x);
  return {
    ...layout,
    nodes: layout.nodes.map((node) => (moves.has(node.id) ? { ...node, x: node.x + width } : node)),
    groups: layout.groups.map((group) => {
      const left = group.x - group.width / 2;
      const right = group.x + group.width / 2;
      if (left >= at) return { ...group, x: group.x + width };
      if (right > at) return { ...group, x: group.x + width / 2, width: group.width + width };
      return group;
    }),
    edges: layout.edges.map((edge) => {
      const last = edge.points.length - 1;
      const points = edge.points.map((point, i) => {
        // The ends stay on their boxes; the bends between follow the column.
        const end = i === 0 ? edge.from : i === last ? edge.to : undefined;
        const moved = end === undefined ? point.x >= at : moves.has(end);
        return moved ? { x: point.x + width, y: point.y } : point;
      });
      return {
        ...edge,
        points,
        ...(edge.labelX !== undefined ? { labelX: move(edge.labelX) } : {}),
      };
    }),
    width: layout.width + width,
  };
}
