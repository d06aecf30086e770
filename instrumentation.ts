/** Runs once when a server instance starts: check the configuration, open the database. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Refuse to serve: end the process (written so that the edge bundle analysis ignores it).
  const refuse = (err: unknown) => {
    console.error(`\n[tamkin] ${(err as Error).message}\n`);
    (globalThis as unknown as { process: { exit(code: number): never } }).process.exit(1);
  };
  const { assertProductionEnv } = await import("./lib/env");
  try {
    assertProductionEnv();
  } catch (err) {
    refuse(err);
  }
  const { dbHandle } = await import("./db");
  // An unsafe database role (superuser, owner, BYPASSRLS, tables without FORCE RLS) is fatal.
  await dbHandle().catch(refuse);
}
