import { describe, expect, it } from "vitest";
import { checkQuorum, sessionQuorum, storedQuorum, type Constituency } from "./quorum";

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

describe("the quorum stored with a decision", () => {
  const stored = {
    quorumMinima: { mcpgc: 1, beneficiaries: 2, commune: 1, traders_federation: 1 },
    quorumCounts: { mcpgc: 1, beneficiaries: 2, commune: 1, traders_federation: 1 },
  };

  it("is judged on the minima and counts of its time, not today's settings", () => {
    expect(storedQuorum(stored)).toMatchObject({ isQuorate: true, missing: [] });
    // Today the commune asks for three beneficiaries: the session shows the quorum it decided under.
    const today = checkQuorum(people("mcpgc", "beneficiaries", "beneficiaries", "commune", "traders_federation"), { ...minima, beneficiaries: 3 });
    expect(today.isQuorate).toBe(false);
    const shown = sessionQuorum(today, [{ ...stored, createdAt: new Date("2026-03-01T10:00:00Z") }]);
    expect(shown).toMatchObject({ isQuorate: true, isStored: true, minima: { beneficiaries: 2 } });
  });

  it("a session without decisions shows today's quorum; the latest decision's quorum wins", () => {
    const today = checkQuorum([], minima);
    expect(sessionQuorum(today, [])).toMatchObject({ isQuorate: false, isStored: false });
    const older = { ...stored, quorumCounts: { ...stored.quorumCounts, beneficiaries: 1 }, createdAt: new Date("2026-03-01T09:00:00Z") };
    const newer = { ...stored, createdAt: new Date("2026-03-01T10:00:00Z") };
    expect(sessionQuorum(today, [newer, older]).counts.beneficiaries).toBe(2);
  });
});
