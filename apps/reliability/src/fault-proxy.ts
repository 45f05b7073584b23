import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mulberry32 } from './prng.ts';

/** Shares (0–1) of the calls the proxy spoils, and the latency it adds. */
export interface FaultRates {
  /** Answered HTTP 400 `ThrottlingException` without reaching the endpoint. */
  readonly throttle: number;
  /** Answered HTTP 503 without reaching the endpoint. */
  readonly serverError: number;
  /**
   * Forwarded (the endpoint acts on it), then answered HTTP 502 instead of the endpoint's
   * answer: a lost response, which the SDK retries into "already closed".
   */
  readonly lostResponse: number;
  /** Latency added to every call: uniform in [0, jitterMs). */
  readonly jitterMs: number;
}

/** What the proxy did, by kind. */
export interface ProxyCounts {
  requests: number;
  forwarded: number;
  throttled: number;
  serverErrors: number;
  lostResponses: number;
}

/**
 * A seeded fault-injecting HTTP proxy on 127.0.0.1 in front of the local Step Functions
 * endpoint: the functions get its URL (`LocalRunner.start({ functionEndpointUrl })`). Each
 * request draws its fate from the seeded PRNG, in arrival order.
 */
export class FaultProxy {
  readonly counts: ProxyCounts = {
    requests: 0,
    forwarded: 0,
    throttled: 0,
    serverErrors: 0,
    lostResponses: 0,
  };
  /** Where calls are forwarded: the runner's endpoint (set once the runner has started). */
  target = '';
  readonly #server: Server;
  readonly #random: () => number;
  readonly #rates: FaultRates;
  #url = '';

  constructor(seed: number, rates: FaultRates) {
    this.#random = mulberry32(seed);
    this.#rates = rates;
    this.#server = createServer((req, res) => {
      this.counts.requests += 1;
      const fate = this.#random();
      const delay = this.#random() * rates.jitterMs;
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        setTimeout(
          () => this.#answer(fate, Buffer.concat(chunks), req.headers, req.url, res),
          delay,
        );
      });
    });
    this.#server.keepAliveTimeout = 5_000;
  }

  /** The proxy's URL, once listening. */
  get url(): string {
    return this.#url;
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.#url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this.#url;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise((resolve) => this.#server.close(resolve));
  }

  #answer(
    fate: number,
    body: Buffer,
    headers: import('node:http').IncomingHttpHeaders,
    path: string | undefined,
    res: import('node:http').ServerResponse,
  ): void {
    const { throttle, serverError, lostResponse } = this.#rates;
    if (fate < throttle) {
      this.counts.throttled += 1;
      sendJson(res, 400, {
        __type: 'com.amazonaws.sfn#ThrottlingException',
        message: 'Rate exceeded',
      });
      return;
    }
    if (fate < throttle + serverError) {
      this.counts.serverErrors += 1;
      sendJson(res, 503, { __type: 'ServiceUnavailable', message: 'injected 503' });
      return;
    }
    const lose = fate < throttle + serverError + lostResponse;
    this.counts.forwarded += 1;
    const upstream = request(
      new URL(path ?? '/', this.target),
      { method: 'POST', headers: { ...headers, host: new URL(this.target).host } },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          if (lose) {
            this.counts.lostResponses += 1;
            sendJson(res, 502, { __type: 'BadGateway', message: 'injected: response lost' });
            return;
          }
          res.writeHead(answer.statusCode ?? 502, {
            'content-type': answer.headers['content-type'] ?? 'application/x-amz-json-1.0',
          });
          res.end(Buffer.concat(chunks));
        });
      },
    );
    upstream.on('error', () => sendJson(res, 502, { __type: 'BadGateway', message: 'upstream' }));
    upstream.end(body);
  }
}

function sendJson(res: import('node:http').ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
  res.end(JSON.stringify(body));
}
