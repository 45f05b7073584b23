import { SfnError, sfn } from '../api.js';
import { h, replace } from '../dom.js';
import { definitionEditor } from '../editor/definition-editor.js';
import { jsonEditor } from '../json-editor.js';
import { prettyJson } from '../json-text.js';
import { jsonView } from '../json-view.js';
import type { Page } from './page.js';

/** Where the definition page leaves the text to test (read once by this page). */
export const TEST_STATE_HANDOFF_KEY = 'sfn-console:test-state-definition';

const STARTER = `{
  "Type": "Pass",
  "Parameters": { "greeting.$": "States.Format('Hello, {}', $.name)" },
  "ResultPath": "$.said",
  "End": true
}
`;

/** TestState's `inspectionData`, in the order the data flows through a state. */
const INSPECTION_STEPS: readonly (readonly [string, string])[] = [
  ['input', 'Input'],
  ['afterInputPath', 'After InputPath'],
  ['afterItemsPath', 'After ItemsPath'],
  ['afterItemSelector', 'After ItemSelector'],
  ['afterItemBatcher', 'After ItemBatcher'],
  ['afterItemsPointer', 'After ItemsPointer'],
  ['afterArguments', 'After Arguments'],
  ['afterParameters', 'After Parameters'],
  ['result', 'Result'],
  ['afterResultSelector', 'After ResultSelector'],
  ['afterResultPath', 'After ResultPath'],
  ['variables', 'Variables'],
  ['maxConcurrency', 'MaxConcurrency'],
  ['toleratedFailureCount', 'ToleratedFailureCount'],
  ['toleratedFailurePercentage', 'ToleratedFailurePercentage'],
];

interface TestStateAnswer {
  readonly status?: string;
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
  readonly nextState?: string;
  readonly inspectionData?: Record<string, unknown>;
}

/** A value of the inspection data: JSON text laid out, anything else as JSON. */
function shown(value: unknown): HTMLElement {
  const text = typeof value === 'string' ? prettyJson(value) : JSON.stringify(value, null, 2);
  return jsonView(text, 'json io-json');
}

/** The HTTP request or response of a TRACE inspection: its first line, headers and body. */
function httpExchange(title: string, exchange: Record<string, unknown>): HTMLElement {
  const first =
    title === 'HTTP request'
      ? `${String(exchange.method ?? '')} ${String(exchange.url ?? '')} ${String(exchange.protocol ?? '')}`
      : `${String(exchange.protocol ?? '')} ${String(exchange.statusCode ?? '')} ${String(exchange.statusMessage ?? '')}`;
  return h(
    'div',
    { class: 'inspection-step', 'data-step': title },
    h('h3', {}, title),
    h('p', { class: 'mono' }, first.trim()),
    exchange.headers ? h('pre', { class: 'mono headers' }, String(exchange.headers)) : null,
    exchange.body !== undefined ? shown(exchange.body) : null,
  );
}

/** The answer laid out: status, next state, output or error, then each step of the data. */
function answerView(answer: TestStateAnswer): HTMLElement {
  const data = answer.inspectionData ?? {};
  const status = answer.status ?? '';
  return h(
    'div',
    { class: 'test-answer', 'data-role': 'test-answer' },
    h(
      'p',
      {},
      h(
        'span',
        {
          class: `status status-${status === 'SUCCEEDED' ? 'succeeded' : status === 'CAUGHT_ERROR' ? 'caught' : status === 'RETRIABLE' ? 'in-progress' : 'failed'}`,
          'data-role': 'test-status',
        },
        status,
      ),
      answer.nextState ? ` → next state ${answer.nextState}` : '',
    ),
    answer.error
      ? h(
          'p',
          { class: 'error-text', 'data-role': 'test-error' },
          `${answer.error}${answer.cause ? `: ${answer.cause}` : ''}`,
        )
      : null,
    answer.output !== undefined
      ? h('div', {}, h('div', { class: 'panel-title' }, 'Output'), shown(answer.output))
      : null,
    Object.keys(data).length > 0
      ? h(
          'div',
          { class: 'inspection', 'data-role': 'inspection' },
          h('h2', {}, 'Inspection data'),
          INSPECTION_STEPS.filter(([key]) => data[key] !== undefined).map(([key, label]) =>
            h(
              'div',
              { class: 'inspection-step', 'data-step': key },
              h('h3', {}, label),
              shown(data[key]),
            ),
          ),
          data.errorDetails
            ? h(
                'div',
                { class: 'inspection-step', 'data-step': 'errorDetails' },
                h('h3', {}, 'Retry and Catch'),
                shown(data.errorDetails),
              )
            : null,
          data.request
            ? httpExchange('HTTP request', data.request as Record<string, unknown>)
            : null,
          data.response
            ? httpExchange('HTTP response', data.response as Record<string, unknown>)
            : null,
        )
      : null,
  );
}

