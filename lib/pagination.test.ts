import { describe, expect, it } from "vitest";
import { PgDialect, integer, pgTable, text, timestamp, uuid, date } from "drizzle-orm/pg-core";
import {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  decodeCursor,
  encodeCursor,
  keyset,
  pageHref,
  parsePageSize,
  readPageRequest,
  toPage,
  type KeyPart,
  type SortKey,
} from "./pagination";

const shape: KeyPart[] = ["date", "timestamptz", "uuid"];
const key: SortKey = ["2024-02-29", "2024-02-29T10:11:12.123456Z", "0b7c7f3e-5a4e-4c1e-9a43-6b2f3f1d2e10"];
const raw = (s: string) => Buffer.from(s, "utf8").toString("base64url");

describe("cursors", () => {
  it("round-trip a sort key, URL-safe", () => {
    const c = encodeCursor(key);
    expect(c).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(c, shape)).toEqual(key);
    expect(decodeCursor(encodeCursor([7, "Boutique — أرز", "0b7c7f3e-5a4e-4c1e-9a43-6b2f3f1d2e10"]), ["int", "text", "uuid"])).toEqual([
      7,
      "Boutique — أرز",
      "0b7c7f3e-5a4e-4c1e-9a43-6b2f3f1d2e10",
    ]);
  });

  it("refuse anything malformed or tampered", () => {
    const c = encodeCursor(key);
    const bad = [
      undefined,
      "",
      `${c}=`, // padding
      `${c.slice(0, -1)}${c.at(-1) === "A" ? "B" : "A"}`, // last character changed
      c.replace(/^./, "%"),
      "a".repeat(3000),
      raw("not json"),
      raw('{"0":"2024-02-29"}'),
      raw(JSON.stringify(key.slice(0, 2))), // too short
      raw(JSON.stringify([...key, 1])), // too long
      raw(JSON.stringify(["2024-02-30", key[1], key[2]])), // no such day
      raw(JSON.stringify(["2024-02-29'; drop table x;--", key[1], key[2]])),
      raw(JSON.stringify([key[0], "2024-02-29T10:11:12.123Z", key[2]])), // not to the microsecond
      raw(JSON.stringify([key[0], "2024-02-29T24:00:00.000000Z", key[2]])),
      raw(JSON.stringify([key[0], key[1], "not-a-uuid"])),
      raw(JSON.stringify([key[0], key[1], 42])),
    ];
    for (const b of bad) expect(decodeCursor(b, shape), String(b)).toBeUndefined();
    expect(decodeCursor(raw(JSON.stringify([1.5, "a", key[2]])), ["int", "text", "uuid"])).toBeUndefined();
    expect(decodeCursor(raw(JSON.stringify([2 ** 31, "a", key[2]])), ["int", "text", "uuid"])).toBeUndefined();
    expect(decodeCursor(raw(JSON.stringify([1, "a\u0000b", key[2]])), ["int", "text", "uuid"])).toBeUndefined();
    expect(decodeCursor(raw(JSON.stringify([1, "\ud800", key[2]])), ["int", "text", "uuid"])).toBeUndefined();
    expect(decodeCursor(raw(JSON.stringify([1, "x".repeat(301), key[2]])), ["int", "text", "uuid"])).toBeUndefined();
    expect(decodeCursor(raw(JSON.stringify(["2024-01-01T00:00:00.000000Z", 2 ** 53])), ["timestamptz", "bigint"])).toBeUndefined();
    // Invalid UTF-8 bytes.
    expect(decodeCursor(Buffer.from([0x5b, 0xff, 0x5d]).toString("base64url"), ["int"])).toBeUndefined();
  });
});

describe("page requests", () => {
  it("read the size: 50 by default, at most 200, anything odd ignored", () => {
    expect(parsePageSize(undefined)).toBe(DEFAULT_PAGE_SIZE);
    expect(parsePageSize("10")).toBe(10);
    expect(parsePageSize(["20", "30"])).toBe(20);
    expect(parsePageSize("500")).toBe(MAX_PAGE_SIZE);
    for (const s of ["0", "-1", "abc", "1e3", "10.5", " 10", "9999999"]) expect(parsePageSize(s), s).toBe(DEFAULT_PAGE_SIZE);
    expect(parsePageSize(undefined, 20)).toBe(20);
    expect(readPageRequest({ size: "x" }, 20)).toEqual({ size: 20 });
  });

  it("keep a well-formed cursor (still unverified), and drop both when both directions are asked", () => {
    const c = encodeCursor(key);
    expect(readPageRequest({ after: c, size: "25" })).toEqual({ size: 25, after: c });
    expect(readPageRequest({ before: [c, "x"] })).toEqual({ size: 50, before: c });
    expect(readPageRequest({ after: c, before: c })).toEqual({ size: 50 });
    expect(readPageRequest({ after: "a b" })).toEqual({ size: 50 });
  });

  it("build links that keep every filter and replace the cursor", () => {
    expect(pageHref("/adicor/ledger", { activity: "shop", after: "old", before: "old", village: ["a", "b"], size: "20" }, { after: "NEW" })).toBe(
      "/adicor/ledger?activity=shop&village=a&village=b&size=20&after=NEW",
    );
    expect(pageHref("/adicor/ledger", { after: "old" })).toBe("/adicor/ledger");
    expect(pageHref("/x", { q: "a&b=c é" }, { before: "C" })).toBe("/x?q=a%26b%3Dc+%C3%A9&before=C");
  });
});

