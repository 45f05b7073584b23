import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import {
  type CallbackMessage,
  type TaskResponseResult,
  TaskTokenClient,
  validateCallbackInput,
} from '../../src/index.js';

interface Order {
  orderId: string;
  approved: boolean;
}

describe('types', () => {
  it('TaskTokenClient<Order> refuses a wrong output shape at compile time', () => {
    const tasks = new TaskTokenClient<Order>();
    expectTypeOf(tasks.succeed).parameter(1).toEqualTypeOf<Order>();
    expectTypeOf(tasks.succeed('t', { orderId: 'o', approved: true })).toEqualTypeOf<
      Promise<TaskResponseResult>
    >();
    // @ts-expect-error approved must be a boolean
    void tasks.succeed('t', { orderId: 'o', approved: 'yes' });
    // @ts-expect-error orderId is missing
    void tasks.succeed('t', { approved: true });
  });

  it('an untyped client takes any output', () => {
    expectTypeOf(new TaskTokenClient().succeed).parameter(1).toBeUnknown();
  });

  it('infers the input type from a Standard Schema', async () => {
    const schema = z.object({ orderId: z.string(), quantity: z.number() });
    const result = await validateCallbackInput(schema, {});
    if (result.ok)
      expectTypeOf(result.value).toEqualTypeOf<{ orderId: string; quantity: number }>();
  });

  it('the envelope type carries the input type', () => {
    expectTypeOf<CallbackMessage<Order>['Input']>().toEqualTypeOf<Order>();
    expectTypeOf<CallbackMessage['TaskToken']>().toBeString();
  });
});
