// Loaded into `serve` by the serve event-loop bench (`node --import`): every 500 ms, one line
// on stderr with the event loop's delay since the last line (a timer probe, 10 ms
// resolution), in milliseconds. A loop that never yields prints nothing: that is the finding.
import { monitorEventLoopDelay } from 'node:perf_hooks';

const histogram = monitorEventLoopDelay({ resolution: 10 });
histogram.enable();
setInterval(() => {
  const ms = (ns) => (ns / 1e6).toFixed(1);
  process.stderr.write(
    `event-loop-probe p50=${ms(histogram.percentile(50))} p99=${ms(histogram.percentile(99))} max=${ms(histogram.max)}\n`,
  );
  histogram.reset();
}, 500).unref();
