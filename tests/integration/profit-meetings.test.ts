/**
 * Open profit meetings (issue 17, point 4): a distribution stays a draft until its meeting had more
 * than the NGO's quorum (a majority by default) of the members who share the profit; refused
 * through the server action, and by the database to a raw statement as the application role.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { groupMemberships, people, profitDistributions, profitMeetingAttendees } from "@/db/schema";
import { demoIds, type DemoIds } from "@/db/seed/demo";
import { idleState, type ActionState } from "@/lib/action-state";
import { createGroup, recordDistribution, recordEntry } from "@/lib/groups/service";
import type { Tx } from "@/db/client";
import { request } from "../request-scope";
import { shown } from "../refusals";
import { backend, createTestDb, type TestDb } from "../test-db";
import { serve, signedIn, unserve } from "../serving";

vi.mock("next/headers", async () => (await import("../request-scope")).nextHeaders());
vi.mock("next/cache", async () => (await import("../request-scope")).nextCache());
vi.mock("@/lib/auth/session", async (original) => (await import("../request-scope")).session(await original<object>()));
vi.mock("next-intl/server", async () => (await import("../request-scope")).nextIntlServer());

describe(`open profit meetings on ${backend}`, () => {
  let db: TestDb;
  let ids: DemoIds;
  let editorId: string;
  let group: string;
  let members: string[];
  let distribution: string;
  const adicor = () => ({ id: ids.orgs.adicor, type: "ngo" as const });
  const asAdicor = <T>(fn: (tx: Tx) => Promise<T>) => db.asApp({ orgId: ids.orgs.adicor, userId: editorId }, fn);
  const status = async () =>
    (await db.db.select({ s: profitDistributions.status }).from(profitDistributions).where(eq(profitDistributions.id, distribution)))[0].s;

  const meet = async (attendees: string[], intent: "save" | "finalise") => {
    const { meetingAction } = await import("@/lib/meetings/actions");
    const fd = new FormData();
    const fields = {
      org: "adicor",
      groupId: group,
      distributionId: distribution,
      meetingOn: "2025-01-20",
      meetingPlace: "Sous l'arbre du village",
      explainedBy: "counted_cash",
      explanation: "Chaque part comptée devant tous",
      intent,
    };
    for (const [k, v] of Object.entries(fields)) fd.set(k, v);
    for (const a of attendees) fd.append("attendees[]", a);
    const idle: ActionState<unknown> = { status: idleState.status };
    return meetingAction(idle, fd);
  };

  beforeAll(async () => {
    db = await createTestDb({ demo: true });
    ids = await demoIds(db.db);
    await serve(db);
    request.user = await signedIn(db, "editor@adicor.demo", "10.91.0.42");
    editorId = request.user.id;
    const grp = await asAdicor((tx) =>
      createGroup(tx, adicor(), {
        name: "Boutique (test des réunions)",
        activityType: "shop",
        villageId: ids.places.settlements["Tenhamed"],
        startDate: "2024-01-01",
        startingCapitalAmount: 0,
        startingCapitalCurrency: "MRU",
        profitRule: "equal",
      }),
    );
    group = grp.id;
    const ps = await db.db.select({ id: people.id }).from(people).where(eq(people.ngoOrgId, ids.orgs.adicor)).limit(3);
    const ms = await db.db
      .insert(groupMemberships)
      .values(ps.map((p) => ({ groupId: group, personId: p.id, joinedOn: "2024-01-01" })))
      .returning({ id: groupMemberships.id });
    members = ms.map((m) => m.id);
    await asAdicor((tx) =>
      recordEntry(tx, adicor(), editorId, {
        groupId: group,
        kind: "sale",
        occurredOn: "2024-06-10",
        amount: 9_000,
        currency: "MRU",
        note: "",
        confirm: undefined,
      }),
    );
    const d = await asAdicor((tx) =>
      recordDistribution(tx, adicor(), editorId, { groupId: group, periodFrom: "2024-01-01", periodTo: "2024-12-31", currency: "MRU" }),
    );
    distribution = d.distribution.id;
  }, 120_000);
  afterAll(() => unserve(db));

  it("records a new distribution as a draft", async () => {
    expect(await status()).toBe("draft");
  });

  it("refuses to finalise with one member of three present: the distribution stays a draft, nothing saved", async () => {
    const state = await meet([members[0]], "finalise");
    expect(state.status).toBe("error");
    if (state.status !== "error") return;
    expect(state.fieldErrors?.attendees).toBe("meetingNotQuorate");
    expect(state.formError?.values).toMatchObject({ present: 1, required: 2 });
    expect(await status()).toBe("draft");
    const kept = await db.db.select().from(profitMeetingAttendees).where(eq(profitMeetingAttendees.distributionId, distribution));
    expect(kept).toHaveLength(0);
  });

  it("saves the meeting as a draft below the quorum", async () => {
    const state = await meet([members[0]], "save");
    expect(state.status).toBe("ok");
    expect(await status()).toBe("draft");
  });

  it("refuses a raw finalisation below the quorum as the application role (the database's rule)", async () => {
    const e = await shown(asAdicor((tx) => tx.update(profitDistributions).set({ status: "final" }).where(eq(profitDistributions.id, distribution))));
    expect(e.messageKey).toBe("meetingNotQuorate");
    expect(e.values).toMatchObject({ present: 1, required: 2 });
    expect(await status()).toBe("draft");
    // Nor can a distribution be written final at once.
    const raw = await shown(
      asAdicor((tx) =>
        tx
          .insert(profitDistributions)
          .values({ groupId: group, periodFrom: "2025-01-01", periodTo: "2025-01-31", currency: "MRU", profit: 10, rule: "equal", status: "final" }),
      ),
    );
    expect(raw.messageKey).toBe("meetingNotQuorate");
  });

  it("finalises with two of three present, records who finalised, and then keeps the meeting as it was", async () => {
    const state = await meet([members[0], members[1]], "finalise");
    expect(state.status).toBe("ok");
    const [d] = await db.db.select().from(profitDistributions).where(eq(profitDistributions.id, distribution));
    expect(d).toMatchObject({ status: "final", meetingPlace: "Sous l'arbre du village", explainedBy: "counted_cash", finalisedBy: editorId });
    // Once final, its members present and its meeting no longer change, whoever writes.
    const add = await shown(asAdicor((tx) => tx.insert(profitMeetingAttendees).values({ distributionId: distribution, membershipId: members[2] })));
    expect(add.messageKey).toBe("distributionFinal");
    const back = await shown(asAdicor((tx) => tx.update(profitDistributions).set({ status: "draft" }).where(eq(profitDistributions.id, distribution))));
    expect(back.messageKey).toBe("distributionFinal");
    const again = await meet([members[0], members[1], members[2]], "save");
    expect(again.status).toBe("error");
  });
});
