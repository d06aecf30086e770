import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { ageBandOf } from "@/lib/people/age-bands";
import { ageBandSql } from "@/lib/people/age-band-sql";
import { backend, createTestDb, type TestDb } from "../test-db";

describe(`age bands in SQL on ${backend}`, () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => db?.destroy());

  it("agree with the TypeScript rule for every year of birth, unknown and implausible ones included", async () => {
    const ref = "2026-06-30";
    const yob = sql`y.yob`;
    const result = await db.db.execute(
      sql`select y.yob, ${ageBandSql(yob, ref)} as band from (select generate_series(1890, 2030) as yob union all select null) y`,
    );
    const rows = (result as { rows?: { yob: number | null; band: string | null }[] }).rows ?? (result as { yob: number | null; band: string | null }[]);
    expect(rows).toHaveLength(142);
    for (const r of rows) expect(r.band, `year ${r.yob}`).toBe(ageBandOf(r.yob, ref));
  });
});
