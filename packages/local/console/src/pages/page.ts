import type { Counts } from '../../../src/model/console-wire.js';

/** A page of the console: its element, what it does on new counts, and how it stops. */
export interface Page {
  readonly element: HTMLElement;
  /** The live stream's counts changed (something happened somewhere). */
  onCounts?(counts: Counts): void;
  /** The page is left: stop its timers and streams. */
  close(): void;
}

/** Calls `action` at most once per `ms`, the last call winning. */
export function throttle(action: () => void, ms: number): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending = false;
  return () => {
    if (timer) {
      pending = true;
      return;
    }
    action();
    timer = setTimeout(function next() {
      timer = undefined;
      if (pending) {
        pending = false;
        action();
        timer = setTimeout(next, ms);
      }
    }, ms);
  };
}

/**
 * A page in the console's registry (pages/registry.ts): the URL section it answers and how
 * to open it. Adding a page is writing its file, which exports one of these, and listing it
 * in the registry.
 */
export interface PageEntry {
  /** The fragment's first segment: the page answers `#/<section>` (and `#/<section>/<arn>`). */
  readonly section: string;
  /** Whether the page shows one thing (`#/<section>/<arn>`), a list (no ARN), or either. */
  readonly arn: 'none' | 'required' | 'optional';
  /** Opens the page (the ARN decoded, when the URL has one). */
  open(arn: string | undefined): Page;
  /** A link in the top bar, with the count of its badge, when it has one. */
  readonly nav?: { readonly label: string; readonly badge?: (counts: Counts) => number };
  /** The top bar's link lit while this page shows (its own section by default). */
  readonly navSection?: string;
}
