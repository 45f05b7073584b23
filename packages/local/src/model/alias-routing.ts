/** One version an alias routes to, and its share of the executions (percent). */
export interface AliasRoute {
  readonly stateMachineVersionArn: string;
  readonly weight: number;
}

/**
 * The version an execution started by an alias runs: each route's weight is its chance in
 * percent, drawn with `random` (in [0, 1), the runner's injected source).
 */
export function chooseVersion(routing: readonly AliasRoute[], random: () => number): string {
  const draw = random() * 100;
  let upTo = 0;
  for (const route of routing) {
    upTo += route.weight;
    if (draw < upTo) return route.stateMachineVersionArn;
  }
  // Weights add up to 100, so only a draw of 100 or more (a faulty source) lands here.
  return (routing.at(-1) as AliasRoute).stateMachineVersionArn;
}
