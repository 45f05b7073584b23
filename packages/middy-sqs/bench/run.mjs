// `pnpm bench`: the three measurements of the package README, each beside a baseline
// measured in the same run, printed as ratios with the target each should meet.
import { measureBundleGrowth } from './bundle-growth.mjs';
import { COLD_START_TARGETS, measureColdStart } from './cold-start.mjs';
import { measureOverhead } from './overhead.mjs';
import { fmt } from './shared.mjs';
import { measureThroughput } from './throughput.mjs';

const verdict = (ok) => (ok ? 'met' : 'MISSED');
const rows = [];

console.log(`Node ${process.version}, ${process.platform}/${process.arch}\n`);

console.log(
  '1. Per-record overhead, SDK stubbed (median over 6,000 batches of the paired difference / batch size)',
);
for (const batchSize of [10, 100]) {
  const r = await measureOverhead({ batchSize });
  console.log(
    `   batch ${batchSize}: plain loop ${fmt(r.baselineUsPerRecord)} µs/record, wrapper (metrics off) ${fmt(r.wrappedUsPerRecord)} µs/record → overhead ${fmt(r.overheadUsPerRecord)} µs/record (target ≤ 1 µs: ${verdict(r.overheadUsPerRecord <= 1)}); of which @sfn-callback/task-token's parser and client (same loop through them: ${fmt(r.taskTokenLoopUsPerRecord)} µs/record) ${fmt(r.taskTokenShareUsPerRecord)} µs`,
  );
  console.log(
    `   batch ${batchSize}, outcome metrics on (the default; EMF document, correlation): wrapper ${fmt(r.withMetricsUsPerRecord)} µs/record → overhead ${fmt(r.withMetricsOverheadUsPerRecord)} µs/record (target ≤ 1 µs: ${verdict(r.withMetricsOverheadUsPerRecord <= 1)}), ${fmt(r.withMetricsUsPerRecord / r.baselineUsPerRecord, 3)}× the plain loop; the metrics' own share ${fmt(r.metricsShareUsPerRecord)} µs/record`,
  );
  rows.push(r);
}

console.log('\n2. Throughput against a local endpoint answering after 10 ms (real SDK over HTTP)');
for (const r of await measureThroughput()) {
  console.log(
    `   batch ${r.batchSize}, concurrency ${r.concurrency}: wrapper ${fmt(r.wrappedPerSecond, 0)}/s = ${fmt(r.ofIdeal * 100, 0)} % of ideal ${fmt(r.idealPerSecond, 0)}/s (target ≥ 80 %: ${verdict(r.ofIdeal >= 0.8)}); ` +
      `${fmt(r.vsSequential, 1)}× the sequential loop's ${fmt(r.sequentialPerSecond, 0)}/s (target ≥ 8×: ${verdict(r.vsSequential >= 8)}); ` +
      `bare SDK at the same concurrency ${fmt(r.sdkOnlyPerSecond, 0)}/s = ${fmt(r.sdkOnlyOfIdeal * 100, 0)} % of ideal (wrapper/bare SDK ${fmt(r.vsSdkOnly)})`,
  );
}

console.log(
  '\n3. Bundle growth of the outcome metrics and the correlation: the example handler from the sources of this tree vs the baseline commit (esbuild, ESM, minified, SDK bundled, unused credential providers left out)',
);
{
  const g = await measureBundleGrowth();
  console.log(
    `   ${g.afterBytes} B vs ${g.beforeBytes} B at ${g.baseline} = ${fmt(g.ratio, 4)}×: +${g.growthBytes} B minified (target ≤ 2,048 B: ${verdict(g.growthBytes <= 2048)}), +${g.growthGzipBytes} B gzip`,
  );
}

console.log(
  '\n4. Cold start, as the construct bundles the worker (its defaultBundlingOptions()): the example handler (the worker) vs a Powertools-built equivalent (BatchProcessor + processPartialResponse, Metrics, Logger, SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat, a heartbeat per record), each over a bare SDK handler, bundled the same way, in the same run',
);
{
  const r = await measureColdStart();
  console.log(
    `   added over the bare handler (${r.bareBytes} B): worker ${r.workerAddedBytes} B, Powertools ${r.powertoolsAddedBytes} B minified = ${fmt(r.addedBytesRatio, 3)}× (target < ${COLD_START_TARGETS.addedBytesRatio}×: ${verdict(r.addedBytesRatio < COLD_START_TARGETS.addedBytesRatio)}); gzipped ${r.workerAddedGzipBytes} B vs ${r.powertoolsAddedGzipBytes} B`,
  );
  console.log(
    `   import (${r.imports} fresh-process imports each, in turn): median ${fmt(r.workerInitMs, 1)} ms vs ${fmt(r.powertoolsInitMs, 1)} ms (bare ${fmt(r.bareInitMs, 1)} ms); worker/Powertools median of paired ratios ${fmt(r.importRatio, 3)}× (target ≤ ${COLD_START_TARGETS.importRatio}×: ${verdict(r.importRatio <= COLD_START_TARGETS.importRatio)}), by round ${r.importRatioByRound.map((x) => `${fmt(x, 3)}×`).join(', ')}; CPU paired ${fmt(r.importCpuRatio, 3)}×; over the bare handler: worker ${fmt(r.workerVsBareImportRatio, 3)}×, Powertools ${fmt(r.powertoolsVsBareImportRatio, 3)}×`,
  );
}
