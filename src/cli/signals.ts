/**
 * Long-running commands run until the operator or the supervisor asks them to stop. Under
 * `npm start` or `npx`, a shell may sit between npm and us, so a signal sent to npm can end npm
 * and the shell but not reach node: when our parent changes under npm, we stop as if signalled.
 */
export function untilTerminated(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const parent = process.ppid;
    const underNpm = process.env.npm_command !== undefined || process.env.npm_lifecycle_event !== undefined;
    const orphaned = underNpm
      ? setInterval(() => {
          if (process.ppid !== parent) finish("SIGHUP");
        }, 500)
      : undefined;
    orphaned?.unref();
    const finish = (signal: NodeJS.Signals) => {
      clearInterval(orphaned);
      process.off("SIGTERM", finish);
      process.off("SIGINT", finish);
      resolve(signal);
    };
    process.once("SIGTERM", finish);
    process.once("SIGINT", finish);
  });
}
