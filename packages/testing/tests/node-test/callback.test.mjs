// The package under node:test, without vitest or jest: the built package (as a user installs
// it), its plain assertions, the callback pattern answered from the test. Run by the
// package's `test` script through `node --test`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { assertExecution, StateMachineTestError, TestMachine } from '@sfn-callback/testing';

const approval = TestMachine.fromFile(
  fileURLToPath(new URL('../fixtures/approval.asl.yaml', import.meta.url)),
  { mocks: { Ship: { result: { StatusCode: 200, Payload: { parcel: 'P-9' } } } } },
);

test('the reviewer approves: the order ships', async () => {
  const execution = approval.start({ orderId: 7 });
  const task = await execution.waitForTask('Wait For Approval');
  assert.deepEqual(task.message, { TaskToken: task.token, Order: { orderId: 7 } });
  task.succeed({ reviewer: 'ana' });
  await execution.finished();
  assertExecution.succeeded(execution, { shipped: true, by: 'ana', parcel: 'P-9' });
  assertExecution.path(execution, ['Wait For Approval', 'Ship']);
});

test('nobody answers: the task times out on virtual time', async () => {
  const execution = approval.start({}, { startTime: 0 });
  await (await execution.waitForTask()).timeOut();
  await execution.finished();
  assertExecution.failed(execution, { error: 'Expired' });
  assert.equal(execution.now.getTime(), 600_000);
});

test('a failed assertion says where the path went', async () => {
  const execution = approval.start({});
  (await execution.waitForTask()).fail('No');
  await execution.finished();
  assert.throws(() => assertExecution.path(execution, ['Wait For Approval', 'Ship']), {
    name: 'AssertionError',
    message: /it left the expected path at step 2: expected "Ship", took "Refused"/,
  });
});

test('waiting for a task that never comes fails at once', async () => {
  const execution = approval.start({});
  await assert.rejects(execution.waitForTask('Ship'), (error) => {
    assert.ok(error instanceof StateMachineTestError);
    assert.equal(error.code, 'NEVER_HAPPENS');
    return true;
  });
});
