import type { StateDefinition } from '../definition.js';
import type { InspectedStep } from '../execution/active-state.js';
import type { Json, JsonObject } from '../json.js';
import type { InspectionData, InspectionErrorDetails } from './types.js';

/** Steps recorded on top of the engine's data-flow steps: a Map's items and settings. */
export type RecordedStep =
  | InspectedStep
  | 'afterItemsPath'
  | 'afterItemSelector'
  | 'maxConcurrency'
  | 'toleratedFailureCount'
  | 'toleratedFailurePercentage';

const NUMBER_FIELDS = new Set([
  'maxConcurrency',
  'toleratedFailureCount',
  'toleratedFailurePercentage',
]);

/**
 * Which recorded steps `inspectionData` shows, per state type and query language (as the
 * recordings show them; `input` always comes first). A JSONPath Pass is special-cased in
 * {@link InspectionRecorder.data}.
 */
const SHOWN: Readonly<
  Record<'JSONPath' | 'JSONata', Readonly<Record<string, readonly RecordedStep[]>>>
> = {
  JSONPath: {
    Task: ['afterInputPath', 'afterParameters', 'result', 'afterResultSelector', 'afterResultPath'],
    Map: [
      'afterInputPath',
      'afterItemsPath',
      'afterItemSelector',
      'maxConcurrency',
      'toleratedFailureCount',
      'toleratedFailurePercentage',
      'afterResultSelector',
      'afterResultPath',
    ],
    Parallel: ['afterResultSelector', 'afterResultPath'],
    Choice: ['afterInputPath'],
    Wait: ['afterInputPath'],
    Succeed: ['afterInputPath'],
    Fail: ['afterInputPath'],
  },
  JSONata: {
    Task: ['afterArguments', 'result'],
    Map: ['maxConcurrency', 'toleratedFailureCount', 'toleratedFailurePercentage'],
  },
};

/** Collects a tested state's intermediate values and renders AWS's `inspectionData`. */
export class InspectionRecorder {
  readonly #steps = new Map<RecordedStep, Json>();
  errorDetails: InspectionErrorDetails | undefined;
  variables: JsonObject | undefined;

  constructor(readonly input: Json) {}

  /** The hook the engine calls (see `ActiveState.inspect`). */
  readonly record = (step: RecordedStep, value: Json): void => {
    this.#steps.set(step, value);
  };

  /** `inspectionData` for a state of this type and language. */
  data(state: StateDefinition, language: 'JSONPath' | 'JSONata'): InspectionData {
    const data: Record<string, Json> = { input: JSON.stringify(this.input) };
    const show = (field: string, value: Json | undefined) => {
      if (value === undefined) return;
      data[field] = NUMBER_FIELDS.has(field) ? value : JSON.stringify(value);
    };
    if (language === 'JSONPath' && state.Type === 'Pass') {
      // Recorded: a Pass with `Result` shows it as `result`; without, its input and parameters.
      const result = this.#steps.get('result');
      if (state.Result !== undefined) show('result', result);
      else {
        show('afterInputPath', this.#steps.get('afterInputPath'));
        show('afterParameters', result);
      }
      show('afterResultSelector', result);
      show('afterResultPath', this.#steps.get('afterResultPath'));
    } else {
      for (const step of SHOWN[language][state.Type] ?? []) show(step, this.#steps.get(step));
    }
    if (this.variables && Object.keys(this.variables).length > 0) show('variables', this.variables);
    const inspection = data as unknown as {
      -readonly [K in keyof InspectionData]: InspectionData[K];
    };
    if (this.errorDetails) inspection.errorDetails = this.errorDetails;
    return inspection;
  }
}
