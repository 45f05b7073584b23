import { h, s } from '../dom.js';
import type { StateStatus } from '../history/state-runs.js';
import { laneDashOffset } from './bundle-lanes.js';
import type { GraphLayout, PlacedEdge, PlacedNode } from './graph-layout.js';

/** What a drawn graph can be asked to do. */
export interface GraphView {
  /** The element to put on the page (toolbar and drawing). */
  readonly element: HTMLElement;
  /**
   * Colours each state by its status (states absent: not run), and marks with `×N` a state
   * entered more than once (`entries`, when given).
   */
  setStatuses(
    status: (stateName: string) => StateStatus | undefined,
    entries?: (stateName: string) => number | undefined,
  ): void;
  /** Marks the selected state. */
  select(stateName: string | undefined): void;
  /** Marks the states a diagnostic points at (the definition editor's). */
  markProblems(stateNames: ReadonlySet<string>): void;
  /** Scales and centres the whole graph in the view. */
  fit(): void;
}

const STATUS_LABEL: Readonly<Record<StateStatus, string>> = {
  'in-progress': 'In progress',
  succeeded: 'Succeeded',
  failed: 'Failed',
  caught: 'Caught error',
  cancelled: 'Cancelled',
  'not-run': 'Not run',
};

/** The legend's entries, in order. */
export const STATUSES = Object.keys(STATUS_LABEL) as StateStatus[];

function pathOf(edge: PlacedEdge): string {
  const [first, ...rest] = edge.points;
  if (!first) return '';
  return `M${first.x},${first.y}${rest.map((p) => `L${p.x},${p.y}`).join('')}`;
}

function drawNode(node: PlacedNode): SVGGElement {
  const left = node.x - node.width / 2;
  const top = node.y - node.height / 2;
  const classes = ['node', `node-${node.kind}`];
  if (node.type) classes.push(`type-${node.type.toLowerCase()}`);
  if (node.waitsForToken) classes.push('waits-for-token');
  const g = s('g', {
    class: classes.join(' '),
    transform: `translate(${left},${top})`,
    ...(node.stateName ? { 'data-state': node.stateName } : {}),
    'data-node': node.id,
  });
  if (node.kind === 'start' || node.kind === 'end') {
    g.append(
      s('rect', { width: node.width, height: node.height, rx: node.height / 2 }),
      s('text', { x: node.width / 2, y: node.height / 2 + 4, 'text-anchor': 'middle' }, node.label),
    );
    return g;
  }
  if (node.kind === 'group-end') {
    g.append(
      s('rect', { width: node.width, height: node.height, rx: node.height / 2 }),
      s(
        'text',
        { x: node.width / 2, y: node.height / 2 + 4, 'text-anchor': 'middle', class: 'sub' },
        node.label,
      ),
    );
    return g;
  }
  const sub = `${node.type ?? ''}${node.resource ? `: ${node.resource}` : ''}`;
  g.append(
    s('title', {}, `${node.label} (${sub})`),
    s('rect', { width: node.width, height: node.height, rx: 6, class: 'box' }),
    s('text', { x: 12, y: 20, class: 'name' }, node.label),
    s('text', { x: 12, y: 37, class: 'sub' }, sub.length > 52 ? `${sub.slice(0, 51)}…` : sub),
  );
  if (node.waitsForToken) {
    // A small clock (drawn: no emoji font needed), then the words.
    g.append(
      s(
        'g',
        { class: 'token-icon', transform: 'translate(18,50)' },
        s('circle', { r: 5.5 }),
        s('path', { d: 'M0,-3.2V0H2.6' }),
      ),
      s('text', { x: 28, y: 54, class: 'token-badge' }, 'waits for task token'),
    );
  }
  return g;
}

/** Writes `×N` in a state's top right corner when it was entered more than once. */
function markEntries(node: SVGGElement, times: number): void {
  const box = node.querySelector<SVGRectElement>(':scope > rect.box');
  if (!box) return;
  let mark = node.querySelector<SVGTextElement>(':scope > text.entries');
  if (times <= 1) {
    mark?.remove();
    return;
  }
  if (!mark) {
    mark = s('text', {
      class: 'entries',
      x: Number(box.getAttribute('width')) - 10,
      y: 20,
      'text-anchor': 'end',
    });
    node.append(mark);
  }
  mark.textContent = `×${times}`;
  node.setAttribute('data-entries', String(times));
}

