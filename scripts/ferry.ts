// Set before anything imports the logger: the CLI's stdout is for results only.
process.env.FERRY_LOG_FD ??= "2";

const { runCli } = await import("@/lib/cli");
try {
  process.exitCode = await runCli(process.argv.slice(2));
} catch (error) {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
// Done: a timer or socket some library left behind must not keep the command (a stopped worker above all) running.
setTimeout(() => process.exit(), 2_000).unref();
export {};
