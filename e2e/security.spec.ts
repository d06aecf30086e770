import { spawn } from "node:child_process";
import { expect, test } from "@playwright/test";
import { signInTo } from "./helpers";

test("responses carry the security headers", async ({ request }) => {
  const res = await request.get("/login");
  const h = res.headers();
  expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(h["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(h["content-security-policy"]).not.toContain("unsafe-eval");
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(h["x-frame-options"]).toBe("DENY");
  expect(h["x-powered-by"]).toBeUndefined();
});

test("the session cookie is httpOnly, SameSite and Secure in production, and holds no password", async ({ page }) => {
  await signInTo(page, "viewer@bassikounou.demo", "bassikounou");
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name.endsWith("authjs.session-token"));
  expect(session).toBeDefined();
  expect(session!.httpOnly).toBe(true);
  expect(session!.secure).toBe(true);
  expect(session!.sameSite).toBe("Lax");
  expect(cookies.map((c) => c.value).join(" ")).not.toContain("tamkin-demo");
  // The page source never carries the password hash or the password.
  const html = await page.content();
  expect(html).not.toContain("scrypt$");
});

test("in production the server refuses to start without AUTH_SECRET, with a clear message", async () => {
  const env = { ...process.env, NODE_ENV: "production", PGLITE_DIR: ".data/e2e-no-secret" } as NodeJS.ProcessEnv;
  delete env.AUTH_SECRET;
  const child = spawn("npx", ["next", "start", "-H", "127.0.0.1", "-p", String(3290 + Math.floor(Math.random() * 9))], { env });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve(null);
    }, 45_000);
    child.on("exit", (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  expect(output).toContain("AUTH_SECRET is not set");
  expect(code).not.toBe(0);
  expect(code).not.toBeNull();
});
