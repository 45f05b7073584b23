/**
 * The line of every member of a JSON text, by JSON Pointer (`/MockedResponses/Ok/0`), so
 * that a refusal of a configuration file can say where. Expects text `JSON.parse` accepted.
 */
export function memberLines(text: string): ReadonlyMap<string, number> {
  const lines = new Map<string, number>();
  let index = 0;
  let line = 1;

  const skipSpace = () => {
    while (index < text.length) {
      const character = text[index];
      if (character === '\n') line += 1;
      else if (character !== ' ' && character !== '\t' && character !== '\r') return;
      index += 1;
    }
  };
  const readString = (): string => {
    const start = index;
    index += 1;
    while (text[index] !== '"') index += text[index] === '\\' ? 2 : 1;
    index += 1;
    return JSON.parse(text.slice(start, index)) as string;
  };
  const value = (pointer: string): void => {
    skipSpace();
    const character = text[index];
    if (character === '{') {
      index += 1;
      skipSpace();
      if (text[index] === '}') {
        index += 1;
        return;
      }
      for (;;) {
        skipSpace();
        const keyLine = line;
        const key = readString();
        const member = `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
        lines.set(member, keyLine);
        skipSpace();
        index += 1; // ':'
        value(member);
        skipSpace();
        if (text[index++] === '}') return;
      }
    }
    if (character === '[') {
      index += 1;
      skipSpace();
      if (text[index] === ']') {
        index += 1;
        return;
      }
      for (let item = 0; ; item++) {
        skipSpace();
        lines.set(`${pointer}/${item}`, line);
        value(`${pointer}/${item}`);
        skipSpace();
        if (text[index++] === ']') return;
      }
    }
    if (character === '"') {
      readString();
      return;
    }
    while (index < text.length && !/[\s,\]}]/.test(text[index] as string)) index += 1;
  };
  value('');
  return lines;
}

/** The 1-based line and column of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
