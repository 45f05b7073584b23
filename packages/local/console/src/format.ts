/** `ms` as a short duration: `850 ms`, `12.3 s`, `4 min 05 s`. */
export function duration(ms: number): string {
  if (!Number.isFinite(ms)) return '-';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.floor((ms % 60_000) / 1000);
  return `${minutes} min ${String(seconds).padStart(2, '0')} s`;
}

/** An epoch-seconds or epoch-milliseconds time as a local date-time with milliseconds. */
export function dateTime(epoch: number | undefined, unit: 's' | 'ms' = 's'): string {
  if (epoch === undefined) return '-';
  const date = new Date(unit === 's' ? epoch * 1000 : epoch);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

/** How far `at` (epoch ms) is from `now`: `in 8 s`, `3 s ago`. */
export function relative(at: number, now = Date.now()): string {
  const delta = at - now;
  return delta >= 0 ? `in ${duration(delta)}` : `${duration(-delta)} ago`;
}
