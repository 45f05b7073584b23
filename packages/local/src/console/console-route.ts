import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpRoute } from '../http/http-route.js';
import type { Access, RequestGuard } from '../http/request-guard.js';
import { consoleActivities } from './console-activities.js';
import { consoleCounts, consoleQueues, consoleStack, consoleTopics } from './console-overview.js';
import type { ConsoleSource } from './console-source.js';
import { type CoverageReport, CoverageReportError } from './coverage-report.js';
import { EventStream } from './event-stream.js';
import type { FunctionLog } from './function-log.js';
import { pendingCallbacks } from './pending-callbacks.js';
import { pageContentSecurityPolicy, SECURITY_HEADERS } from './security-headers.js';
import { stateMachineOrigin } from './state-machine-origin.js';
import { StaticAssets } from './static-assets.js';

/** Where the console lives on the endpoint. */
export const CONSOLE_PATH = '/console/';

const API_PREFIX = '/console/api/';

/** Where index.html takes the response's style nonce (`<meta name="csp-nonce">`). */
const CSP_NONCE_PLACEHOLDER = '__CSP_NONCE__';

/** Options of {@link ConsoleRoute}. */
export interface ConsoleRouteOptions {
  readonly source: ConsoleSource;
  readonly log: FunctionLog;
  readonly guard: RequestGuard;
  /** The port the endpoint listens on (the secret's cookie is per port). */
  readonly port: number;
  readonly assets?: StaticAssets;
  /** `serve --coverage <file>`: the state machine coverage drawn over the graphs. */
  readonly coverage?: CoverageReport;
}

/**
 * The console's HTTP side, mounted on the Step Functions endpoint: its page and scripts
 * (public: they hold nothing), and the console-only calls under `/console/api/` (they need
 * the secret): `stack`, `counts`, `pending`, `activities`, `state-machine-origin`, `queues`,
 * `topics`, `logs?after=<seq>` and the live `stream`. Everything else the page does goes through the Step Functions API.
 *
 * `GET /console/?secret=<secret>` trades the secret of the URL `serve` printed for an
 * HttpOnly, SameSite=Strict cookie, and redirects to `/console/` so that the secret leaves
 * the address bar and the history.
 */
export class ConsoleRoute implements HttpRoute {
  readonly #options: ConsoleRouteOptions;
  readonly #assets: StaticAssets;
  /** The live stream's hub (exposed for tests and `close`). */
  readonly stream: EventStream;

  constructor(options: ConsoleRouteOptions) {
    this.#options = options;
    this.#assets = options.assets ?? new StaticAssets();
    this.stream = new EventStream(options.source, options.log);
  }

  access(url: URL, method: string): Access | undefined {
    // POST / is the Step Functions API; GET / leads to the console.
    if (url.pathname === '/') return method === 'GET' || method === 'HEAD' ? 'public' : undefined;
    if (url.pathname === '/console') return 'public';
    if (!url.pathname.startsWith(CONSOLE_PATH)) return undefined;
    return url.pathname.startsWith(API_PREFIX) ? 'console' : 'public';
  }

  handle(request: IncomingMessage, response: ServerResponse, url: URL): void {
    request.resume();
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      this.#text(
        response,
        405,
        'Method not allowed: the console is read with GET; changes go through the Step Functions API.',
      );
      return;
    }
    const path = url.pathname;
    if (path === '/' || path === '/console') {
      this.#redirect(response, CONSOLE_PATH, 302);
      return;
    }
    if (path === CONSOLE_PATH) {
      this.#page(response, url);
      return;
    }
    if (path.startsWith(API_PREFIX)) {
      this.#api(request, response, url, path.slice(API_PREFIX.length));
      return;
    }
    const asset = this.#assets.get(path.slice(CONSOLE_PATH.length));
    if (!asset) {
      this.#text(response, 404, `Not found: ${path}`);
      return;
    }
    response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': asset.type });
    response.end(asset.body);
  }

  #page(response: ServerResponse, url: URL): void {
    const { guard, port } = this.#options;
    const secret = url.searchParams.get('secret');
    if (secret !== null && guard.matches(secret)) {
      response.setHeader(
        'Set-Cookie',
        `${guard.cookieName(port)}=${encodeURIComponent(secret)}; Path=/; HttpOnly; SameSite=Strict`,
      );
      this.#redirect(response, CONSOLE_PATH, 303);
      return;
    }
    const page = this.#assets.get('index.html');
    if (!page) {
      this.#text(
        response,
        500,
        'The console is not built: run pnpm --filter @sfn-callback/local build.',
      );
      return;
    }
    // A fresh nonce per response, in the policy and in the page (the script reads it there).
    const nonce = randomBytes(18).toString('base64');
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Security-Policy': pageContentSecurityPolicy(nonce),
      'Content-Type': page.type,
    });
    response.end(page.body.toString('utf8').replace(CSP_NONCE_PLACEHOLDER, nonce));
  }

  #api(request: IncomingMessage, response: ServerResponse, url: URL, name: string): void {
    const { source, log } = this.#options;
    switch (name) {
      case 'stream':
        this.stream.connect(request, response, url);
        return;
      case 'stack':
        this.#json(response, consoleStack(source));
        return;
      case 'counts':
        this.#json(response, consoleCounts(source, log));
        return;
      case 'pending':
        this.#json(response, pendingCallbacks(source));
        return;
      case 'activities':
        this.#json(response, consoleActivities(source));
        return;
      case 'state-machine-origin':
        this.#json(
          response,
          stateMachineOrigin(source, url.searchParams.get('stateMachineArn') ?? ''),
        );
        return;
      case 'queues':
        this.#json(response, consoleQueues(source));
        return;
      case 'topics':
        this.#json(response, consoleTopics(source));
        return;
      case 'coverage':
        this.#coverage(response, url.searchParams.get('stateMachineArn') ?? '');
        return;
      case 'logs':
        this.#json(response, log.lines(Number(url.searchParams.get('after') ?? 0) || 0));
        return;
      default:
        this.#text(response, 404, `No console call "${name}"`);
        return;
    }
  }

  /**
   * `coverage?stateMachineArn=`: the state machine's coverage, from `serve --coverage`; `null`
   * when there is none to draw (serve started without a report, or a state machine created
   * through the API, which the app's report does not cover). Not a 404: every state machine
   * page asks, and a page's failed request is an error in the browser's console.
   */
  #coverage(response: ServerResponse, arn: string): void {
    const { coverage, source } = this.#options;
    const machine = source.model.stateMachines.find((candidate) => candidate.arn === arn);
    if (!coverage || !machine) {
      this.#json(response, null);
      return;
    }
    try {
      this.#json(response, coverage.for(machine.name, machine.definition));
    } catch (error) {
      if (!(error instanceof CoverageReportError)) throw error;
      this.#text(response, 409, error.message);
    }
  }

  #json(response: ServerResponse, body: unknown): void {
    const payload = JSON.stringify(body);
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(payload),
    });
    response.end(payload);
  }

  #text(response: ServerResponse, status: number, text: string): void {
    response.writeHead(status, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/plain; charset=utf-8',
    });
    response.end(`${text}\n`);
  }

  #redirect(response: ServerResponse, location: string, status: number): void {
    response.writeHead(status, { ...SECURITY_HEADERS, Location: location });
    response.end();
  }
}
