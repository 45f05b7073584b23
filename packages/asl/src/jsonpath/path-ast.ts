import type { Json } from '../json.js';

/** A filter predicate compiled from `[?(...)]`: `current` is `@`, `root` is `$`. */
export type FilterPredicate = (current: Json, root: Json) => boolean;

/** One step of a parsed JSONPath, in Jayway JsonPath's vocabulary. */
export type PathSegment =
  /** `.name`, `['name']` or `['a','b']`. */
  | { readonly kind: 'property'; readonly names: readonly string[] }
  /** `[0]`, `[-1]` or `[0,2]`. */
  | { readonly kind: 'index'; readonly indexes: readonly number[] }
  /** `[a:b]`, `[:b]`, `[a:]`. */
  | { readonly kind: 'slice'; readonly start: number | undefined; readonly end: number | undefined }
  /** `[*]` or `.*`. */
  | { readonly kind: 'wildcard' }
  /** `..x`: the segment applied to every node, the current one included. */
  | { readonly kind: 'scan'; readonly step: PathSegment }
  /** `[?(...)]`. */
  | { readonly kind: 'filter'; readonly predicate: FilterPredicate; readonly source: string }
  /** `.length()`, the one Jayway function paths use in practice. */
  | { readonly kind: 'length' };

/** Where a path starts: `$` (the value), `$$` (the context object) or `$name` (a variable). */
export type PathRoot =
  | { readonly kind: 'value' }
  | { readonly kind: 'context' }
  | { readonly kind: 'variable'; readonly name: string };

/** A JSONPath parsed once and cached (see `parsePath`). */
export interface ParsedPath {
  /** The text as written in the definition. */
  readonly source: string;
  readonly root: PathRoot;
  readonly segments: readonly PathSegment[];
  /**
   * Whether the path names at most one node (Jayway's "definite" path: single
   * properties and single indexes only). A definite path returns the value or fails;
   * an indefinite one returns the array of matches, possibly empty.
   */
  readonly definite: boolean;
  /** Jayway's normalized text (`$['a'][0]`), which its error messages quote. */
  readonly normalized: string;
}
