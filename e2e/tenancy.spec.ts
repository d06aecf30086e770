import { expect, test } from "@playwright/test";
import { newSignedInPage, signInTo } from "./helpers";

test("another organisation's URL answers the same 404 as a slug that does not exist", async ({ page }) => {
  await signInTo(page, "admin@adicor.demo", "adicor");
  const other = await page.goto("/ong-sahel");
  expect(other?.status()).toBe(404);
  const otherText = await page.locator("main").innerText();
  const missing = await page.goto("/no-such-organisation");
  expect(missing?.status()).toBe(404);
  expect(await page.locator("main").innerText()).toBe(otherText);
  expect((await page.goto("/fassala/members"))?.status()).toBe(404);
});

test("a viewer cannot reach member management, and the server refuses a forged call", async ({ browser }) => {
  const admin = await newSignedInPage(browser, "admin@adicor.demo", "adicor");
  const viewer = await newSignedInPage(browser, "viewer@adicor.demo", "adicor");

  await expect(viewer.page.getByRole("link", { name: "Membres", exact: true })).toHaveCount(0);
  expect((await viewer.page.goto("/adicor/members"))?.status()).toBe(404);

  // Capture the exact server-action call the admin's browser makes to promote the viewer,
  // without letting it reach the server...
  await admin.page.goto("/adicor/members");
  const row = admin.page.getByTestId("member-viewer@adicor.demo");
  await row.getByRole("combobox").selectOption("admin");
  let captured: { url: string; headers: Record<string, string>; body: Buffer } | undefined;
  await admin.page.route("**/adicor/members", async (route) => {
    const req = route.request();
    if (req.method() === "POST") {
      captured = { url: req.url(), headers: await req.allHeaders(), body: req.postDataBuffer() ?? Buffer.alloc(0) };
      await route.abort();
    } else {
      await route.continue();
    }
  });
  await row.getByRole("button", { name: /Changer le rôle/ }).click();
  await expect.poll(() => captured).toBeTruthy();

  // ...then replay it with the viewer's session.
  const { cookie: _adminCookie, ...headers } = captured!.headers;
  const res = await viewer.context.request.post(captured!.url, { headers, data: captured!.body });
  expect(res.status()).toBeLessThan(500);
  expect(await res.text()).not.toContain('"status":"ok"');

  // The viewer is still a viewer: member management stays out of reach.
  expect((await viewer.page.goto("/adicor/members"))?.status()).toBe(404);
  await admin.page.unroute("**/adicor/members");
  await admin.page.goto("/adicor/members");
  await expect(admin.page.getByTestId("member-viewer@adicor.demo").getByTestId("member-role")).toHaveText("Lecteur");

  await admin.context.close();
  await viewer.context.close();
});
