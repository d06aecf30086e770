import { expect, test } from "@playwright/test";
import { newSignedInPage } from "./helpers";

/**
 * Run with E2E_CLUSTER=1 (CI's PostgreSQL phase): two instances behind nginx, through pgbouncer.
 * A session opened on one instance holds on the other, and a write made through one is read
 * through the other: nothing that matters is kept in an instance's memory.
 */
test.skip(process.env.E2E_CLUSTER !== "1", "only behind the load balancer");

test("both instances answer one signed-in user, who stays signed in and sees the same data", async ({ browser }) => {
  const { context, page } = await newSignedInPage(browser, "editor@adicor.demo", "adicor");
  const seen = new Map<string, string>();
  for (let i = 0; i < 8; i++) {
    const res = await page.request.get("/adicor/dashboard");
    expect(res.status()).toBe(200);
    const html = await res.text();
    const total = (html.split('data-testid="total-mru"')[1] ?? "").slice(0, 300).replace(/<[^>]+>/g, "");
    expect(total).toMatch(/\d/);
    seen.set(res.headers()["x-tamkin-instance"] ?? "?", total);
  }
  expect([...seen.keys()].sort()).toEqual(["1", "2"]);
  // The same figure from both: read from the one database, not from an instance's memory.
  expect(new Set(seen.values()).size).toBe(1);
  await context.close();
});
