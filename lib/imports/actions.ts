"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { formDataToObject, type ActionState } from "@/lib/action-state";
import { resolveTenant } from "@/lib/auth/tenant";
import { AppError } from "@/lib/errors";
import { requestId } from "@/lib/request";
import { orgAction, toErrorState, writeInTenant, type ErrorContext } from "@/lib/server-action";
import { withTenant } from "@/lib/tenant-db";
import { ImportFileError } from "./read";
import { importableKinds } from "./kinds";
import { commitSchema, discardSchema, mappingSchema } from "./schema";
import { progressFor } from "./progress";
import { commitUpload, discardUpload, ImportRefused, recordRefusal, saveMapping } from "./service";
import { checkUploadFields, fileErrorKey, stageFile, UPLOAD_PERMISSION } from "./upload-route";

/**
 * Importing writes the records the forms write: the import page's permission, and each kind's
 * form's own (lib/imports/kinds.ts), checked against the upload's kind.
 */
const PERMISSION = UPLOAD_PERMISSION;
const importPath = (slug: string) => `/${slug}/import`;

/**
 * The upload as a plain multipart form (the path without JavaScript; with it, the page sends the
 * file's bytes to app/(portal)/[org]/import/upload instead): the same checks and staging
 * (lib/imports/upload-route.ts), the file read as a stream and its rows kept, checked, for the
 * preview; then the preview is shown. A file refused whole gets its reason and nothing is kept.
 */
export async function uploadImportAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const raw = formDataToObject(formData);
  const where: ErrorContext = { action: "import.upload" };
  let target: string;
  try {
    where.requestId = requestId(await headers());
    const resolution = await resolveTenant(typeof raw.org === "string" ? raw.org : "", UPLOAD_PERMISSION);
    if (resolution.kind === "unauthenticated") throw new AppError("unauthenticated");
    if (resolution.kind === "not_found") throw new AppError("not_found");
    const ctx = resolution.ctx;
    Object.assign(where, { orgId: ctx.org.id, userId: ctx.user.id });
    const fields = checkUploadFields(ctx, raw);
    const file = formData.get("file");
    const fieldErrors = fields.ok ? {} : fields.fieldErrors;
    if (!(file instanceof Blob) || file.size === 0) fieldErrors.file = "importFileRequired";
    if (!fields.ok || Object.keys(fieldErrors).length > 0) return { status: "error", fieldErrors, formError: { key: "validation" } };
    const { id } = await stageFile(ctx, fields.input, file as Blob, (file as File).name || "import");
    target = `${importPath(ctx.org.slug)}?upload=${id}`;
  } catch (err) {
    if (err instanceof ImportFileError) return { status: "error", formError: { key: fileErrorKey(err.key), values: err.values } };
    return toErrorState(err, {}, where);
  }
  redirect(target);
}

/**
 * The commit: every new row through its form's rules in one transaction, and one audit record
 * (file name, checksum, counts). A row the rules refuse refuses the whole import, and each
 * refused row is shown with its reason on the preview.
 */
export async function commitImportAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const raw = formDataToObject(formData);
  const where: ErrorContext = { action: "import.commit" };
  try {
    where.requestId = requestId(await headers());
    const resolution = await resolveTenant(typeof raw.org === "string" ? raw.org : "", PERMISSION);
    if (resolution.kind === "unauthenticated") throw new AppError("unauthenticated");
    if (resolution.kind === "not_found") throw new AppError("not_found");
    const ctx = resolution.ctx;
    Object.assign(where, { orgId: ctx.org.id, userId: ctx.user.id });
    const key = commitSchema.shape.progressKey.safeParse(raw.progressKey);
    const progress = await progressFor(ctx, key.success ? key.data : undefined);
    try {
      const out = await writeInTenant(
        { permission: PERMISSION, schema: commitSchema, action: "import.commit", entity: "import_upload", revalidate: (c) => importPath(c.org.slug) },
        async ({ tx, ctx: c, input }) => {
          const r = await commitUpload(tx, c.org, c.user.id, input.uploadId, input.acceptWarnings, importableKinds(c), progress);
          const u = r.upload;
          return {
            audit: {
              entityId: u.id,
              after: {
                kind: u.kind,
                fileName: u.fileName,
                checksum: u.checksum,
                rows: u.rowCount,
                added: r.added,
                duplicates: r.duplicates,
                invalid: r.invalid,
              },
            },
            data: { added: r.added, duplicates: r.duplicates },
            message: "importCommitted",
          };
        },
        ctx,
        raw,
        where.requestId,
      );
      if (out.kind === "invalid") return out.state;
      if (out.kind === "duplicate") return { status: "ok", message: { key: "alreadyRecorded" } };
      revalidatePath(`/${ctx.org.slug}/groups`);
      return { status: "ok", data: out.result.data, message: { key: "importCommitted" } };
    } catch (err) {
      if (!(err instanceof ImportRefused)) throw err;
      // Nothing was written; the reasons are kept on the rows for the preview.
      const uploadId = String(raw.uploadId);
      await withTenant(ctx, (tx) => recordRefusal(tx, ctx.org, uploadId, err));
      revalidatePath(importPath(ctx.org.slug));
      return { status: "error", formError: { key: "importRefused", values: { count: err.failures.length } } };
    } finally {
      await progress.close();
    }
  } catch (err) {
    return toErrorState(err, raw, where);
  }
}

export const discardImportAction = orgAction(
  { permission: PERMISSION, schema: discardSchema, action: "import.discard", entity: "import_upload", revalidate: (c) => importPath(c.org.slug) },
  async ({ tx, ctx, input }) => {
    const u = await discardUpload(tx, ctx.org, input.uploadId);
    return { audit: { entityId: u.id }, message: "importDiscarded" };
  },
);

export const saveMappingAction = orgAction(
  { permission: PERMISSION, schema: mappingSchema, action: "import.save_mapping", entity: "import_mapping", revalidate: (c) => importPath(c.org.slug) },
  async ({ tx, ctx, input }) => {
    const m = await saveMapping(tx, ctx.org, input.uploadId, input.name);
    return { audit: { entityId: m.id, after: { name: m.name, kind: m.kind, mapping: m.mapping } }, message: "importMappingSaved" };
  },
);
