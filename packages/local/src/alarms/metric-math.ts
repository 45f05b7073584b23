/**
 * The arithmetic of CloudWatch metric math: numbers, query ids, `+ - * /`, unary minus and
 * parentheses, evaluated for one period. A missing operand, or a division by zero, gives no
 * datapoint (as CloudWatch drops such a timestamp). Functions (`FILL`, `IF`, `SUM` …) are
 * not evaluated locally: {@link parseExpression} throws for them, naming the function.
 */
export type Expression =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'id'; readonly id: string }
  | { readonly kind: 'negate'; readonly operand: Expression }
  | {
      readonly kind: 'binary';
      readonly operator: '+' | '-' | '*' | '/';
      readonly left: Expression;
      readonly right: Expression;
    };

/** An expression that this evaluator does not handle. */
export class UnsupportedExpressionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedExpressionError';
  }
}

const TOKEN = /\s*(?:(\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|(.))/y;

/** Parses an expression; throws {@link UnsupportedExpressionError} for anything else. */
export function parseExpression(text: string): Expression {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const match = TOKEN.exec(text);
    if (!match) break;
    const token = match[1] ?? match[2] ?? match[3];
    if (token !== undefined) tokens.push(token);
  }
  let position = 0;
  const peek = () => tokens[position];
  const fail = (why: string): never => {
    throw new UnsupportedExpressionError(`metric math "${text}": ${why}`);
  };
  const primary = (): Expression => {
    const token = tokens[position++];
    if (token === undefined) return fail('unexpected end');
    if (token === '(') {
      const inner = sum();
      if (tokens[position++] !== ')') fail('missing )');
      return inner;
    }
    if (token === '-') return { kind: 'negate', operand: primary() };
    if (/^\d/.test(token)) return { kind: 'number', value: Number(token) };
    if (/^[A-Za-z_]/.test(token)) {
      if (peek() === '(') fail(`function ${token} is not evaluated locally`);
      return { kind: 'id', id: token };
    }
    return fail(`unexpected "${token}"`);
  };
  const product = (): Expression => {
    let left = primary();
    while (peek() === '*' || peek() === '/') {
      const operator = tokens[position++] as '*' | '/';
      left = { kind: 'binary', operator, left, right: primary() };
    }
    return left;
  };
  const sum = (): Expression => {
    let left = product();
    while (peek() === '+' || peek() === '-') {
      const operator = tokens[position++] as '+' | '-';
      left = { kind: 'binary', operator, left, right: product() };
    }
    return left;
  };
  const expression = sum();
  if (position !== tokens.length) fail(`unexpected "${tokens[position]}"`);
  return expression;
}

/** The value of an expression for one period, or `undefined` (no datapoint). */
export function evaluateExpression(
  expression: Expression,
  values: (id: string) => number | undefined,
): number | undefined {
  switch (expression.kind) {
    case 'number':
      return expression.value;
    case 'id':
      return values(expression.id);
    case 'negate': {
      const operand = evaluateExpression(expression.operand, values);
      return operand === undefined ? undefined : -operand;
    }
    case 'binary': {
      const left = evaluateExpression(expression.left, values);
      const right = evaluateExpression(expression.right, values);
      if (left === undefined || right === undefined) return undefined;
      switch (expression.operator) {
        case '+':
          return left + right;
        case '-':
          return left - right;
        case '*':
          return left * right;
        case '/':
          return right === 0 ? undefined : left / right;
      }
    }
  }
}
