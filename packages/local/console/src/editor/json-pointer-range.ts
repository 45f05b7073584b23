import { syntaxTree } from '@codemirror/language';
import type { EditorState } from '@codemirror/state';

/** Where a part of a JSON text is: from and to, offsets in the text. */
export interface TextRange {
  readonly from: number;
  readonly to: number;
}

/** `/States/A~1B/Next` → `['States', 'A/B', 'Next']` (RFC 6901). */
export function pointerTokens(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .replace(/^\//, '')
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * The range of the member a JSON Pointer (a ValidateStateMachineDefinition diagnostic's
 * `location`) names, read from the editor's JSON syntax tree: the property's name when the
 * pointer ends at a property, the element for an array index. When a token is not found (the
 * text changed, or AWS points at a member that is missing), the deepest part that was found.
 */
export function pointerRange(state: EditorState, pointer: string): TextRange {
  const tree = syntaxTree(state);
  let node = tree.topNode.firstChild;
  let found: TextRange = { from: 0, to: Math.min(1, state.doc.length) };
  for (const token of pointerTokens(pointer)) {
    if (!node) break;
    if (node.name === 'Object') {
      let next: typeof node | null = null;
      for (let property = node.firstChild; property; property = property.nextSibling) {
        if (property.name !== 'Property') continue;
        const key = property.firstChild;
        if (key?.name !== 'PropertyName') continue;
        const text = state.doc.sliceString(key.from, key.to);
        let name: string;
        try {
          name = JSON.parse(text) as string;
        } catch {
          continue;
        }
        if (name === token) {
          found = { from: key.from, to: key.to };
          next = key.nextSibling;
          while (next && (next.name === ':' || next.type.isError)) next = next.nextSibling;
          break;
        }
      }
      node = next;
    } else if (node.name === 'Array') {
      const index = Number(token);
      let next: typeof node | null = null;
      let i = 0;
      for (let element = node.firstChild; element; element = element.nextSibling) {
        if (element.name === '[' || element.name === ']' || element.name === ',') continue;
        if (element.type.isError) continue;
        if (i === index) {
          next = element;
          found = { from: element.from, to: element.to };
          break;
        }
        i += 1;
      }
      node = next;
    } else {
      break;
    }
  }
  return found;
}
