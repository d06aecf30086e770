/** Runs once when a server instance starts: check the configuration, open the database. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { assertProductionEnv } = await import("./lib/env");
  try {
    assertProductionEnv();
  } catch (err) {
    console.error(`\n[tamkin] ${(err as Error).message}\n`);
    // Refuse to serve: end the process (written so that the edge bundle analysis ignores it).
    (globalThis as unknown as { process: { exit(code: number): never } }).process.exit(1);
  }
  const { dbHandle } = await import("./db");
  await dbHandle();
}
