import "server-only";
import { and, asc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { activityTypes, groups, importKeys, importMappings, importRows, importUploads, priceSessions } from "@/db/schema";
import type { TenantOrg } from "@/lib/auth/tenant-core";
import { AppError } from "@/lib/errors";
import { appErrorFromDb } from "@/lib/db-errors";
import { addMember, checkEntries, checkMembers, createGroup, insertEntries, insertMembers, recordEntry } from "@/lib/groups/service";
import { listNgoSettlements } from "@/lib/groups/queries";
import type { AddMemberInput, CreateGroupInput, RecordEntryInput } from "@/lib/groups/schema";
import type { MemberRows } from "@/lib/groups/service";
import { writableGroupSql } from "@/lib/groups/scope";
import { cellText } from "./cells";
import { importFields, normalise, type ImportKind } from "./fields";
import { mapHeaders } from "./headers";
import { ImportFileError, readSheet, type SheetSource } from "./read";
import { checkRow, emptyLookups, importFieldOf, lookupOf, rowKey, storedValue, type Lookups, type RowError } from "./rows";
import { importKindRules } from "./kinds";
import { noProgress, type Progress } from "./progress";
import type { TemplateNames } from "./template";
import { findVisibleCommune, listVisibleCommunes } from "@/lib/orgs/scope";
import { listProducts } from "@/lib/prices/queries";
import { listCommuneSettlements } from "@/lib/prices/records";
import { recordObservation } from "@/lib/prices/catalogue-service";
import type { attendeeSchema, observationSchema } from "@/lib/prices/schema";
import { addAttendee } from "@/lib/prices/sessions-service";
import type { z } from "zod";

type ObservationInput = z.infer<typeof observationSchema>;
type AttendeeInput = z.infer<typeof attendeeSchema>;

type Org = Pick<TenantOrg, "id" | "type">;

/** Rows checked and written per batch: memory stays bounded whatever the file's length. */
const BATCH = 500;

export async function loadLookups(tx: Tx, org: Org, kind: ImportKind): Promise<Lookups> {
  if (kind === "observations") return { ...emptyLookups(), ...(await priceLookups(tx, org)) };
  if (kind === "attendance") return { ...emptyLookups(), sessions: await draftSessions(tx, org) };
  const gs = await tx
    .select({ id: groups.id, name: groups.name })
    .from(groups)
    .where(and(writableGroupSql(org), isNull(groups.archivedAt)));
  const vs = await listNgoSettlements(tx, org.id);
  const named = await tx.select({ name: groups.name }).from(groups).where(eq(groups.ngoOrgId, org.id));
  const activities = new Map<string, string | null>();
  for (const a of await tx.select().from(activityTypes)) {
    for (const n of [a.code, a.nameFr, a.nameAr, a.nameEn]) activities.set(normalise(n), a.code);
    activities.set(a.code, a.code);
  }
  return {
    ...emptyLookups(),
    groups: lookupOf(gs),
    villages: lookupOf(vs),
    activities,
    groupNames: new Set(named.map((g) => normalise(g.name))),
  };
}

/**
 * Market prices' names: the communes the organisation may read (a commune itself; an NGO those
 * it works in, as the observation form offers), each one's active products and its villages.
 */
async function priceLookups(tx: Tx, org: Org) {
  const communes = await listVisibleCommunes(tx, org);
  const products = new Map<string, Map<string, string | null>>();
  const places = new Map<string, Map<string, string | null>>();
  for (const c of communes) {
    const ps = await listProducts(tx, c.id, { active: true });
    products.set(c.id, lookupOf(ps.map((p) => ({ id: p.id, name: p.nameFr, aliases: [p.nameAr, p.nameEn] }))));
    places.set(c.id, lookupOf(await listCommuneSettlements(tx, c.id)));
  }
  return {
    communes: lookupOf(communes.map((c) => ({ id: c.id, name: c.name, aliases: [c.slug] }))),
    communeSlugs: new Map(communes.map((c) => [c.id, c.slug])),
    defaultCommune: communes.length === 1 ? communes[0].id : null,
    products,
    places,
  };
}

/** The commune's sessions in preparation, by day (two the same day: null, to be told apart). */
async function draftSessions(tx: Tx, org: Org) {
  const rows = await tx
    .select({ id: priceSessions.id, heldOn: priceSessions.heldOn })
    .from(priceSessions)
    .where(and(eq(priceSessions.communeOrgId, org.id), eq(priceSessions.status, "draft")));
  const m = new Map<string, string | null>();
  for (const r of rows) m.set(r.heldOn, m.has(r.heldOn) ? null : r.id);
  return m;
}

/** A kind the organisation's type may not import is "not found" (the actions check the member's permission). */
function assertImportable(org: Org, kind: ImportKind) {
  if (!importKindRules[kind].orgTypes.includes(org.type)) throw new AppError("not_found");
}

export interface StageInput {
  kind: ImportKind;
  /** A form's file, or a request's body as it arrives (lib/imports/read.ts). */
  file: SheetSource;
  fileName: string;
  /** A saved mapping's id (its headers → fields), if the uploader chose one. */
  mappingId?: string;
  /** Told how many lines were read so far (the file is streamed: their number is not known before). */
  progress?: Progress;
}

/**
 * Reads the file (streamed: a batch of rows at a time), checks each row as its form would and
 * keeps it with what was found, for the preview. The whole file is refused (ImportFileError,
 * nothing kept) if it is no spreadsheet, too large, or its headers are wrong.
 */
export async function stageUpload(tx: Tx, org: Org, userId: string, input: StageInput): Promise<{ id: string }> {
  assertImportable(org, input.kind);
  let saved: Record<string, string> = {};
  if (input.mappingId) {
    const [m] = await tx
      .select()
      .from(importMappings)
      .where(and(eq(importMappings.id, input.mappingId), eq(importMappings.orgId, org.id), eq(importMappings.kind, input.kind)));
    if (!m) throw new AppError("not_found");
    saved = m.mapping as Record<string, string>;
  }
  const file = await readSheet(input.file, input.fileName);
  const lookups = await loadLookups(tx, org, input.kind);
  let header: ReturnType<typeof mapHeaders> | null = null;
  let uploadId: string | null = null;
  const counts = { rows: 0, new: 0, duplicate: 0, invalid: 0 };
  const seen = new Set<string>();
  const occurrences = new Map<string, number>();
  let batch: { line: number; rowKey: string; values: Record<string, string>; errors: RowError[] }[] = [];

  const flush = async () => {
    if (batch.length === 0) return;
    const keys = [...new Set(batch.map((r) => r.rowKey))];
    const known = new Set(
      (
        await tx
          .select({ k: importKeys.rowKey })
          .from(importKeys)
          .where(and(eq(importKeys.orgId, org.id), eq(importKeys.kind, input.kind), inArray(importKeys.rowKey, keys)))
      ).map((r) => r.k),
    );
    const rows = batch.map((r) => {
      // A group imported before by this very row has its name taken by itself: a duplicate.
      if (known.has(r.rowKey)) r.errors = r.errors.filter((e) => e.key !== "importGroupExists");
      const duplicate = known.has(r.rowKey) || seen.has(r.rowKey);
      seen.add(r.rowKey);
      const status = r.errors.length > 0 ? "invalid" : duplicate ? "duplicate" : "new";
      counts[status]++;
      return { uploadId: uploadId!, orgId: org.id, line: r.line, rowKey: r.rowKey, values: r.values, status, errors: r.errors };
    });
    await tx.insert(importRows).values(rows);
    batch = [];
  };

  for await (const row of file.rows) {
    if (!header) {
      header = mapHeaders(input.kind, row.cells, saved);
      const [u] = await tx
        .insert(importUploads)
        .values({
          orgId: org.id,
          createdByUserId: userId,
          kind: input.kind,
          fileName: input.fileName.slice(0, 255) || "import",
          checksum: "0".repeat(64),
          sizeBytes: input.file.size,
          headerLang: header.lang,
          columns: header.read,
          ignored: header.ignored,
          rowCount: 0,
          newCount: 0,
          duplicateCount: 0,
          invalidCount: 0,
        })
        .returning({ id: importUploads.id });
      uploadId = u.id;
      continue;
    }
    const values: Record<string, string> = {};
    for (const [field, col] of Object.entries(header.columns)) values[field] = storedValue(input.kind, field, row.cells[col] ?? null);
    const checked = checkRow(input.kind, values, lookups);
    const uuid = header.uuidColumn === null ? undefined : cellText(row.cells[header.uuidColumn] ?? null) || undefined;
    const n = occurrences.get(checked.natural) ?? 0;
    if (input.kind === "ledger") occurrences.set(checked.natural, n + 1);
    batch.push({ line: row.line, rowKey: rowKey(uuid, checked.natural, n), values, errors: checked.errors });
    counts.rows++;
    if (batch.length >= BATCH) {
      await flush();
      input.progress?.report("reading", counts.rows);
    }
  }
  await flush();
  if (!header || !uploadId) throw new ImportFileError("noHeader");
  if (counts.rows === 0) throw new ImportFileError("noRows");
  await tx
    .update(importUploads)
    .set({ checksum: file.checksum(), rowCount: counts.rows, newCount: counts.new, duplicateCount: counts.duplicate, invalidCount: counts.invalid })
    .where(eq(importUploads.id, uploadId));
  return { id: uploadId };
}

/** A commit refused: every row the rules refused, with why. Nothing was written. */
export class ImportRefused extends Error {
  constructor(readonly failures: { line: number; errors: RowError[] }[]) {
    super("import refused");
  }
}

export interface CommitResult {
  upload: typeof importUploads.$inferSelect;
  added: number;
  duplicates: number;
  invalid: number;
}

/** An AppError of a form to the row's errors, by import column. */
function rowErrorsOf(kind: ImportKind, err: AppError): RowError[] {
  const fieldErrors = Object.entries(err.fieldErrors ?? {}).map(([f, key]) => ({ field: importFieldOf(kind, f), key }));
  if (fieldErrors.length > 0 && err.messageKey === "validation") return fieldErrors;
  // A rule's refusal without a field (a locked quarter: the date's; an amount's limit): its column.
  const dateField = { members: "joinedOn", ledger: "occurredOn", groups: "startDate", observations: "observedOn", attendance: "session" }[kind];
  const amountField = { members: null, ledger: "amount", groups: "startingCapitalAmount", observations: "price", attendance: null }[kind];
  const byKey = /^quarter|date/i.test(err.messageKey) ? dateField : /^amount/.test(err.messageKey) ? amountField : null;
  const field = fieldErrors[0]?.field ?? byKey ?? importFields[kind][0].key;
  const values = err.values ? Object.fromEntries(Object.entries(err.values).filter(([k]) => k !== "confirm")) : undefined;
  return [{ field, key: err.messageKey, values }];
}

/**
 * Writes every new row of a staged upload through the same service as its form (the same rules,
 * limits and database triggers: a locked quarter, an archived group), each row in a savepoint so
 * that every refusal is found; if any row is refused, ImportRefused is thrown and the
 * transaction (the caller's) writes nothing. Each added record's key is kept: the same row
 * imported again is a duplicate. Warnings a form asks to confirm (an amount above the soft
 * limit, a possibly known person) are confirmed only if `acceptWarnings`.
 */
export async function commitUpload(
  tx: Tx,
  org: Org,
  userId: string,
  uploadId: string,
  acceptWarnings: boolean,
  /** The kinds the committing member may import (its permissions); by default, any its organisation may. */
  allowed?: readonly ImportKind[],
  /** Told how many of the lines to write were handled so far. */
  progress: Progress = noProgress,
): Promise<CommitResult> {
  const [upload] = await tx
    .select()
    .from(importUploads)
    .where(and(eq(importUploads.id, uploadId), eq(importUploads.orgId, org.id)))
    .for("update");
  if (!upload || (allowed && !allowed.includes(upload.kind as ImportKind))) throw new AppError("not_found");
  assertImportable(org, upload.kind as ImportKind);
  if (upload.status !== "staged") throw new AppError("validation", "importAlreadyCommitted");
  const kind = upload.kind as ImportKind;
  const lookups = await loadLookups(tx, org, kind);
  const failures: { line: number; errors: RowError[] }[] = [];
  let added = 0;
  let duplicates = upload.duplicateCount;
  type Row = typeof importRows.$inferSelect;

  /** Each row in a savepoint of its own, through its form's service: every refusal is named. */
  const oneByOne = async (rows: Row[]) => {
    for (const row of rows) {
      const checked = checkRow(kind, row.values as Record<string, string>, lookups);
      if (!checked.input) {
        failures.push({ line: row.line, errors: checked.errors });
        continue;
      }
      try {
        const entityId = await tx.transaction(async (sp) => {
          const [known] = await sp
            .select({ id: importKeys.entityId })
            .from(importKeys)
            .where(and(eq(importKeys.orgId, org.id), eq(importKeys.kind, kind), eq(importKeys.rowKey, row.rowKey)));
          if (known) return null;
          const id = await writeRow(sp, org, userId, kind, checked.input!, acceptWarnings);
          await sp.insert(importKeys).values({ orgId: org.id, kind, rowKey: row.rowKey, entityId: id, uploadId: upload.id });
          return id;
        });
        if (entityId) added++;
        else duplicates++;
      } catch (err) {
        const app = appErrorFromDb(err) ?? err;
        if (!(app instanceof AppError)) throw err;
        failures.push({ line: row.line, errors: rowErrorsOf(kind, app) });
      }
    }
  };

  /**
   * A batch's rows not imported before (those are counted as duplicates), each checked by its
   * form's schema (a refusal is named with its row); the rest, with their input, to be written.
   */
  const newRows = async (rows: Row[]) => {
    const known = new Set(
      (
        await tx
          .select({ k: importKeys.rowKey })
          .from(importKeys)
          .where(
            and(
              eq(importKeys.orgId, org.id),
              eq(importKeys.kind, kind),
              inArray(
                importKeys.rowKey,
                rows.map((r) => r.rowKey),
              ),
            ),
          )
      ).map((r) => r.k),
    );
    const todo: { row: Row; input: Record<string, unknown> }[] = [];
    for (const row of rows) {
      if (known.has(row.rowKey)) {
        duplicates++;
        continue;
      }
      const checked = checkRow(kind, row.values as Record<string, string>, lookups);
      if (!checked.input) failures.push({ line: row.line, errors: checked.errors });
      else todo.push({ row, input: checked.input });
    }
    return todo;
  };

  /**
   * Cash-book lines a batch at a time: checked by recordEntry's rules (checkEntries), then written
   * in one statement with their keys. A refusal only the database finds (a quarter locked
   * meanwhile) sends the batch back one line at a time, to name the line.
   */
  const inBatches = async (rows: Row[]) => {
    const todo = (await newRows(rows)).map((t) => ({ row: t.row, input: t.input as RecordEntryInput }));
    const results = await checkEntries(
      tx,
      org,
      userId,
      todo.map((t) => t.input),
      acceptWarnings,
    );
    results.forEach((r, i) => {
      if ("error" in r) failures.push({ line: todo[i].row.line, errors: rowErrorsOf(kind, r.error) });
    });
    // A refused import writes nothing: the later batches are only checked, to name every refusal.
    if (failures.length > 0) return;
    const values = results.map((r) => ("values" in r ? r.values : null)).filter((v) => v !== null);
    try {
      await tx.transaction(async (sp) => {
        await insertEntries(sp, values);
        if (values.length > 0)
          await sp.insert(importKeys).values(values.map((v, i) => ({ orgId: org.id, kind, rowKey: todo[i].row.rowKey, entityId: v.id, uploadId: upload.id })));
      });
      added += values.length;
    } catch (err) {
      if (!appErrorFromDb(err)) throw err;
      await oneByOne(todo.map((t) => t.row));
    }
  };

  /**
   * New members a batch at a time: checked by addMember's rules (checkMembers: a chunk of the
   * batch up to a row that may be a near-duplicate of one before it, which is checked in the next
   * chunk, once those are saved), then written with their keys, three statements per chunk. A
   * refusal only the database finds (a locked quarter) sends the chunk back one row at a time, to
   * name the row. Rows are written even after a refusal (rolled back with the import), so that
   * later rows are checked against the earlier ones, as one by one.
   */
  const membersInBatches = async (rows: Row[]) => {
    let todo = (await newRows(rows)).map((t) => ({ row: t.row, input: { ...(t.input as AddMemberInput), confirm: undefined } }));
    while (todo.length > 0) {
      const { checked, results } = await checkMembers(
        tx,
        org,
        todo.map((t) => t.input),
        acceptWarnings,
      );
      const ok: { row: Row; values: MemberRows }[] = [];
      results.forEach((r, i) => {
        if ("error" in r) failures.push({ line: todo[i].row.line, errors: rowErrorsOf(kind, r.error) });
        else ok.push({ row: todo[i].row, values: r.values });
      });
      todo = todo.slice(checked);
      try {
        await tx.transaction(async (sp) => {
          await insertMembers(
            sp,
            ok.map((o) => o.values),
          );
          if (ok.length > 0)
            await sp
              .insert(importKeys)
              .values(ok.map((o) => ({ orgId: org.id, kind, rowKey: o.row.rowKey, entityId: o.values.person.id, uploadId: upload.id })));
        });
        added += ok.length;
      } catch (err) {
        if (!appErrorFromDb(err)) throw err;
        await oneByOne(ok.map((o) => o.row));
      }
    }
  };

  let after = 0;
  let handled = 0;
  const total = upload.newCount + upload.refusedCount;
  progress.report("writing", 0, total);
  for (;;) {
    const rows = await tx
      .select()
      .from(importRows)
      .where(and(eq(importRows.uploadId, upload.id), inArray(importRows.status, ["new", "refused"]), gt(importRows.line, after)))
      .orderBy(asc(importRows.line))
      .limit(BATCH);
    if (rows.length === 0) break;
    after = rows[rows.length - 1].line;
    if (kind === "ledger") await inBatches(rows);
    else if (kind === "members") await membersInBatches(rows);
    else await oneByOne(rows);
    handled += rows.length;
    progress.report("writing", handled, total);
  }
  if (failures.length > 0) throw new ImportRefused(failures.sort((a, b) => a.line - b.line));
  const [done] = await tx
    .update(importUploads)
    .set({ status: "committed", committedAt: new Date(), refusedCount: 0 })
    .where(eq(importUploads.id, upload.id))
    .returning();
  return { upload: done, added, duplicates, invalid: upload.invalidCount };
}

async function writeRow(tx: Tx, org: Org, userId: string, kind: ImportKind, input: Record<string, unknown>, acceptWarnings: boolean): Promise<string> {
  const once = async (confirm?: string) => {
    if (kind === "members") return (await addMember(tx, org, { ...(input as AddMemberInput), confirm })).personId;
    if (kind === "groups") return (await createGroup(tx, org, { ...(input as CreateGroupInput), confirm })).id;
    if (kind === "observations") {
      const o = input as ObservationInput;
      const commune = await findVisibleCommune(tx, org, o.commune);
      if (!commune) throw new AppError("not_found");
      return (await recordObservation(tx, commune.id, userId, o)).id;
    }
    if (kind === "attendance") return (await addAttendee(tx, org.id, userId, input as AttendeeInput)).id;
    return (await recordEntry(tx, org, userId, { ...(input as RecordEntryInput), confirm })).id;
  };
  try {
    return await once();
  } catch (err) {
    // A warning the form would ask to confirm: confirmed with its own token, if the importer said so.
    const token = err instanceof AppError ? err.values?.confirm : undefined;
    if (!acceptWarnings || typeof token !== "string") throw err;
    return await once(token);
  }
}

/** A refused commit: each refused row keeps its reasons for the preview (after the rollback). */
export async function recordRefusal(tx: Tx, org: Org, uploadId: string, refused: ImportRefused): Promise<void> {
  for (const f of refused.failures) {
    await tx
      .update(importRows)
      .set({ status: "refused", errors: f.errors })
      .where(and(eq(importRows.uploadId, uploadId), eq(importRows.orgId, org.id), eq(importRows.line, f.line)));
  }
  await tx
    .update(importUploads)
    .set({ refusedCount: refused.failures.length })
    .where(and(eq(importUploads.id, uploadId), eq(importUploads.orgId, org.id)));
}

/** Throws away a staged upload (its rows go with it). */
export async function discardUpload(tx: Tx, org: Org, uploadId: string) {
  const [u] = await tx
    .update(importUploads)
    .set({ status: "discarded" })
    .where(and(eq(importUploads.id, uploadId), eq(importUploads.orgId, org.id), eq(importUploads.status, "staged")))
    .returning({ id: importUploads.id });
  if (!u) throw new AppError("not_found");
  await tx.delete(importRows).where(eq(importRows.uploadId, u.id));
  return u;
}

/** Saves the upload's headers as a named mapping, for the next file of the same form. */
export async function saveMapping(tx: Tx, org: Org, uploadId: string, name: string) {
  const [u] = await tx
    .select()
    .from(importUploads)
    .where(and(eq(importUploads.id, uploadId), eq(importUploads.orgId, org.id)));
  if (!u) throw new AppError("not_found");
  const mapping = Object.fromEntries(Object.entries(u.columns as Record<string, string>).map(([h, f]) => [normalise(h), f]));
  const [m] = await tx
    .insert(importMappings)
    .values({ orgId: org.id, kind: u.kind, name, mapping })
    .onConflictDoUpdate({ target: [importMappings.orgId, importMappings.kind, importMappings.name], set: { mapping } })
    .returning();
  return m;
}

export async function listMappings(tx: Tx, org: Org) {
  return tx
    .select({ id: importMappings.id, kind: importMappings.kind, name: importMappings.name })
    .from(importMappings)
    .where(eq(importMappings.orgId, org.id))
    .orderBy(asc(importMappings.name));
}

/** An upload and one page of its rows (invalid and refused first), for the preview. */
export async function loadPreview(tx: Tx, org: Org, uploadId: string, limit = 500) {
  const [upload] = await tx
    .select()
    .from(importUploads)
    .where(and(eq(importUploads.id, uploadId), eq(importUploads.orgId, org.id)));
  if (!upload) return null;
  const rows = await tx
    .select({ line: importRows.line, values: importRows.values, status: importRows.status, errors: importRows.errors })
    .from(importRows)
    .where(eq(importRows.uploadId, upload.id))
    .orderBy(sql`case ${importRows.status} when 'refused' then 0 when 'invalid' then 1 else 2 end`, asc(importRows.line))
    .limit(limit);
  return { upload, rows: rows as { line: number; values: Record<string, string>; status: string; errors: RowError[] }[] };
}

export async function listUploads(tx: Tx, org: Org) {
  return tx
    .select()
    .from(importUploads)
    .where(eq(importUploads.orgId, org.id))
    .orderBy(sql`${importUploads.createdAt} desc`)
    .limit(20);
}

/** The names the template's lists offer: the organisation's active groups and its villages; for market prices, its communes' products and villages. */
export async function loadTemplateNames(tx: Tx, org: Org, kind: ImportKind): Promise<TemplateNames> {
  const none = {
    groups: [],
    villages: [],
    activities: { fr: [], ar: [], en: [] },
    communes: [],
    products: { fr: [], ar: [], en: [] },
    places: [],
    sessions: [],
  };
  if (kind === "attendance") return { ...none, sessions: [...(await draftSessions(tx, org)).keys()].sort() };
  if (kind === "observations") {
    const communes = await listVisibleCommunes(tx, org);
    const products = { fr: new Set<string>(), ar: new Set<string>(), en: new Set<string>() };
    const places = new Set<string>();
    for (const c of communes) {
      for (const p of await listProducts(tx, c.id, { active: true })) {
        products.fr.add(p.nameFr);
        products.ar.add(p.nameAr);
        products.en.add(p.nameEn);
      }
      for (const p of await listCommuneSettlements(tx, c.id)) places.add(p.name);
    }
    return {
      ...none,
      communes: communes.map((c) => c.name),
      products: { fr: [...products.fr], ar: [...products.ar], en: [...products.en] },
      places: [...places].sort((a, b) => a.localeCompare(b)),
    };
  }
  const gs = await tx
    .select({ name: groups.name })
    .from(groups)
    .where(and(writableGroupSql(org), isNull(groups.archivedAt)))
    .orderBy(asc(groups.name));
  const vs = await listNgoSettlements(tx, org.id);
  const as = await tx.select().from(activityTypes).orderBy(asc(activityTypes.sortOrder));
  return {
    ...none,
    groups: gs.map((g) => g.name),
    villages: vs.map((v) => v.name),
    activities: { fr: as.map((a) => a.nameFr), ar: as.map((a) => a.nameAr), en: as.map((a) => a.nameEn) },
  };
}
