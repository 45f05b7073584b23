/**
 * Where the console is: the URL's fragment, `#/<section>` or `#/<section>/<arn>`. A page
 * registers the section it answers (pages/registry.ts); the router knows no page.
 */
export interface Route {
  /** The fragment's first segment, e.g. `state-machines`, `executions`, `editor`. */
  readonly page: string;
  /** The rest, decoded: the ARN of the thing shown, when the page shows one thing. */
  readonly arn?: string;
}

/** Reads `#/state-machines`, `#/state-machines/<arn>`, `#/executions/<arn>`, … */
export function parseRoute(hash: string): Route {
  const [, section = '', ...rest] = hash.replace(/^#/, '').split('/');
  const arn = decodeURIComponent(rest.join('/'));
  return arn ? { page: section, arn } : { page: section };
}

/** The fragment of a route. */
export function href(route: Route): string {
  return route.arn ? `#/${route.page}/${encodeURIComponent(route.arn)}` : `#/${route.page}`;
}
