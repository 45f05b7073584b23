/**
 * Runs `run(0)` … `run(count - 1)` with at most `limit` of them in flight, starting them in
 * index order. `run` must not reject (the record processor turns every error into an
 * outcome); if one does, the returned promise rejects with it at once (runs already started
 * go on).
 */
export async function runWithConcurrency(
  count: number,
  limit: number,
  run: (index: number) => Promise<void>,
): Promise<void> {
  if (count <= limit) {
    // Everything may run at once (a batch no larger than the concurrency, the usual case):
    // one promise per index, without a pool's loop around each.
    const all: Promise<void>[] = new Array(count);
    for (let i = 0; i < count; i++) all[i] = run(i);
    await Promise.all(all);
    return;
  }
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const index = next++;
      await run(index);
    }
  };
  if (limit === 1) return worker();
  const running: Promise<void>[] = new Array(limit);
  for (let i = 0; i < limit; i++) running[i] = worker();
  await Promise.all(running);
}
