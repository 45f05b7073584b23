import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { json } from '@codemirror/lang-json';
import { yaml } from '@codemirror/lang-yaml';
import {
  bracketMatching,
  defaultHighlightStyle,
  foldGutter,
  foldKeymap,
  indentOnInput,
  syntaxHighlighting,
} from '@codemirror/language';
import { type Diagnostic, lintGutter, lintKeymap, setDiagnostics } from '@codemirror/lint';
import { Compartment, EditorState } from '@codemirror/state';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from '@codemirror/view';
import { cspNonce } from './csp-nonce.js';
import { type DefinitionFormat, yamlPointerRange } from './definition-format.js';
import { pointerRange } from './json-pointer-range.js';

/** A diagnostic to show in the editor: a JSON Pointer (AWS's `location`) or an offset. */
export interface EditorDiagnostic {
  readonly severity: 'error' | 'warning';
  readonly message: string;
  /** ValidateStateMachineDefinition's `location` (a JSON Pointer). */
  readonly location?: string;
  /** An offset in the text (where it stops being JSON or YAML). */
  readonly at?: number;
}

/** The definition editor: CodeMirror 6 on a JSON or YAML text. */
export interface DefinitionEditor {
  readonly element: HTMLElement;
  readonly view: EditorView;
  text(): string;
  /** The notation the text is in. */
  format(): DefinitionFormat;
  /** Replaces the text with `text`, written in `format` (one undoable change). */
  setText(text: string, format?: DefinitionFormat): void;
  /** Shows `diagnostics` (replacing those shown) as lint marks, in the gutter and the text. */
  showDiagnostics(diagnostics: readonly EditorDiagnostic[]): void;
  /** Puts the cursor on a diagnostic's place and the focus in the editor. */
  reveal(diagnostic: EditorDiagnostic): void;
}

const language = (format: DefinitionFormat) => (format === 'json' ? json() : yaml());

/**
 * A JSON (or YAML) editor with highlighting, folding, bracket matching, undo and line numbers, for an
 * ASL definition. Works offline (bundled) and under the console's Content-Security-Policy:
 * its styles carry the page's nonce ({@link cspNonce}). Tab indents; Escape then Tab leaves
 * the editor (CodeMirror's own rule, so that the keyboard is never trapped).
 */
export function definitionEditor(
  initial: string,
  options: { label: string; onChange: (text: string) => void; format?: DefinitionFormat },
): DefinitionEditor {
  const nonce = cspNonce();
  let format = options.format ?? 'json';
  const languageSlot = new Compartment();
  const view = new EditorView({
    state: EditorState.create({
      doc: initial,
      extensions: [
        ...(nonce ? [EditorView.cspNonce.of(nonce)] : []),
        lineNumbers(),
        highlightActiveLineGutter(),
        foldGutter(),
        lintGutter(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        highlightActiveLine(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        languageSlot.of(language(format)),
        keymap.of([
          ...defaultKeymap,
          ...historyKeymap,
          ...foldKeymap,
          ...lintKeymap,
          indentWithTab,
        ]),
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ 'aria-label': options.label }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) options.onChange(update.state.doc.toString());
        }),
      ],
    }),
  });
  // A long definition scrolls: its scroller takes the focus too, so that a keyboard can
  // scroll it without editing (WCAG's scrollable-region-focusable).
  view.scrollDOM.tabIndex = 0;
  view.scrollDOM.setAttribute('aria-label', `${options.label}, scrolled`);
  const toDiagnostic = (d: EditorDiagnostic): Diagnostic => {
    const range =
      d.at !== undefined
        ? {
            from: Math.min(d.at, view.state.doc.length),
            to: Math.min(d.at + 1, view.state.doc.length),
          }
        : format === 'json'
          ? pointerRange(view.state, d.location ?? '')
          : yamlPointerRange(view.state.doc.toString(), d.location ?? '');
    return { ...range, severity: d.severity, message: d.message };
  };
  return {
    element: view.dom,
    view,
    text: () => view.state.doc.toString(),
    format: () => format,
    setText(text, next = format) {
      const effects = next !== format ? languageSlot.reconfigure(language(next)) : [];
      format = next;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, effects });
    },
    showDiagnostics(diagnostics) {
      view.dispatch(setDiagnostics(view.state, diagnostics.map(toDiagnostic)));
    },
    reveal(diagnostic) {
      const { from } = toDiagnostic(diagnostic);
      view.dispatch({ selection: { anchor: from }, scrollIntoView: true });
      view.focus();
    },
  };
}
