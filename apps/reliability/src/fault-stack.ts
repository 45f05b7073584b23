import { fileURLToPath } from 'node:url';
import { CallbackPattern } from '@sfn-callback/cdk';
import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { FAULT_TIMING } from './scenarios.ts';

const WORKER_ENTRY = fileURLToPath(new URL('./fault-worker.ts', import.meta.url));

/**
 * The fault-scenario app: `CallbackPattern` with the fault worker and short timings, so a
 * run that waits out visibility timeouts, redrives and heartbeat timeouts stays fast.
 */
export class FaultStack extends Stack {
  readonly pattern: CallbackPattern;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    this.pattern = new CallbackPattern(this, 'CallbackPattern', {
      lambdaFunctionProps: {
        entry: WORKER_ENTRY,
        handler: 'handler',
        timeout: Duration.seconds(FAULT_TIMING.functionTimeoutSeconds),
        // Every record outcome logged (success is at debug), so the run can count them.
        environment: { LOG_LEVEL: 'debug' },
      },
      maxReceiveCount: FAULT_TIMING.maxReceiveCount,
      callbackTaskProps: {
        timeout: Duration.seconds(FAULT_TIMING.timeoutSeconds),
        heartbeat: Duration.seconds(FAULT_TIMING.heartbeatSeconds),
      },
    });
  }
}
