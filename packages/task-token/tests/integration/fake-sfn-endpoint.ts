import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the endpoint received. */
export interface ReceivedRequest {
  readonly operation: string;
  readonly contentType: string | undefined;
  readonly body: Record<string, unknown>;
}

/** An answer: 200 with a JSON body, or an AWS JSON 1.0 error. */
export type ScriptedAnswer =
  | { readonly status: 200; readonly body?: object }
  | { readonly status: number; readonly errorType: string; readonly message: string };

/**
 * A minimal Step Functions endpoint speaking the AWS JSON 1.0 protocol on 127.0.0.1, for
 * tests in which the real SDK goes over HTTP. It answers from a script, one answer per
 * request in order, then 200 `{}` once the script is used up.
 */
export class FakeSfnEndpoint {
  readonly requests: ReceivedRequest[] = [];
  #script: ScriptedAnswer[] = [];
  readonly #server: Server;

  private constructor() {
    this.#server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const target = String(req.headers['x-amz-target'] ?? '');
        this.requests.push({
          operation: target.replace(/^AWSStepFunctions\./, ''),
          contentType: req.headers['content-type'],
          body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'),
        });
        const answer = this.#script.shift() ?? { status: 200 };
        res.setHeader('content-type', 'application/x-amz-json-1.0');
        res.statusCode = answer.status;
        res.end(
          JSON.stringify(
            'errorType' in answer
              ? { __type: `com.amazonaws.sfn#${answer.errorType}`, message: answer.message }
              : (answer.body ?? {}),
          ),
        );
      });
    });
  }

  static async start(): Promise<FakeSfnEndpoint> {
    const endpoint = new FakeSfnEndpoint();
    await new Promise<void>((resolve) => endpoint.#server.listen(0, '127.0.0.1', resolve));
    return endpoint;
  }

  get url(): string {
    const { port } = this.#server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** Queues answers for the next requests. */
  answer(...answers: ScriptedAnswer[]): void {
    this.#script.push(...answers);
  }

  reset(): void {
    this.requests.length = 0;
    this.#script = [];
  }

  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve, reject) =>
      this.#server.close((e) => (e ? reject(e) : resolve())),
    );
  }
}
