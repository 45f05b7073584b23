/** A Step Functions API error, as the JSON 1.0 protocol returns it. */
export class SfnError extends Error {
  readonly type: string;
  readonly status: number;
  constructor(type: string, message: string, status: number) {
    super(message);
    this.name = type;
    this.type = type;
    this.status = status;
  }
}

/**
 * Calls the Step Functions API the page was served by, as the AWS CLI does: `POST /` with
 * `X-Amz-Target: AWSStepFunctions.<operation>` and a JSON body. The console's cookie
 * carries the secret (same-origin requests only).
 */
export async function sfn<T = Record<string, unknown>>(
  operation: string,
  body: Record<string, unknown> = {},
): Promise<T> {
  const response = await fetch('/', {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      'Content-Type': 'application/x-amz-json-1.0',
      'X-Amz-Target': `AWSStepFunctions.${operation}`,
    },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  const parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  if (!response.ok) {
    const type = String(parsed.__type ?? 'Error').replace(/^.*#/, '');
    throw new SfnError(type, String(parsed.message ?? parsed.Message ?? text), response.status);
  }
  return parsed as T;
}

/** A console-only call (`GET /console/api/<name>`). */
export async function consoleGet<T>(name: string): Promise<T> {
  const response = await fetch(`/console/api/${name}`, { credentials: 'same-origin' });
  if (!response.ok) throw new SfnError('ConsoleError', await response.text(), response.status);
  return (await response.json()) as T;
}

/** Every page of a paged Step Functions list (`nextToken`). */
export async function sfnAll<T>(
  operation: string,
  body: Record<string, unknown>,
  member: string,
): Promise<T[]> {
  const items: T[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn<Record<string, unknown>>(operation, {
      ...body,
      ...(nextToken ? { nextToken } : {}),
    });
    items.push(...((page[member] as T[]) ?? []));
    nextToken = page.nextToken as string | undefined;
  } while (nextToken);
  return items;
}
