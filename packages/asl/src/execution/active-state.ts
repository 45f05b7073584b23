import { type QueryLanguage, RETRYABLE_TYPES, type StateDefinition } from '../definition.js';
import type { EventBody } from '../history/history-recorder.js';
import { evaluateIntrinsic } from '../intrinsics/evaluate-intrinsic.js';
import type { Json, JsonObject } from '../json.js';
import { evaluateJsonataTemplate, type JsonataStates } from '../jsonata/evaluate-template.js';
import { applyPayloadTemplate } from '../jsonpath/payload-template.js';
import { readPath } from '../jsonpath/reference-path.js';
import type { EvaluationScope } from '../scope.js';
import { contextObject } from './context-object.js';
import type { Frame } from './frame.js';

/** The data-flow steps whose values TestState's `inspectionData` shows. */
export type InspectedStep =
  | 'afterInputPath'
  | 'afterParameters'
  | 'afterArguments'
  | 'result'
  | 'afterResultSelector'
  | 'afterResultPath';

/** Told each intermediate value of a state's data flow (TestState only; unset in executions). */
export type InspectionHook = (step: InspectedStep, value: Json) => void;

/**
 * One run of one state: its definition, language, raw input and entered event, and the
 * field evaluators both query languages need, bound to the state's scope (context object,
 * the variables as they were on entry, randomness).
 */
export class ActiveState {
  readonly language: QueryLanguage;
  /** When the state was entered, ms since the epoch. */
  enteredAt: number;
  enteredEventId = 0;
  /** `$$.State.RetryCount` of the current attempt. */
  retryCount = 0;
  /** TestState's inspection recorder (see {@link InspectionHook}); undefined in executions. */
  inspect: InspectionHook | undefined = undefined;
  #taskToken: string | undefined;
  // Built on first use: most states never read the context object.
  #context: JsonObject | undefined;

  constructor(
    readonly frame: Frame,
    readonly name: string,
    readonly state: StateDefinition,
    readonly input: Json,
  ) {
    this.language = (state.QueryLanguage as QueryLanguage | undefined) ?? frame.run.queryLanguage;
    this.enteredAt = frame.run.clock.now();
  }

  /** The context object (`$$`, `$states.context`); `State.RetryCount` and `Task.Token` follow the attempt. */
  get context(): JsonObject {
    this.#context ??= contextObject(
      this.frame,
      this.name,
      new Date(this.enteredAt).toISOString(),
      this.retryCount,
      this.#taskToken,
      RETRYABLE_TYPES.has(this.state.Type),
    );
    return this.#context;
  }

  /** This run seen with another context object (a Map item's `$$.Map.Item`). */
  withContext(context: JsonObject): ActiveState {
    const copy = new ActiveState(this.frame, this.name, this.state, this.input);
    copy.enteredAt = this.enteredAt;
    copy.enteredEventId = this.enteredEventId;
    copy.retryCount = this.retryCount;
    copy.#context = context;
    return copy;
  }

  get jsonata(): boolean {
    return this.language === 'JSONata';
  }

  /** Sets the context object for an attempt (`$$.State.RetryCount`, `$$.Task.Token`). */
  attempt(retryCount: number, taskToken?: string): void {
    this.retryCount = retryCount;
    this.#taskToken = taskToken;
    this.#context = undefined;
  }

  get scope(): EvaluationScope {
    return {
      context: this.context,
      variables: this.frame.variables,
      random: this.frame.run.random,
    };
  }

  /** Records an event on this state's thread. */
  record(body: EventBody, advance = true): number {
    return this.frame.run.recorder.append(this.frame.cursor, body, advance);
  }

  /** A JSONPath reference path (`InputPath`, `ItemsPath`, `*Path`) over `value`. */
  path(path: string, value: Json, field: string): Json {
    return readPath(path, value, this.scope, field);
  }

  /** A JSONPath payload template (`Parameters`, `ResultSelector`, `ItemSelector`, `Assign`) over `value`. */
  template(template: Json, value: Json): Json {
    const scope = this.scope;
    return applyPayloadTemplate(template, value, scope, (expression, resolvePath) =>
      evaluateIntrinsic(expression, resolvePath, scope.random),
    );
  }

  /** A JSONata field value (any `{% %}` inside it evaluated). */
  evaluate(value: Json, field: string, states: Partial<JsonataStates> = {}): Promise<Json> {
    return evaluateJsonataTemplate(
      value,
      { input: this.input, context: this.context, ...states },
      this.scope,
      field,
    );
  }

  /** `Assign` of the state, a choice rule or a catcher: evaluated now, assigned later. */
  async assignments(
    assign: Json | undefined,
    jsonPathValue: Json,
    states: Partial<JsonataStates> = {},
  ): Promise<Record<string, Json> | undefined> {
    if (assign === undefined) return undefined;
    if (this.jsonata) {
      return (await this.evaluate(assign, 'Assign', states)) as Record<string, Json>;
    }
    return this.template(assign, jsonPathValue) as Record<string, Json>;
  }
}
