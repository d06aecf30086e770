import { describe, expect, it } from "vitest";
import { chooseDetails, differingDetails, proposedSource, type PersonDetails } from "./merge-details";

const person = (over: Partial<PersonDetails> = {}): PersonDetails => ({
  name: "Aminetou Mint Ahmed",
  sex: "female",
  birthYear: 1985,
  householdId: "h1",
  wgSeeing: "none",
  wgHearing: "none",
  wgWalking: "none",
  wgCognition: "none",
  wgSelfCare: "none",
  wgCommunication: "none",
  ...over,
});

describe("merging details", () => {
  it("lists the details where the records differ, in the form's order", () => {
    expect(differingDetails(person(), person())).toEqual([]);
    expect(differingDetails(person(), person({ wgWalking: "a_lot", birthYear: 1986, householdId: null, name: "Emintou" }))).toEqual([
      "name",
      "birthYear",
      "household",
      "wgWalking",
    ]);
  });
  it("proposes the kept record's value, or the duplicate's where the kept one has none", () => {
    const kept = person({ householdId: null, wgHearing: "not_asked", birthYear: 1985 });
    const duplicate = person({ householdId: "h2", wgHearing: "some", birthYear: 1986, wgSeeing: "not_asked" });
    expect(proposedSource("household", kept, duplicate)).toBe("duplicate");
    expect(proposedSource("wgHearing", kept, duplicate)).toBe("duplicate");
    expect(proposedSource("birthYear", kept, duplicate)).toBe("kept");
    // A question the duplicate was not asked never replaces an answer.
    expect(proposedSource("wgSeeing", kept, duplicate)).toBe("kept");
  });
  it("takes the chosen details from the duplicate, and only those that differ", () => {
    const kept = person();
    const duplicate = person({ birthYear: 1986, householdId: "h2", sex: "female", name: "Emintou Mint Ahmed" });
    const { values, fromDuplicate } = chooseDetails(kept, duplicate, { birthYear: "duplicate", household: "duplicate", sex: "duplicate", name: "kept" });
    expect(fromDuplicate).toEqual(["birthYear", "household"]);
    expect(values).toEqual(person({ birthYear: 1986, householdId: "h2" }));
    // A row of people holds more than its details: only the details come out.
    const row = { ...kept, id: "p1", version: 3 } as PersonDetails;
    expect(chooseDetails(row, duplicate, {}).values).toEqual(kept);
  });
});
