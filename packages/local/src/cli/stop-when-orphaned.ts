/**
 * Stops `serve` when the process that started it goes away without passing a signal on.
 *
 * A package manager runs a bin through a shell (`npm exec` runs `sh -c`, a package script's
 * `sh -c 'cdk synth && …'`): on SIGTERM it signals that shell, and the shell dies without
 * passing the signal to its child, so `serve` would be left orphaned, still answering on its
 * port. Its parent id then changes (to init or a subreaper), which this watch notices. Only
 * used under a package manager: a `serve` a user detached on purpose (`nohup … &`) keeps
 * running when its shell exits.
 *
 * @param stop aborted once the parent is gone
 * @param parentId reads the current parent process id (`process.ppid` is read live)
 * @param everyMs how often to look; the timer does not keep the process alive
 */
export function stopWhenOrphaned(
  stop: AbortController,
  parentId: () => number = () => process.ppid,
  everyMs = 250,
): void {
  const parent = parentId();
  const timer = setInterval(() => {
    if (parentId() !== parent) stop.abort();
  }, everyMs);
  timer.unref();
  stop.signal.addEventListener('abort', () => clearInterval(timer), { once: true });
}

/** Whether a package manager (npm, pnpm, yarn: they all set its user agent) started us. */
export function startedByPackageManager(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.npm_config_user_agent !== undefined;
}
