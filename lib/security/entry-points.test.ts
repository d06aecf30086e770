import { describe, expect, it } from "vitest";
import path from "node:path";
import { actionEntryPoints, pageEntryPoints, routeEntryPoints } from "./entry-points";
import { routePattern, scanCode } from "./scan-entry-points";
import { permissions } from "@/lib/permissions";

const found = scanCode(path.resolve(import.meta.dirname, "../.."));

describe("the entry-point registry", () => {
  it("maps route files to URL patterns", () => {
    expect(routePattern("(portal)/[org]/members/page.tsx")).toBe("/[org]/members");
    expect(routePattern("page.tsx")).toBe("/");
  });

  it("lists every page found in app/, and no page that does not exist", () => {
    expect(Object.keys(pageEntryPoints).sort()).toEqual(found.pages);
  });

  it("lists every route handler and metadata route found in app/", () => {
    expect(Object.keys(routeEntryPoints).sort()).toEqual(found.routes);
  });

  it('lists every export of every "use server" module', () => {
    expect(found.actions.length).toBeGreaterThan(0);
    expect(Object.keys(actionEntryPoints).sort()).toEqual(found.actions);
  });

  it("requires only permissions that exist", () => {
    const all = [...Object.values(pageEntryPoints), ...Object.values(routeEntryPoints), ...Object.values(actionEntryPoints).map((a) => a.access)];
    for (const a of all) if (a.kind === "member") expect(permissions).toContain(a.permission);
  });
});
