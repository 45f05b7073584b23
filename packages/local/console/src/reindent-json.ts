/**
 * JSON text laid out with two-space indentation, every token kept exactly as written: a
 * number beyond double precision (`12345678901234567890123`), `1e999` or an escape in a
 * string is shown as the client sent it, where `JSON.stringify(JSON.parse(text))` would
 * show `1.2345678901234568e+22` and `null`. The text must be valid JSON (the caller checks
 * it); the layout is that of `JSON.stringify(value, null, 2)`. No recursion: any depth.
 */
export function reindentJson(text: string): string {
  let out = '';
  let depth = 0;
  let index = 0;
  const newline = () => `\n${'  '.repeat(depth)}`;
  while (index < text.length) {
    const character = text[index] as string;
    if (character === '"') {
      let end = index + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      out += text.slice(index, end + 1);
      index = end + 1;
      continue;
    }
    if (character === '{' || character === '[') {
      const close = character === '{' ? '}' : ']';
      let next = index + 1;
      while (next < text.length && /\s/.test(text[next] as string)) next += 1;
      if (text[next] === close) {
        out += `${character}${close}`;
        index = next + 1;
        continue;
      }
      depth += 1;
      out += character + newline();
    } else if (character === '}' || character === ']') {
      depth -= 1;
      out += newline() + character;
    } else if (character === ',') {
      out += `,${newline()}`;
    } else if (character === ':') {
      out += ': ';
    } else if (!/\s/.test(character)) {
      out += character;
    }
    index += 1;
  }
  return out;
}