describe("toPage", () => {
  // A list of 123 rows, newest first by (n desc); each page is read as the database would.
  const all = Array.from({ length: 123 }, (_, i) => ({ n: 123 - i }));
  const keyOf = (r: { n: number }) => [r.n];
  const fetchAfter = (after: number | undefined, size: number) => all.filter((r) => after === undefined || r.n < after).slice(0, size + 1);
  const fetchBefore = (before: number, size: number) =>
    all
      .filter((r) => r.n > before)
      .reverse()
      .slice(0, size + 1);
  const decode = (c: string) => decodeCursor(c, ["int"])![0] as number;

  it("pages forward through every row once, then back to the first page", () => {
    const seen: number[] = [];
    let page = toPage(fetchAfter(undefined, 50), 50, keyOf);
    expect(page.previous).toBeUndefined();
    const pages = [page];
    for (;;) {
      seen.push(...page.rows.map((r) => r.n));
      if (!page.next) break;
      const after = decode(page.next);
      page = toPage(fetchAfter(after, 50), 50, keyOf, { after: [after] });
      pages.push(page);
    }
    expect(seen).toEqual(all.map((r) => r.n));
    expect(pages.map((p) => p.rows.length)).toEqual([50, 50, 23]);
    // Back from the last page: the same pages, in the list's order.
    let back = pages[2];
    for (const expected of [pages[1], pages[0]]) {
      const before = decode(back.previous!);
      back = toPage(fetchBefore(before, 50), 50, keyOf, { before: [before] });
      expect(back.rows).toEqual(expected.rows);
      expect(decode(back.next!)).toBe(expected.rows.at(-1)!.n);
    }
    expect(back.previous).toBeUndefined();
  });

  it("links an empty page past the end back to the rows before its cursor", () => {
    const page = toPage([], 50, keyOf, { after: [1] });
    expect(page.rows).toEqual([]);
    expect(page.next).toBeUndefined();
    expect(decode(page.previous!)).toBe(1);
    expect(toPage([], 50, keyOf)).toEqual({ rows: [] });
  });
});

describe("keyset", () => {
  const t = pgTable("t", { id: uuid("id"), on: date("on"), at: timestamp("at", { withTimezone: true }), rank: integer("rank"), name: text("name") });
  const ks = keyset(
    [
      { column: t.on, type: "date" },
      { column: t.at, type: "timestamptz" },
      { column: t.id, type: "uuid" },
    ],
    "desc",
  );
  const render = (s: Parameters<PgDialect["sqlToQuery"]>[0]) => new PgDialect().sqlToQuery(s);

  it("reads the first page, newest first, one row more than the page", () => {
    const p = ks.plan({ size: 50 });
    expect(p.where).toBeUndefined();
    expect(p.limit).toBe(51);
    expect(p.orderBy.map((o) => render(o).sql)).toEqual(['"t"."on" desc', '"t"."at" desc', '"t"."id" desc']);
    expect(render(ks.keySql).sql).toBe(`json_build_array("t"."on", to_char("t"."at" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), "t"."id")::text`);
  });

  it("compares the row to the cursor as a whole, with typed parameters", () => {
    const next = render(ks.plan({ size: 10, after: encodeCursor(key) }).where!);
    expect(next.sql).toBe('("t"."on", "t"."at", "t"."id") < ($1::date, $2::timestamptz, $3::uuid)');
    expect(next.params).toEqual(key);
    const prev = ks.plan({ size: 10, before: encodeCursor(key) });
    expect(render(prev.where!).sql).toBe('("t"."on", "t"."at", "t"."id") > ($1::date, $2::timestamptz, $3::uuid)');
    expect(prev.orderBy.map((o) => render(o).sql)).toEqual(['"t"."on" asc', '"t"."at" asc', '"t"."id" asc']);
  });

  it("ignores a forged cursor: first page", () => {
    const forged = raw(JSON.stringify(["2024-01-01", "1 or 1=1", key[2]]));
    const p = ks.plan({ size: 50, after: forged });
    expect(p.where).toBeUndefined();
    expect(p.finish([]).previous).toBeUndefined();
    const asc = keyset(
      [
        { column: t.rank, type: "int" },
        { column: t.name, type: "text" },
        { column: t.id, type: "uuid" },
      ],
      "asc",
    );
    expect(asc.plan({ size: 50, after: encodeCursor(key) }).where).toBeUndefined();
    expect(render(asc.plan({ size: 50, after: encodeCursor([1, "a", key[2]]) }).where!).sql).toBe(
      '("t"."rank", "t"."name", "t"."id") > ($1::int, $2::text, $3::uuid)',
    );
  });

  it("finishes a page without the key column and with its cursors", () => {
    const rows = [1, 2, 3].map((i) => ({ id: `r${i}`, cursorKey: JSON.stringify([`2024-01-0${i}`, "2024-01-01T00:00:00.000000Z", key[2]]) }));
    const page = ks.plan({ size: 2 }).finish(rows);
    expect(page.rows).toEqual([{ id: "r1" }, { id: "r2" }]);
    expect(decodeCursor(page.next, shape)).toEqual(["2024-01-02", "2024-01-01T00:00:00.000000Z", key[2]]);
    expect(page.previous).toBeUndefined();
  });
});
