/**
 * The cloud assembly the CLI runs when `--app` is not given: `cdk.out`, where `cdk synth`
 * writes, relative to the CDK app it is run from.
 */
export const DEFAULT_ASSEMBLY = 'cdk.out';

/** The assembly to run when `--app` is not given. */
export function defaultAssembly(): string {
  return DEFAULT_ASSEMBLY;
}
