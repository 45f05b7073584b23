import { h } from './dom.js';

const TOKEN =
  /("(?:\\.|[^"\\])*")(\s*:)?|\b(true|false|null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|([{}[\],])/g;

/**
 * JSON text as a highlighted `<pre>`: keys, strings, numbers, literals and punctuation in
 * their own classes. Built from text nodes only (no HTML parsing of what is shown).
 */
export function jsonView(text: string, className = 'json'): HTMLPreElement {
  // Long JSON scrolls: the keyboard can reach it to scroll it (WCAG's scrollable regions).
  const pre = h('pre', { class: className, tabindex: 0 });
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    const index = match.index ?? 0;
    if (index > last) pre.append(text.slice(last, index));
    const [whole, string, colon, literal, number] = match;
    if (string !== undefined) {
      pre.append(h('span', { class: colon ? 'j-key' : 'j-string' }, string));
      if (colon) pre.append(colon);
    } else if (literal !== undefined) {
      pre.append(h('span', { class: 'j-literal' }, literal));
    } else if (number !== undefined) {
      pre.append(h('span', { class: 'j-number' }, number));
    } else {
      pre.append(h('span', { class: 'j-punct' }, whole));
    }
    last = index + whole.length;
  }
  if (last < text.length) pre.append(text.slice(last));
  return pre;
}
