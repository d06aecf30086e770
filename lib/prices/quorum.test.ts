import { describe, expect, it } from "vitest";
import { checkQuorum, type Constituency } from "./quorum";

const minima = { mcpgc: 1, beneficiaries: 2, commune: 1, traders_federation: 1 };
const people = (...cs: Constituency[]) => cs.map((constituency) => ({ constituency }));

describe("checkQuorum", () => {
  it("is quorate when every constituency reaches its minimum", () => {
    const r = checkQuorum(people("mcpgc", "beneficiaries", "beneficiaries", "commune", "traders_federation"), minima);
    expect(r).toMatchObject({ isQuorate: true, missing: [] });
    expect(r.counts.beneficiaries).toBe(2);
  });

  it("names the missing traders' federation", () => {
    const r = checkQuorum(people("mcpgc", "beneficiaries", "beneficiaries", "commune"), minima);
    expect(r.isQuorate).toBe(false);
    expect(r.missing).toEqual(["traders_federation"]);
  });

  it("counts a constituency below its minimum as missing", () => {
    const r = checkQuorum(people("mcpgc", "beneficiaries", "commune", "traders_federation"), minima);
    expect(r.missing).toEqual(["beneficiaries"]);
  });

  it("an empty session misses all four, and a minimum below one still needs one", () => {
    expect(checkQuorum([], { ...minima, mcpgc: 0 }).missing).toEqual(["mcpgc", "beneficiaries", "commune", "traders_federation"]);
  });
});
