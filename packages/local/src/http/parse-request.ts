import type { IncomingMessage } from 'node:http';

/** The base every request path is read against: only the path and query matter here. */
const BASE = 'http://localhost';

/**
 * The URL of a request's target, or undefined when it is not one this server reads. Node
 * hands over the request line as the client sent it: an origin-form path (`/console/`),
 * but also `//` or `//host/x` (which `new URL(target, base)` reads as a host and throws on),
 * an absolute URL (proxy form) or `*` (`OPTIONS *`). Only the path and the query are kept,
 * appended to a fixed base, so no target can name another host or throw.
 */
export function parseRequestTarget(request: IncomingMessage): URL | undefined {
  const target = request.url ?? '/';
  if (target.startsWith('/')) return URL.parse(`${BASE}${target}`) ?? undefined;
  // Absolute form (`GET http://host/path`): the path and query of it.
  const absolute = URL.parse(target);
  if (absolute === null || !/^https?:$/.test(absolute.protocol)) return undefined;
  return URL.parse(`${BASE}${absolute.pathname}${absolute.search}`) ?? undefined;
}
