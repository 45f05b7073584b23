import { h } from './dom.js';
import { checkJson } from './json-text.js';

/** A JSON text area that says, as you type, whether its text is JSON. */
export interface JsonEditor {
  readonly element: HTMLElement;
  readonly textarea: HTMLTextAreaElement;
  /** The parsed value, or undefined when the text is not JSON. */
  value(): { ok: true; value: unknown } | { ok: false };
}

/** A JSON editor with `initial` text; `onChange` hears whether the text is valid. */
export function jsonEditor(
  initial: string,
  options: { label: string; name: string; rows?: number; onChange?: (valid: boolean) => void },
): JsonEditor {
  const message = h('div', { class: 'field-message', 'data-role': `${options.name}-message` });
  const textarea = h('textarea', {
    name: options.name,
    rows: options.rows ?? 8,
    spellcheck: 'false',
    class: 'code',
    'aria-label': options.label,
  });
  textarea.value = initial;
  const check = () => {
    const result = checkJson(textarea.value);
    textarea.classList.toggle('invalid', !result.ok);
    message.textContent = result.ok ? 'Valid JSON' : `Not JSON: ${result.message}`;
    message.classList.toggle('error', !result.ok);
    options.onChange?.(result.ok);
    return result;
  };
  textarea.addEventListener('input', check);
  const format = h(
    'button',
    {
      type: 'button',
      class: 'small',
      onclick: () => {
        const result = check();
        if (result.ok) {
          textarea.value = JSON.stringify(result.value, null, 2);
          check();
        }
      },
    },
    'Format',
  );
  const element = h(
    'label',
    { class: 'field' },
    h('span', { class: 'field-label' }, options.label, ' ', format),
    textarea,
    message,
  );
  queueMicrotask(check);
  return {
    element,
    textarea,
    value: () => {
      const result = check();
      return result.ok ? { ok: true, value: result.value } : { ok: false };
    },
  };
}
