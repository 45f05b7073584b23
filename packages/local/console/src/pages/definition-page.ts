import { EditorState, StateEffect } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { nameProblem } from '../../../src/model/resource-name.js';
import type { StateMachineOrigin } from '../../../src/model/state-machine-origin.js';
import { consoleGet, SfnError, sfn } from '../api.js';
import { h, replace } from '../dom.js';
import {
  type DefinitionEditor,
  definitionEditor,
  type EditorDiagnostic,
} from '../editor/definition-editor.js';
import {
  convertDefinition,
  type DefinitionFormat,
  definitionJson,
  formatName,
  parseDefinition,
} from '../editor/definition-format.js';
import { pointerTokens } from '../editor/json-pointer-range.js';
import { aslGraph } from '../graph/asl-graph.js';
import { layoutGraph } from '../graph/graph-layout.js';
import { type GraphView, graphView } from '../graph/graph-view.js';
import { prettyJson } from '../json-text.js';
import { href } from '../router.js';
import type { Page } from './page.js';
import { TEST_STATE_HANDOFF_KEY } from './test-state-page.js';

/** A ValidateStateMachineDefinition diagnostic (the API reference's shape). */
interface ValidationDiagnostic {
  readonly severity: 'ERROR' | 'WARNING';
  readonly code: string;
  readonly message: string;
  readonly location?: string;
}

/** What a new state machine starts with: one Pass state, so that the graph shows something. */
const STARTER = `{
  "Comment": "A new state machine",
  "StartAt": "Hello",
  "States": {
    "Hello": {
      "Type": "Pass",
      "Result": { "hello": "world" },
      "End": true
    }
  }
}
`;

/** The role a state machine made here runs as (local checks its form, not its rights). */
const DEFAULT_ROLE = 'arn:aws:iam::000000000000:role/sfn-callback-local';

/** How long typing must pause before the graph is redrawn and the definition validated. */
const REDRAW_AFTER_MS = 250;

/** The state a diagnostic's location names (`/States/A/States/B/Next` → `B`). */
export function stateOfLocation(location: string | undefined): string | undefined {
  const tokens = pointerTokens(location ?? '');
  let state: string | undefined;
  for (let i = 0; i < tokens.length - 1; i += 1) if (tokens[i] === 'States') state = tokens[i + 1];
  return state;
}

/** Whether the state machine comes from the CDK app `serve` loaded (the API will not change it). */
export function stateMachineOrigin(arn: string): Promise<StateMachineOrigin> {
  // Unknown (the call failed): the page offers what the API may take, and shows its answer.
  return consoleGet<StateMachineOrigin>(
    `state-machine-origin?stateMachineArn=${encodeURIComponent(arn)}`,
  ).catch(() => ({ fromApp: false }));
}

/**
 * Why an app's state machine cannot be changed from the page: UpdateStateMachine and
 * DeleteStateMachine refuse it, its definition being the cloud assembly's.
 */
export function appDefinitionNotice(origin: StateMachineOrigin): HTMLElement {
  return h(
    'p',
    { class: 'notice info', 'data-role': 'from-app' },
    `This state machine comes from the CDK app${origin.stackName ? ` (stack ${origin.stackName})` : ''}: its definition is the app's, and UpdateStateMachine refuses to change it. Edit it in the app, then synthesize and restart serve (or redeploy).`,
  );
}

/**
 * The definition editor: a new state machine (`arn` undefined), or a created one's definition.
 * The ASL in a code editor beside its graph, redrawn as you type; AWS's diagnostics
 * (ValidateStateMachineDefinition) on their line and their state; Create, Update (a new
 * revision) and Delete through the Step Functions API. A failed request never touches the
 * text. A state machine of the CDK app opens read-only, saying why and where to change it.
 */
