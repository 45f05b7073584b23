import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { CallbackExampleStack } from 'callback-example/src/callback-example-stack.ts';
import { FaultStack } from './fault-stack.ts';

/** The synthesized apps of a run, and how to remove them. */
export interface SynthesizedApps {
  /** Cloud assembly of the fault-scenario app (stack `FaultApp`). */
  readonly faultAssembly: string;
  /** Cloud assembly of the example app (stack `CallbackExample`), its real handler bundled. */
  readonly exampleAssembly: string;
  remove(): void;
}

/**
 * Synthesizes the fault app and the example app in-process into a temporary directory
 * (aws-cdk-lib's CloudFormation validator off: ~5 s saved, and the example's own tests run
 * it with cdk-nag through the real CLI). `NodejsFunction` bundles each worker with esbuild.
 */
export function synthApps(): SynthesizedApps {
  const root = mkdtempSync(join(tmpdir(), 'sfn-callback-reliability-'));
  const faultAssembly = join(root, 'fault.out');
  const exampleAssembly = join(root, 'example.out');
  const faultApp = new App({ outdir: faultAssembly, builtinCloudFormationValidation: false });
  new FaultStack(faultApp, 'FaultApp');
  faultApp.synth();
  const exampleApp = new App({ outdir: exampleAssembly, builtinCloudFormationValidation: false });
  new CallbackExampleStack(exampleApp, 'CallbackExample');
  exampleApp.synth();
  return {
    faultAssembly,
    exampleAssembly,
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
