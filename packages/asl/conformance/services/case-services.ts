import type { Clock } from '../../src/clock.ts';
import type { Json } from '../../src/json.ts';
import { isJsonObject } from '../../src/json.ts';
import { StatesError } from '../../src/states-error.ts';
import type { TaskHandler, TaskRequest } from '../../src/task-handler.ts';
import type { ConformanceCase } from '../load-cases.ts';
import { EmulatedAws } from './aws.ts';
import { invokeResult, LambdaFunctions } from './lambda.ts';
import { fail, type Outcome, type TokenAnswer } from './outcome.ts';
import { pythonJsonDumps } from './python.ts';
import { ReplayBook, recordedCalls } from './replay.ts';
import { responderAnswer } from './responder.ts';
import { type ChildRunner, startExecution } from './sfn.ts';

/** What answers a task token: an execution's SendTask* calls. */
export interface TokenSink {
  sendTaskSuccess(token: string, output: Json): void;
  sendTaskFailure(token: string, error?: string, cause?: string): void;
  sendTaskHeartbeat(token: string): void;
}

export interface WorldOptions {
  readonly clock: Clock;
  readonly uuid: () => string;
  /** Runs a child machine with the same engine and this world (`services/sfn.ts`). */
  readonly runChild: ChildRunner;
}

/** How each task attempt of a run was answered, for `--verbose` and for honest reporting. */
export interface CallNote {
  readonly stateName: string;
  readonly attempt: number;
  readonly how: 'replayed' | 'emulated' | 'unanswered';
  readonly detail?: string;
}

/**
 * The world one case runs in: the recorded answers to replay, the emulated services for
 * everything the recording does not say, the responder answering task tokens, and the
 * executions (the case's and its children) that issued them.
 */
export class CaseWorld {
  readonly aws: EmulatedAws;
  readonly lambdas: LambdaFunctions;
  readonly notes: CallNote[] = [];
  readonly problems: string[] = [];
  private readonly testCase: ConformanceCase;
  private readonly options: WorldOptions;
  private tokenCount = 0;
  private readonly owners = new Map<string, { sink?: TokenSink }>();
  private readonly open = new Set<string>();
  private readonly answers = new Map<string, TokenAnswer>();
  private readonly deliveries: Promise<void>[] = [];

  constructor(testCase: ConformanceCase, options: WorldOptions) {
    this.testCase = testCase;
    this.options = options;
    this.aws = new EmulatedAws(options.uuid);
    this.lambdas = new LambdaFunctions(testCase.lambdaFunctions);
  }

  /** A new execution's hooks: its task handler (replaying `replay` when given), token issuer and token events. */
  execution(replay: boolean): {
    tasks: TaskHandler;
    issueTaskToken: () => string;
    onTaskToken: (token: string, open: boolean) => void;
    attach: (sink: TokenSink) => void;
  } {
    const owner: { sink?: TokenSink } = {};
    const history = replay ? this.testCase.expected.history : null;
    // Causes the recording parsed (Lambda errors) are answered in the text style the same
    // case shows unparsed elsewhere: Python's json.dumps (older recordings) or compact.
    const compact = JSON.stringify(this.testCase.expected).includes('{\\"errorMessage\\":\\"');
    const book = new ReplayBook(
      history ? recordedCalls(history, compact ? JSON.stringify : pythonJsonDumps) : [],
    );
    return {
      tasks: (request) => this.perform(request, book),
      issueTaskToken: () => {
        this.tokenCount++;
        const token = `conformance-task-token-${this.tokenCount}`;
        this.owners.set(token, owner);
        return token;
      },
      onTaskToken: (token, isOpen) => {
        if (isOpen) {
          this.open.add(token);
          this.tryDeliver(token);
        } else this.open.delete(token);
      },
      attach: (sink) => {
        owner.sink = sink;
        for (const token of this.answers.keys()) this.tryDeliver(token);
      },
    };
  }

  /** Resolves once every scheduled token answer has been sent. */
  async settled(): Promise<void> {
    await Promise.allSettled(this.deliveries);
  }