export function definitionPage(arn?: string): Page {
  const isNew = arn === undefined;
  const title = h('h1', {}, isNew ? 'New state machine' : 'Edit definition');
  const status = h('p', {
    class: 'form-status',
    role: 'status',
    'aria-live': 'polite',
    'data-role': 'editor-status',
  });
  const nameMessage = h('span', {
    class: 'field-message',
    id: 'machine-name-message',
    'data-role': 'name-message',
  });
  const nameInput = h('input', {
    name: 'machine-name',
    id: 'machine-name',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-describedby': 'machine-name-message',
  });
  const typeSelect = h(
    'select',
    { name: 'machine-type', id: 'machine-type' },
    h('option', { value: 'STANDARD' }, 'Standard'),
    h('option', { value: 'EXPRESS' }, 'Express'),
  );
  const roleInput = h('input', {
    name: 'machine-role',
    id: 'machine-role',
    value: DEFAULT_ROLE,
    spellcheck: 'false',
  });
  const diagnosticsList = h('ul', { class: 'diagnostics', 'data-role': 'diagnostics' });
  const graphSlot = h('div', { class: 'graph-slot', 'data-role': 'editor-graph' });
  let graph: GraphView | undefined;
  let lastDiagnostics: ValidationDiagnostic[] = [];
  let checkedText: string | undefined;
  let sequence = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  const say = (text: string, kind: 'info' | 'error' | 'ok' = 'info') => {
    status.textContent = text;
    status.className = `form-status ${kind}`;
  };

  const checkName = (): boolean => {
    if (!isNew) return true;
    const problem = nameProblem(nameInput.value);
    nameMessage.textContent = problem ?? '';
    nameMessage.classList.toggle('error', problem !== undefined);
    nameInput.setAttribute('aria-invalid', String(problem !== undefined));
    createButton.disabled = problem !== undefined;
    return problem === undefined;
  };
  nameInput.addEventListener('input', checkName);

  const showList = (items: readonly { text: string; diagnostic: EditorDiagnostic }[]) => {
    replace(
      diagnosticsList,
      items.length === 0
        ? h(
            'li',
            { class: 'ok', 'data-role': 'no-diagnostics' },
            'No diagnostics: AWS accepts this definition.',
          )
        : items.map((item) =>
            h(
              'li',
              { class: item.diagnostic.severity },
              h(
                'button',
                {
                  type: 'button',
                  class: 'link',
                  'data-role': 'diagnostic',
                  onclick: () => editor.reveal(item.diagnostic),
                },
                item.text,
              ),
            ),
          ),
    );
  };

  /** What the graph drawn shows (its states, edges and labels), to redraw only on change. */
  let drawnShape: string | undefined;

  /**
   * Redraws the graph of `definition` (kept as it was when the text cannot be drawn). Most
   * keystrokes change no state, edge nor label: the drawing then stays, and only an edit
   * that changes what the graph shows pays for a new layout.
   */
  const redraw = (definition: unknown) => {
    if (!definition || typeof definition !== 'object') return;
    try {
      const began = performance.now();
      const shape = aslGraph(definition as Record<string, unknown>);
      const key = JSON.stringify(shape);
      if (key !== drawnShape) {
        const next = graphView(layoutGraph(shape));
        graph = next;
        drawnShape = key;
        replace(graphSlot, next.element);
      }
      // Read by `pnpm bench` (bench/console-workbench.bench.ts): the time of each drawing.
      performance.measure('graph-draw', { start: began });
    } catch {
      // A half-typed definition the graph cannot hold: the last drawing stays.
    }
  };

  const staleGraph = () => `The graph shows the last text that was ${formatName(editor.format())}.`;

  /** Validates the text: where it stops being JSON (or YAML), else AWS's diagnostics. */
  const check = async (): Promise<ValidationDiagnostic[] | undefined> => {
    const text = editor.text();
    const mine = ++sequence;
    const parsed = parseDefinition(text, editor.format());
    if (!parsed.ok) {
      const diagnostic: EditorDiagnostic = {
        severity: 'error',
        message: `Not ${formatName(editor.format())}: ${parsed.message}`,
        at: parsed.position ?? text.length,
      };
      editor.showDiagnostics([diagnostic]);
      showList([{ text: diagnostic.message, diagnostic }]);
      graph?.markProblems(new Set());
      checkedText = undefined;
      if (graph) say(staleGraph());
      return undefined;
    }
    redraw(parsed.value);
    // Messages about a text that could not be read are over once it can be.
    if (/^(The graph shows the last text|Not rewritten in)/.test(status.textContent ?? '')) say('');
    try {
      const answer = await sfn<{ result: string; diagnostics: ValidationDiagnostic[] }>(
        'ValidateStateMachineDefinition',
        {
          definition: definitionJson(text, editor.format()),
          type: typeSelect.value,
          maxResults: 100,
        },
      );
      if (mine !== sequence || closed) return undefined;
      lastDiagnostics = answer.diagnostics;
      checkedText = text;
      const shown = answer.diagnostics.map((d) => ({
        text: `${d.severity} ${d.code}: ${d.message}${d.location ? ` (at ${d.location})` : ''}`,
        diagnostic: {
          severity: d.severity === 'ERROR' ? ('error' as const) : ('warning' as const),
          message: `${d.code}: ${d.message}`,
          location: d.location ?? '',
        },
      }));
      editor.showDiagnostics(shown.map((s) => s.diagnostic));
      showList(shown);
      const states = new Set<string>();
      for (const d of answer.diagnostics) {
        const state = stateOfLocation(d.location);
        if (state) states.add(state);
      }
      graph?.markProblems(states);
      return answer.diagnostics;
    } catch (error) {
      if (mine === sequence) say(`Could not validate the definition: ${String(error)}`, 'error');
      return undefined;
    }
  };

  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void check(), REDRAW_AFTER_MS);
  };

  const editor: DefinitionEditor = definitionEditor(isNew ? STARTER : '', {
    label: 'Definition (Amazon States Language)',
    onChange: schedule,
  });
  typeSelect.addEventListener('change', schedule);

  /** JSON or YAML: the text rewritten in the other notation (refused while it cannot be read). */
  const formatSwitch = h('fieldset', { class: 'format-switch', 'data-role': 'format-switch' });
  const formatChoice = (format: DefinitionFormat) => {
    const input = h('input', {
      type: 'radio',
      name: 'definition-format',
      id: `definition-format-${format}`,
      value: format,
      'data-role': `format-${format}`,
    }) as HTMLInputElement;
    input.checked = format === editor.format();
    input.addEventListener('change', () => {
      if (!input.checked || format === editor.format()) return;
      const from = editor.format();
      const converted = convertDefinition(editor.text(), from, format);
      if (converted === undefined) {
        (formatSwitch.querySelector(`[value=${from}]`) as HTMLInputElement).checked = true;
        say(
          `Not rewritten in ${formatName(format)}: the text is not ${formatName(from)} yet (see where it stops below).`,
          'error',
        );
        return;
      }
      editor.setText(converted, format);
      say(
        format === 'yaml'
          ? 'Written in YAML here; the API is sent the same definition as JSON.'
          : '',
      );
    });
    return h('label', { for: input.id }, input, formatName(format));
  };
  formatSwitch.append(
    h('legend', { class: 'visually-hidden' }, 'Notation'),
    formatChoice('json'),
    formatChoice('yaml'),
  );

  /** The definition as the API takes it: JSON (a YAML text converted). */
  const definitionText = () => definitionJson(editor.text(), editor.format()) ?? editor.text();

  /** Validates now; true when AWS would take the text (it then may be sent). */
  const ready = async (): Promise<boolean> => {
    clearTimeout(timer);
    const diagnostics = checkedText === editor.text() ? lastDiagnostics : await check();
    if (diagnostics === undefined) {
      say(
        `Not sent: the definition is not ${formatName(editor.format())} yet (see where it stops below).`,
        'error',
      );
      return false;
    }
    const errors = diagnostics.filter((d) => d.severity === 'ERROR').length;
    if (errors > 0) {
      say(
        `Not sent: AWS would refuse this definition (${errors} error${errors > 1 ? 's' : ''} below).`,
        'error',
      );
      return false;
    }
    return true;
  };

  const failed = (what: string, error: unknown) => {
    const detail = error instanceof SfnError ? `${error.type}: ${error.message}` : String(error);
    say(`${what} failed — ${detail}. Your text is kept as it is.`, 'error');
  };

  /** Publish a version with the create or update (`publish: true`), as AWS's console offers. */
  const publishBox = h('input', {
    type: 'checkbox',
    id: 'publish-version',
    'data-role': 'publish-version',
  }) as HTMLInputElement;
  const publishChoice = h(
    'label',
    { class: 'inline-check', for: 'publish-version' },
    publishBox,
    'Publish a version',
  );
  const publishing = () => (publishBox.checked ? { publish: true } : {});
  /** ", version 3 published" when the answer names the version published. */
  const publishedText = (answer: { stateMachineVersionArn?: string }) =>
    answer.stateMachineVersionArn
      ? `; version ${answer.stateMachineVersionArn.slice(answer.stateMachineVersionArn.lastIndexOf(':') + 1)} published`
      : '';

  const createButton = h(
    'button',
    {
      type: 'button',
      class: 'primary',
      'data-role': 'create',
      onclick: async () => {
        if (!checkName() || !(await ready())) return;
        say('Creating…');
        try {
          const created = await sfn<{ stateMachineArn: string }>('CreateStateMachine', {
            name: nameInput.value,
            definition: definitionText(),
            roleArn: roleInput.value,
            type: typeSelect.value,
            ...publishing(),
          });
          location.hash = href({ page: 'editor', arn: created.stateMachineArn });
        } catch (error) {
          failed('Create', error);
        }
      },
    },
    'Create',
  );
  const updateButton = h(
    'button',
    {
      type: 'button',
      class: 'primary',
      'data-role': 'update',
      onclick: async () => {
        if (!arn || !(await ready())) return;
        say('Updating…');
        try {
          const updated = await sfn<{ revisionId?: string; stateMachineVersionArn?: string }>(
            'UpdateStateMachine',
            { stateMachineArn: arn, definition: definitionText(), ...publishing() },
          );
          say(`Updated: new revision ${updated.revisionId ?? ''}${publishedText(updated)}.`, 'ok');
        } catch (error) {
          failed('Update', error);
        }
      },
    },
    'Update',
  );
  const testButton = h(
    'button',
    {
      type: 'button',
      'data-role': 'open-test-state',
      onclick: () => {
        sessionStorage.setItem(TEST_STATE_HANDOFF_KEY, definitionText());
        location.hash = href({ page: 'test-state' });
      },
    },
    'Test a state',
  );
  let confirming = false;
  const deleteButton = h(
    'button',
    {
      type: 'button',
      class: 'danger',
      'data-role': 'delete',
      onclick: async () => {
        if (!arn) return;
        if (!confirming) {
          confirming = true;
          deleteButton.textContent = 'Delete: click again to confirm';
          return;
        }
        say('Deleting…');
        try {
          await sfn('DeleteStateMachine', { stateMachineArn: arn });
          location.hash = href({ page: 'state-machines' });
        } catch (error) {
          confirming = false;
          deleteButton.textContent = 'Delete';
          failed('Delete', error);
        }
      },
    },
    'Delete',
  );

  const field = (label: string, id: string, control: HTMLElement, extra?: HTMLElement) =>
    h(
      'div',
      { class: 'field' },
      h('label', { for: id, class: 'field-label' }, label),
      control,
      extra,
    );

  const element = h(
    'section',
    { class: 'page', 'data-page': 'definition' },
    h(
      'div',
      { class: 'page-head' },
      h(
        'div',
        {},
        title,
        isNew
          ? null
          : h(
              'div',
              { class: 'meta mono' },
              h(
                'a',
                { href: href({ page: 'state-machines', arn }), 'data-role': 'machine-link' },
                arn,
              ),
            ),
      ),
      h(
        'div',
        { class: 'actions' },
        testButton,
        publishChoice,
        isNew ? createButton : [updateButton, deleteButton],
      ),
    ),
    isNew
      ? h(
          'div',
          { class: 'form-row' },
          field('Name', 'machine-name', nameInput, nameMessage),
          field('Type', 'machine-type', typeSelect),
          field('Role ARN', 'machine-role', roleInput),
        )
      : null,
    status,
    h(
      'div',
      { class: 'split editor-split' },
      h(
        'div',
        { class: 'editor-panel' },
        h(
          'div',
          { class: 'panel-title editor-title' },
          h('span', { id: 'definition-title' }, 'Definition (ASL)'),
          formatSwitch,
        ),
        editor.element,
      ),
      graphSlot,
    ),
    h('h2', {}, 'Diagnostics'),
    diagnosticsList,
  );

  if (isNew) {
    checkName();
    schedule();
  } else {
    say('Loading…');
    // Hidden until the origin is known: an app's state machine cannot be updated nor deleted.
    updateButton.hidden = true;
    deleteButton.hidden = true;
    publishChoice.hidden = true;
    void Promise.all([
      sfn<{ name: string; type: string; definition: string }>('DescribeStateMachine', {
        stateMachineArn: arn,
      }),
      stateMachineOrigin(arn),
    ])
      .then(([machine, origin]) => {
        if (closed) return;
        if (origin.fromApp) {
          title.textContent = `${machine.name} (read-only)`;
          editor.view.dispatch({
            effects: StateEffect.appendConfig.of([
              EditorState.readOnly.of(true),
              EditorView.contentAttributes.of({ 'aria-readonly': 'true' }),
            ]),
          });
          status.before(appDefinitionNotice(origin));
          element.dataset.readOnly = 'true';
        } else {
          title.textContent = `Edit ${machine.name}`;
          updateButton.hidden = false;
          deleteButton.hidden = false;
          publishChoice.hidden = false;
        }
        typeSelect.value = machine.type;
        // Read-only, the app's definition is laid out to be read; an editable one stays as
        // stored, so that Update sends back exactly what was there plus the edit. Either opens
        // in JSON, as stored (the switch rewrites it in YAML on request).
        const text = origin.fromApp ? prettyJson(machine.definition) : machine.definition;
        editor.setText(text, 'json');
        (formatSwitch.querySelector('[value=json]') as HTMLInputElement).checked = true;
        say('');
      })
      .catch((error) => failed('Loading the state machine', error));
  }
  return {
    element,
    close: () => {
      closed = true;
      clearTimeout(timer);
      editor.view.destroy();
    },
  };
}
