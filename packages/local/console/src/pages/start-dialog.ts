import { SfnError, sfn } from '../api.js';
import { h } from '../dom.js';
import { executionNameProblem } from '../execution-name.js';
import { jsonEditor } from '../json-editor.js';
import { href } from '../router.js';

const DEFAULT_INPUT = '{\n  "Comment": "Insert your JSON here"\n}';

/**
 * The Start execution dialog, as the AWS console's: an optional name (AWS's rules checked
 * as you type) and the input, a JSON editor. Starts through StartExecution and opens the
 * execution's page.
 */
export function openStartDialog(
  stateMachineArn: string,
  stateMachineName: string,
): HTMLDialogElement {
  const nameMessage = h(
    'div',
    { class: 'field-message', 'data-role': 'name-message' },
    'Optional: a name is generated when empty.',
  );
  const name = h('input', {
    type: 'text',
    name: 'execution-name',
    autocomplete: 'off',
    spellcheck: 'false',
    placeholder: 'a generated name',
  });
  const failure = h('div', { class: 'field-message error', 'data-role': 'start-error' });
  const start = h(
    'button',
    { type: 'submit', class: 'primary', 'data-role': 'start' },
    'Start execution',
  );
  let inputValid = true;
  const update = () => {
    const problem = executionNameProblem(name.value);
    name.classList.toggle('invalid', problem !== undefined);
    nameMessage.textContent =
      problem ?? (name.value ? 'Valid name' : 'Optional: a name is generated when empty.');
    nameMessage.classList.toggle('error', problem !== undefined);
    start.disabled = problem !== undefined || !inputValid;
  };
  const input = jsonEditor(DEFAULT_INPUT, {
    label: 'Input (JSON)',
    name: 'execution-input',
    rows: 10,
    onChange: (valid) => {
      inputValid = valid;
      update();
    },
  });
  name.addEventListener('input', update);
  const dialog = h('dialog', { class: 'dialog', 'data-role': 'start-dialog' });
  const cancel = h('button', { type: 'button', onclick: () => dialog.close() }, 'Cancel');
  const form = h(
    'form',
    {
      method: 'dialog',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        const parsed = input.value();
        if (executionNameProblem(name.value) || !parsed.ok) return;
        start.disabled = true;
        failure.textContent = '';
        try {
          const { executionArn } = await sfn<{ executionArn: string }>('StartExecution', {
            stateMachineArn,
            input: input.textarea.value,
            ...(name.value ? { name: name.value } : {}),
          });
          dialog.close();
          location.hash = href({ page: 'executions', arn: executionArn });
        } catch (error) {
          failure.textContent =
            error instanceof SfnError ? `${error.type}: ${error.message}` : String(error);
          start.disabled = false;
        }
      },
    },
    h('h2', {}, `Start execution: ${stateMachineName}`),
    h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'Name'), name, nameMessage),
    input.element,
    failure,
    h('div', { class: 'actions' }, cancel, start),
  );
  dialog.append(form);
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  update();
  name.focus();
  return dialog;
}
