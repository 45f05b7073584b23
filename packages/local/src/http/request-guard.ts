import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Why a request was refused: the HTTP status and a message for the person or tool. */
export interface Refusal {
  readonly status: 403;
  readonly message: string;
}

/** What a request needs besides a loopback Host and no foreign Origin: see {@link RequestGuard.check}. */
export type Access = 'public' | 'api' | 'console';

/** The header a console page sends the secret in (besides the cookie). */
export const SECRET_HEADER = 'x-sfn-console-secret';

/** Hosts a loopback server answers to: names that resolve to the machine itself, and loopback addresses. */
export function isLoopbackHost(hostHeader: string | undefined): boolean {
  if (!hostHeader) return false;
  let hostname: string;
  try {
    hostname = new URL(`http://${hostHeader}`).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) return true;
  if (hostname === '[::1]') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/**
 * The security of a local server that can start executions and complete tasks, checked on
 * every request before anything else:
 *
 * - **Host** must be a loopback name or address: a page on another site that rebinds its DNS
 *   name to 127.0.0.1 sends its own name as Host, and is refused (DNS rebinding).
 * - **Origin**, when sent, must be the server's own (`http://<Host>`); `Sec-Fetch-Site`, when
 *   sent, must be `same-origin` or `none` (typed in the address bar). Other browser requests
 *   are cross-origin (another site, or another port of localhost) and refused.
 * - A **browser** request (one with an `Origin` or `Sec-Fetch-Site` header) must carry the
 *   per-start secret, in the console's cookie or the {@link SECRET_HEADER} header. The AWS
 *   CLI and SDKs send neither header, so they need no secret and work unchanged.
 *
 * The secret is random per start, as Jupyter's token: `serve` prints a URL that carries it,
 * and the console trades it for an HttpOnly, SameSite=Strict cookie.
 */
export class RequestGuard {
  /** The per-start secret (base64url, 192 bits). */
  readonly secret: string;
  readonly #cookieName: string;

  constructor(secret: string = randomBytes(24).toString('base64url')) {
    this.secret = secret;
    this.#cookieName = 'sfn_console';
  }

  /** The cookie that carries the secret; per port, since cookies are shared across a host's ports. */
  cookieName(port: number | string): string {
    return `${this.#cookieName}_${port}`;
  }

  /** True when `candidate` is the secret (constant time). */
  matches(candidate: string | undefined): boolean {
    if (typeof candidate !== 'string') return false;
    const given = Buffer.from(candidate);
    const expected = Buffer.from(this.secret);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /** True when the request carries the secret, in its cookie or its header. */
  hasSecret(request: IncomingMessage, port: number | string): boolean {
    const header = request.headers[SECRET_HEADER];
    if (this.matches(typeof header === 'string' ? header : undefined)) return true;
    return this.matches(readCookie(request.headers.cookie, this.cookieName(port)));
  }

  /** True when a browser sent the request (fetch metadata or an Origin). */
  static isBrowser(request: IncomingMessage): boolean {
    return request.headers.origin !== undefined || request.headers['sec-fetch-site'] !== undefined;
  }

  /**
   * Host and Origin checks, for every request; then the secret, as `access` asks:
   * `'public'` none (the console's page, script and styles: they hold nothing), `'api'` for
   * browser requests (the Step Functions API), `'console'` always (the console-only calls).
   */
  check(request: IncomingMessage, port: number | string, access: Access): Refusal | undefined {
    const host = request.headers.host;
    if (!isLoopbackHost(host)) {
      return {
        status: 403,
        message: `Refused: Host "${host ?? ''}" is not a loopback name or address. This local endpoint answers only to localhost, 127.0.0.1 or [::1] (DNS rebinding protection).`,
      };
    }
    const origin = request.headers.origin;
    if (origin !== undefined && origin !== `http://${host}`) {
      return {
        status: 403,
        message: `Refused: cross-origin request from ${origin}. Only pages served by this endpoint (http://${host}) may call it.`,
      };
    }
    const site = request.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none') {
      return {
        status: 403,
        message: `Refused: cross-site request (Sec-Fetch-Site: ${String(site)}). Only pages served by this endpoint may call it.`,
      };
    }
    const needed = access === 'console' || (access === 'api' && RequestGuard.isBrowser(request));
    if (needed && !this.hasSecret(request, port)) {
      return {
        status: 403,
        message:
          'Refused: no console secret. Open the console URL that sfn-callback-local serve printed (it carries the secret).',
      };
    }
    return undefined;
  }
}

/** The value of cookie `name` in a `Cookie` header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    // Any page on another port of localhost can set this cookie: a malformed one is no secret.
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}
