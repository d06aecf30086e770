import postgres from "postgres";

/**
 * Privileges of the application role, granted by the owner after migrating. The application
 * role owns nothing, is no superuser and cannot bypass row-level security; it may only
 * append to the audit trail.
 */
export async function grantAppRole(ownerUrl: string, appRole: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(appRole)) throw new Error(`unsafe role name: ${appRole}`);
  const sql = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  try {
    await sql.begin(async (tx) => {
      await tx.unsafe(`grant usage on schema public to ${appRole}`);
      await tx.unsafe(`grant select, insert, update, delete on all tables in schema public to ${appRole}`);
      await tx.unsafe(`revoke update, delete, truncate on audit_log from ${appRole}`);
      await tx.unsafe(`grant usage, select on all sequences in schema public to ${appRole}`);
    });
  } finally {
    await sql.end();
  }
}
