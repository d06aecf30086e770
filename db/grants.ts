import postgres from "postgres";
import { appGrantStatements } from "./app-role";

/**
 * Privileges of the application role, granted by the owner after migrating. The application
 * role owns nothing, is no superuser and cannot bypass row-level security; it may only
 * append to the audit trail.
 */
export async function grantAppRole(ownerUrl: string, appRole: string): Promise<void> {
  const sql = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  try {
    await sql.begin(async (tx) => {
      for (const stmt of appGrantStatements(appRole)) await tx.unsafe(stmt);
    });
  } finally {
    await sql.end();
  }
}