/**
 * Test a state (TestState, as `aws stepfunctions test-state`): a state's or a whole state
 * machine's definition, the state to test, its input, variables, a mock of its task, and
 * the inspection level; the answer with each step of the data flow laid out, and at TRACE
 * the HTTP request and response.
 */
export function testStatePage(): Page {
  const handed = sessionStorage.getItem(TEST_STATE_HANDOFF_KEY);
  sessionStorage.removeItem(TEST_STATE_HANDOFF_KEY);
  const editor = definitionEditor(handed ?? STARTER, {
    label: 'State or state machine to test (Amazon States Language, JSON)',
    onChange: () => {},
  });
  const stateName = h('input', {
    id: 'test-state-name',
    name: 'test-state-name',
    spellcheck: 'false',
    placeholder: 'only for a whole state machine',
  });
  const level = h(
    'select',
    { id: 'test-inspection-level', name: 'test-inspection-level' },
    ['INFO', 'DEBUG', 'TRACE'].map((l) =>
      h('option', { value: l, selected: l === 'DEBUG' ? true : undefined }, l),
    ),
  );
  const input = jsonEditor('{\n  "name": "world"\n}', {
    label: 'Input',
    name: 'test-input',
    rows: 6,
  });
  const variables = jsonEditor('{}', { label: 'Variables', name: 'test-variables', rows: 3 });
  const mockResult = jsonEditor('', {
    label: 'Mocked result (optional: a Task, Map or Parallel answers this instead of running)',
    name: 'test-mock-result',
    rows: 3,
  });
  const status = h('p', { class: 'form-status', role: 'status', 'data-role': 'test-status-line' });
  const answerSlot = h('div', { 'data-role': 'test-answer-slot' });
  const run = h(
    'button',
    {
      type: 'button',
      class: 'primary',
      'data-role': 'run-test',
      onclick: async () => {
        const parsed = [input.value(), variables.value()];
        if (parsed.some((p) => !p.ok)) {
          status.textContent = 'Not sent: the input and the variables must be JSON.';
          status.className = 'form-status error';
          return;
        }
        const mockText = mockResult.textarea.value.trim();
        const body: Record<string, unknown> = {
          definition: editor.text(),
          input: input.textarea.value,
          inspectionLevel: level.value,
          roleArn: 'arn:aws:iam::000000000000:role/sfn-callback-local',
        };
        if (stateName.value) body.stateName = stateName.value;
        if (variables.textarea.value.trim() && variables.textarea.value.trim() !== '{}')
          body.variables = variables.textarea.value;
        if (mockText) body.mock = { result: mockText };
        status.textContent = 'Testing…';
        status.className = 'form-status';
        try {
          const answer = await sfn<TestStateAnswer>('TestState', body);
          status.textContent = '';
          replace(answerSlot, answerView(answer));
        } catch (error) {
          const detail =
            error instanceof SfnError ? `${error.type}: ${error.message}` : String(error);
          status.textContent = `TestState refused the request — ${detail}`;
          status.className = 'form-status error';
        }
      },
    },
    'Test state',
  );
  const element = h(
    'section',
    { class: 'page', 'data-page': 'test-state' },
    h('div', { class: 'page-head' }, h('h1', {}, 'Test a state'), run),
    h(
      'div',
      { class: 'split editor-split' },
      h(
        'div',
        { class: 'editor-panel' },
        h('div', { class: 'panel-title' }, 'Definition: a state, or a state machine'),
        editor.element,
      ),
      h(
        'div',
        { class: 'card test-fields' },
        h(
          'div',
          { class: 'form-row two' },
          h(
            'div',
            { class: 'field' },
            h('label', { for: 'test-state-name', class: 'field-label' }, 'State name'),
            stateName,
          ),
          h(
            'div',
            { class: 'field' },
            h('label', { for: 'test-inspection-level', class: 'field-label' }, 'Inspection level'),
            level,
          ),
        ),
        input.element,
        variables.element,
        mockResult.element,
      ),
    ),
    status,
    answerSlot,
  );
  return { element, close: () => editor.view.destroy() };
}
