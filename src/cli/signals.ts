/** Long-running commands run until the operator or the supervisor asks them to stop. */
export function untilTerminated(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    process.once("SIGTERM", resolve);
    process.once("SIGINT", resolve);
  });
}
