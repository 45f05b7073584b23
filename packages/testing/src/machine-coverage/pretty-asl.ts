/** A position in a text file as Istanbul counts it: line from 1, column from 0. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

export interface Span {
  readonly start: Position;
  readonly end: Position;
}

/**
 * A definition printed exactly as `JSON.stringify(definition, null, 2)` prints it, with
 * where each value sits: an object member from its key to the end of its value, an array
 * element over its value. Keys of the map are JSON paths joined by `/`.
 */
export function prettyAsl(definition: unknown): { text: string; spans: Map<string, Span> } {
  const parts: string[] = [];
  const spans = new Map<string, Span>();
  let line = 1;
  let column = 0;
  const write = (text: string) => {
    parts.push(text);
    const lines = text.split('\n');
    if (lines.length > 1) {
      line += lines.length - 1;
      column = (lines.at(-1) as string).length;
    } else column += text.length;
  };
  const here = (): Position => ({ line, column });
  const emit = (value: unknown, indent: string, path: string) => {
    if (Array.isArray(value)) {
      if (value.length === 0) return write('[]');
      write('[');
      value.forEach((element, index) => {
        write(`\n${indent}  `);
        const start = here();
        emit(element ?? null, `${indent}  `, `${path}/${index}`);
        spans.set(`${path}/${index}`, { start, end: here() });
        if (index < value.length - 1) write(',');
      });
      return write(`\n${indent}]`);
    }
    if (value && typeof value === 'object') {
      const entries = Object.entries(value).filter(([, v]) => v !== undefined);
      if (entries.length === 0) return write('{}');
      write('{');
      entries.forEach(([key, member], index) => {
        write(`\n${indent}  `);
        const start = here();
        write(`${JSON.stringify(key)}: `);
        emit(member, `${indent}  `, `${path}/${key}`);
        spans.set(`${path}/${key}`, { start, end: here() });
        if (index < entries.length - 1) write(',');
      });
      return write(`\n${indent}}`);
    }
    write(JSON.stringify(value) ?? 'null');
  };
  emit(definition, '', '');
  write('\n');
  return { text: parts.join(''), spans };
}

/** The span key of a JSON path. */
export function spanKey(path: readonly (string | number)[]): string {
  return path.map((part) => `/${part}`).join('');
}
