import { describe, expect, it } from "vitest";
import { isWgDisabled, wgStatus, type WgAnswers } from "./wgss";

const none: WgAnswers = { seeing: "none", hearing: "none", walking: "none", cognition: "none", selfCare: "none", communication: "none" };

describe("WG-SS cut-off", () => {
  it("no difficulty anywhere is no disability", () => {
    expect(isWgDisabled(none)).toBe(false);
    expect(wgStatus(none, 1980, 2025)).toBe("no_disability");
  });
  it("'some difficulty' in every domain stays below the cut-off", () => {
    const some = Object.fromEntries(Object.keys(none).map((k) => [k, "some"])) as WgAnswers;
    expect(isWgDisabled(some)).toBe(false);
  });
  it("one domain at 'a lot of difficulty' or 'cannot do at all' is a disability", () => {
    expect(isWgDisabled({ ...none, walking: "a_lot" })).toBe(true);
    expect(isWgDisabled({ ...none, communication: "cannot" })).toBe(true);
    expect(wgStatus({ ...none, seeing: "cannot", hearing: "not_asked" }, 1970, 2025)).toBe("disability");
  });
  it("a missing answer below the cut-off is unknown, not 'no disability'", () => {
    expect(wgStatus({ ...none, hearing: "not_asked" }, 1980, 2025)).toBe("unknown");
  });
  it("applies from age 5", () => {
    expect(wgStatus({ ...none, walking: "cannot" }, 2021, 2025)).toBe("too_young");
    expect(wgStatus({ ...none, walking: "cannot" }, 2020, 2025)).toBe("disability");
  });
});
