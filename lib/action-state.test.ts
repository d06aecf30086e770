import { describe, expect, it } from "vitest";
import { formDataToObject } from "./action-state";

describe("formDataToObject", () => {
  it("turns name[] fields into lists and drops framework fields", () => {
    const f = new FormData();
    f.append("org", "adicor");
    f.append("ids[]", "a");
    f.append("ids[]", "b");
    f.append("$ACTION_ID_123", "x");
    expect(formDataToObject(f)).toEqual({ org: "adicor", ids: ["a", "b"] });
  });

  it("takes hostile field names as fields, never as the object's prototype or Object's own members", () => {
    const f = new FormData();
    for (const name of ["__proto__[]", "__proto__", "constructor[]", "toString[]", "hasOwnProperty", "valueOf[]"]) f.append(name, "x");
    const out = formDataToObject(f);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(out).toEqual({ constructor: ["x"], toString: ["x"], hasOwnProperty: "x", valueOf: ["x"] });
  });
});