/** The largest zoom "Fit" picks (a small graph is not blown up past it). */
const MAX_FIT_SCALE = 1.25;
/** Below this zoom a state's name is too small to read. */
const MIN_READABLE_SCALE = 0.5;

/**
 * Draws a laid-out state machine graph as SVG, with pan (drag), zoom (wheel, buttons) and
 * fit. Clicking a state calls `onSelect` with its name.
 */
export function graphView(layout: GraphLayout, onSelect?: (stateName: string) => void): GraphView {
  const viewport = s('g', { class: 'viewport' });
  const defs = s(
    'defs',
    {},
    s(
      'marker',
      {
        id: 'arrow',
        viewBox: '0 0 10 10',
        refX: 9,
        refY: 5,
        markerWidth: 7,
        markerHeight: 7,
        orient: 'auto-start-reverse',
      },
      s('path', { d: 'M0,0L10,5L0,10z', class: 'arrow-head' }),
    ),
    s(
      'marker',
      {
        id: 'arrow-catch',
        viewBox: '0 0 10 10',
        refX: 9,
        refY: 5,
        markerWidth: 7,
        markerHeight: 7,
        orient: 'auto-start-reverse',
      },
      s('path', { d: 'M0,0L10,5L0,10z', class: 'arrow-head catch' }),
    ),
  );
  for (const group of layout.groups) {
    const left = group.x - group.width / 2;
    const top = group.y - group.height / 2;
    viewport.append(
      s(
        'g',
        { class: `group group-${group.type.toLowerCase()}`, 'data-group': group.stateName },
        s('rect', { x: left, y: top, width: group.width, height: group.height, rx: 10 }),
        // The type only: the state's own node, at the top of the group, carries its name.
        s('text', { x: left + 8, y: top + 13, class: 'group-label' }, group.type.toUpperCase()),
      ),
    );
  }
  for (const edge of layout.edges) {
    const g = s('g', {
      class: `edge edge-${edge.kind}`,
      'data-from': edge.from,
      'data-to': edge.to,
    });
    const dashOffset =
      edge.laneFrom === undefined ? undefined : laneDashOffset(edge.points, edge.laneFrom);
    g.append(
      s('path', {
        d: pathOf(edge),
        'marker-end': edge.kind === 'catch' ? 'url(#arrow-catch)' : 'url(#arrow)',
        ...(dashOffset !== undefined ? { 'stroke-dashoffset': dashOffset.toFixed(1) } : {}),
      }),
    );
    if (edge.label && edge.labelX !== undefined && edge.labelY !== undefined) {
      const width = Math.ceil(edge.label.length * 11 * 0.6) + 8;
      g.append(
        s('rect', {
          x: edge.labelX - width / 2,
          y: edge.labelY - 9,
          width,
          height: 16,
          rx: 3,
          class: 'edge-label-bg',
        }),
        s(
          'text',
          { x: edge.labelX, y: edge.labelY + 3, 'text-anchor': 'middle', class: 'edge-label' },
          edge.label,
        ),
      );
    }
    viewport.append(g);
  }
  const nodeElements = new Map<string, SVGGElement[]>();
  for (const node of layout.nodes) {
    const element = drawNode(node);
    viewport.append(element);
    if (node.stateName && onSelect && node.kind === 'state') {
      // A state is a button for the keyboard too: Tab to it, Enter or Space to select it.
      const name = node.stateName;
      element.setAttribute('tabindex', '0');
      element.setAttribute('role', 'button');
      element.addEventListener('keydown', (event) => {
        if (event.key !== 'Enter' && event.key !== ' ') return;
        event.preventDefault();
        onSelect(name);
      });
    }
    if (node.stateName) {
      const list = nodeElements.get(node.stateName) ?? [];
      list.push(element);
      nodeElements.set(node.stateName, list);
    }
  }
  const svg = s(
    'svg',
    {
      class: 'graph',
      // With selectable states the drawing holds buttons: a group, not a picture.
      role: onSelect ? 'group' : 'img',
      'aria-label': 'State machine graph',
    },
    defs,
    viewport,
  );

  let scale = 1;
  let tx = 0;
  let ty = 0;
  /** The reader zoomed or dragged: the frame's size changing no longer refits the drawing. */
  let placedByHand = false;
  const apply = () => viewport.setAttribute('transform', `translate(${tx},${ty}) scale(${scale})`);
  const zoomAt = (factor: number, cx: number, cy: number) => {
    placedByHand = true;
    const next = Math.min(4, Math.max(0.1, scale * factor));
    tx = cx - ((cx - tx) * next) / scale;
    ty = cy - ((cy - ty) * next) / scale;
    scale = next;
    apply();
  };
  const fit = () => {
    const box = svg.getBoundingClientRect();
    if (box.width === 0 || layout.width === 0) return;
    const whole = Math.min(box.width / layout.width, box.height / layout.height, MAX_FIT_SCALE);
    if (whole >= MIN_READABLE_SCALE) {
      scale = whole;
      tx = (box.width - layout.width * scale) / 2;
      ty = (box.height - layout.height * scale) / 2;
    } else {
      // Whole, a long graph would be a sliver nobody can read: its width instead, from its
      // start (drag or zoom out for the rest).
      scale = Math.max(Math.min(box.width / layout.width, 1), MIN_READABLE_SCALE);
      tx = (box.width - layout.width * scale) / 2;
      ty = 0;
    }
    apply();
  };
  svg.addEventListener(
    'wheel',
    (event) => {
      event.preventDefault();
      const box = svg.getBoundingClientRect();
      zoomAt(event.deltaY < 0 ? 1.15 : 1 / 1.15, event.clientX - box.left, event.clientY - box.top);
    },
    { passive: false },
  );
  let drag: { x: number; y: number; tx: number; ty: number; moved: boolean } | undefined;
  svg.addEventListener('pointerdown', (event) => {
    drag = { x: event.clientX, y: event.clientY, tx, ty, moved: false };
  });
  svg.addEventListener('pointermove', (event) => {
    if (!drag) return;
    const dx = event.clientX - drag.x;
    const dy = event.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
    if (!drag.moved) return;
    tx = drag.tx + dx;
    ty = drag.ty + dy;
    placedByHand = true;
    apply();
  });
  svg.addEventListener('pointerup', (event) => {
    const moved = drag?.moved ?? false;
    drag = undefined;
    if (moved) return;
    const target = (event.target as Element).closest('[data-state]');
    const name = target?.getAttribute('data-state');
    if (name && onSelect) onSelect(name);
  });
  svg.addEventListener('pointerleave', () => {
    drag = undefined;
  });

  const button = (label: string, title: string, action: () => void) =>
    h('button', { type: 'button', class: 'small', title, onclick: action }, label);
  const toolbar = h(
    'div',
    { class: 'graph-toolbar' },
    button('Fit', 'Fit the graph to the view (a long one: its width, from its start)', () => {
      placedByHand = false;
      fit();
    }),
    button('+', 'Zoom in', () => {
      const box = svg.getBoundingClientRect();
      zoomAt(1.25, box.width / 2, box.height / 2);
    }),
    button('−', 'Zoom out', () => {
      const box = svg.getBoundingClientRect();
      zoomAt(1 / 1.25, box.width / 2, box.height / 2);
    }),
    h(
      'span',
      { class: 'legend' },
      STATUSES.map((status) =>
        h('span', { class: `legend-item status-${status}` }, h('i', {}), STATUS_LABEL[status]),
      ),
    ),
  );
  const element = h(
    'div',
    { class: 'graph-panel' },
    toolbar,
    h('div', { class: 'graph-frame' }, svg),
  );
  // Fit once the frame has a size (it is laid out when the page shows it), and again when
  // it changes size (a summary put above it, a window resized) until the reader moves it.
  new ResizeObserver(() => {
    if (!placedByHand && svg.getBoundingClientRect().width > 0) fit();
  }).observe(svg);

  return {
    element,
    fit,
    setStatuses(status, entries) {
      for (const [name, elements] of nodeElements) {
        const value = status(name) ?? 'not-run';
        const times = entries?.(name) ?? 0;
        for (const el of elements) {
          for (const st of STATUSES) el.classList.toggle(`status-${st}`, st === value);
          markEntries(el, times);
        }
      }
      for (const group of viewport.querySelectorAll<SVGGElement>('[data-group]')) {
        const value = status(group.getAttribute('data-group') ?? '') ?? 'not-run';
        for (const st of STATUSES) group.classList.toggle(`status-${st}`, st === value);
      }
    },
    markProblems(stateNames) {
      for (const [name, elements] of nodeElements)
        for (const el of elements) el.classList.toggle('has-problem', stateNames.has(name));
    },
    select(stateName) {
      for (const [name, elements] of nodeElements)
        for (const el of elements) el.classList.toggle('selected', name === stateName);
    },
  };
}

export { STATUS_LABEL };