  private async perform(request: TaskRequest, book: ReplayBook): Promise<Json> {
    const answer = book.take(request);
    let outcome: Outcome;
    const recorded = 'outcome' in answer ? answer.outcome : undefined;
    if (answer.kind === 'recorded' && recorded) {
      outcome = recorded;
      this.notes.push({ stateName: request.stateName, attempt: request.attempt, how: 'replayed' });
    } else {
      const emulated = await this.emulate(request);
      if (emulated) {
        outcome = emulated;
        this.notes.push({
          stateName: request.stateName,
          attempt: request.attempt,
          how: 'emulated',
          detail: answer.kind === 'none' ? undefined : `recording ${answer.kind}`,
        });
      } else if (recorded) {
        outcome = recorded;
        this.notes.push({
          stateName: request.stateName,
          attempt: request.attempt,
          how: 'replayed',
          detail: answer.kind,
        });
      } else {
        const detail = `no recorded or emulated answer for ${request.resource.arn}`;
        this.notes.push({
          stateName: request.stateName,
          attempt: request.attempt,
          how: 'unanswered',
          detail,
        });
        this.problems.push(`${request.stateName}: ${detail}`);
        outcome = fail('Conformance.NoAnswer', detail);
      }
    }
    return this.run(outcome, request);
  }

  private async run(outcome: Outcome, request: TaskRequest): Promise<Json> {
    switch (outcome.kind) {
      case 'succeed':
        return outcome.output;
      case 'fail': {
        // As a SendTaskFailure without them: absent fields show as null in the error output.
        const failure = new StatesError(outcome.error ?? '', outcome.cause ?? '');
        failure.absentFields = {
          error: outcome.error === undefined,
          cause: outcome.cause === undefined,
        };
        throw failure;
      }
      case 'sleep':
        await this.options.clock.sleep(outcome.ms, request.signal);
        return this.run(outcome.after, request);
      case 'hang':
        return new Promise<Json>((_, reject) => {
          const abort = () => reject(request.signal.reason ?? new Error('aborted'));
          if (request.signal.aborted) abort();
          else request.signal.addEventListener('abort', abort, { once: true });
        });
      case 'submit':
        if (request.resource.pattern === 'waitForTaskToken') {
          if (request.taskToken !== undefined && outcome.after.kind !== 'hang') {
            this.answer(request.taskToken, { delayMs: 0, heartbeats: 0, after: outcome.after });
          }
          return outcome.output;
        }
        request.submitted(outcome.output);
        return this.run(outcome.after, request);
    }
  }

  /** The emulated answer, or undefined when nothing here emulates that service. */
  private async emulate(request: TaskRequest): Promise<Outcome | undefined> {
    const { resource } = request;
    const params = isJsonObject(request.parameters) ? request.parameters : {};
    if (resource.legacyLambda)
      return this.lambdas.invoke(resource.arn, request.parameters, 'Lambda.');
    if (resource.resourceType === 'lambda' && resource.action === 'invoke') {
      // Recorded (test_state/test_base_lambda_service_task_state): a null or absent Payload is
      // sent as no payload, which a Python function receives as the event {}.
      const payload = params.Payload === undefined || params.Payload === null ? {} : params.Payload;
      return invokeResult(
        this.lambdas.invoke(String(params.FunctionName ?? ''), payload, 'Lambda.'),
      );
    }
    const child = await startExecution(
      request,
      this.testCase.childStateMachines ?? {},
      this.options.runChild,
      this.options.uuid,
    );
    if (child) return child;
    const called = this.aws.call(request);
    if (!called) return undefined;
    if (
      called.kind === 'succeed' &&
      (resource.action === 'sendMessage' || resource.action === 'publish')
    ) {
      this.message(request.parameters);
    }
    if (resource.pattern === 'waitForTaskToken' && called.kind === 'succeed') {
      return { kind: 'submit', output: called.output, after: { kind: 'hang' } };
    }
    return called;
  }

  /** A message reached a queue or topic: the case's responder reads it. */
  private message(parameters: Json): void {
    const responder = this.testCase.responder;
    if (!responder) return;
    const { token, answer } = responderAnswer(responder, parameters);
    if (token !== undefined) this.answer(token, answer);
  }

  private answer(token: string, answer: TokenAnswer): void {
    this.answers.set(token, answer);
    this.tryDeliver(token);
    // Should the engine not report open tokens, deliver once everything queued has run.
    setImmediate(() => this.tryDeliver(token, true));
  }

  private tryDeliver(token: string, force = false): void {
    const answer = this.answers.get(token);
    const sink = this.owners.get(token)?.sink;
    if (!answer || !sink || (!force && !this.open.has(token))) return;
    this.answers.delete(token);
    this.deliveries.push(this.deliver(sink, token, answer));
  }

  private async deliver(sink: TokenSink, token: string, answer: TokenAnswer): Promise<void> {
    try {
      await this.options.clock.sleep(answer.delayMs);
      for (let beat = 0; beat < answer.heartbeats; beat++) sink.sendTaskHeartbeat(token);
      const last = answer.after;
      if (last.kind === 'succeed') sink.sendTaskSuccess(token, last.output);
      else if (last.kind === 'fail') sink.sendTaskFailure(token, last.error, last.cause);
    } catch (error) {
      this.problems.push(
        `answering ${token}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
