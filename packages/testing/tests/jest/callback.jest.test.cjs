// The package under jest: the built package through its CommonJS entry (as `require` resolves
// it for a user), the matchers installed with `expect.extend(stateMachineMatchers)`, the
// callback pattern answered from the test. Run by the package's `test` script through jest.
const { stateMachineMatchers, TestMachine } = require('@sfn-callback/testing');

expect.extend(stateMachineMatchers);

const approval = TestMachine.fromDefinition({
  StartAt: 'Wait For Approval',
  States: {
    'Wait For Approval': {
      Type: 'Task',
      Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
      Arguments: {
        QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/approvals',
        MessageBody: {
          TaskToken: '{% $states.context.Task.Token %}',
          Order: '{% $states.input %}',
        },
      },
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Refused' }],
      Next: 'Approved',
    },
    Approved: { Type: 'Pass', Output: { approvedBy: '{% $states.input.reviewer %}' }, End: true },
    Refused: { Type: 'Fail', Error: 'Refused' },
  },
  QueryLanguage: 'JSONata',
});

test('the reviewer approves: the execution succeeds through Approved', async () => {
  const execution = approval.start({ orderId: 42 });
  const task = await execution.waitForTask('Wait For Approval');
  expect(task.message).toEqual({ TaskToken: task.token, Order: { orderId: 42 } });
  task.succeed({ reviewer: 'ana' });
  await execution.finished();
  expect(execution).toHaveSucceeded({ approvedBy: 'ana' });
  expect(execution).toHaveTakenPath(['Wait For Approval', 'Approved']);
  expect(execution).not.toHaveVisited('Refused');
});

test('a refusal fails the execution, and a wrong path says which path was taken', async () => {
  const execution = approval.start({ orderId: 43 });
  (await execution.waitForTask()).fail('No', 'out of stock');
  await execution.finished();
  expect(execution).toHaveFailed({ error: 'Refused' });
  const wrongPath = () => expect(execution).toHaveTakenPath(['Wait For Approval', 'Approved']);
  expect(wrongPath).toThrow(/actual path: {3}Wait For Approval → Refused\n/);
  expect(wrongPath).toThrow(
    /it left the expected path at step 2: expected "Approved", took "Refused" after "Wait For Approval"/,
  );
  expect(() => expect(execution).toHaveSucceeded()).toThrow(
    /expected the execution to succeed\n.* is FAILED with Refused/,
  );
});
