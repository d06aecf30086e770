import { getTranslations } from "next-intl/server";
import { requireMember } from "@/lib/auth/tenant";
import { withTenant } from "@/lib/tenant-db";
import { isUuid } from "@/lib/groups/scope";
import { localStamp } from "@/lib/dates";
import { headerLangs, importFields, listCodes, listLabelKey, type ImportKind, type ListName } from "@/lib/imports/fields";
import { importableKinds } from "@/lib/imports/kinds";
import { MAX_BYTES, MAX_ROWS } from "@/lib/imports/read";
import { listMappings, listUploads, loadPreview } from "@/lib/imports/service";
import { IMPORT_ROWS_RETENTION_DAYS, rowsSwept } from "@/lib/imports/retention";
import type { RowError } from "@/lib/imports/rows";
import { withFormMessages } from "@/components/i18n/form-messages";
import { CommitImportForm, DiscardImportForm, SaveMappingForm, UploadImportForm } from "@/components/forms/import-forms";
import { Card } from "@/components/ui/card";
import { TextLink } from "@/components/groups/ui";
import { Table, Td } from "@/components/data/table";

export async function generateMetadata() {
  return { title: (await getTranslations("imports"))("title") };
}

type Translate = (key: string, values?: Record<string, string | number>) => string;

/**
 * Imports from spreadsheets and KoboToolbox (issue 14.1): the upload form and the templates, or,
 * with `?upload=`, the preview of an upload (every row with its problems, the counts) and its
 * commit. For the members with `imports:write`; each kind also needs its form's permission
 * (lib/imports/kinds.ts): an NGO imports groups, members, cash-book lines and market prices, a
 * commune market prices.
 */
async function ImportPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { org: slug } = await params;
  const ctx = await requireMember(slug, "imports:write");
  const kinds = importableKinds(ctx);
  const sp = await searchParams;
  const uploadId = typeof sp.upload === "string" && isUuid(sp.upload) ? sp.upload : null;
  const t = (await getTranslations("imports")) as unknown as Translate;
  const root = (await getTranslations()) as unknown as Translate;
  const data = await withTenant(ctx, async (tx) => ({
    preview: uploadId ? await loadPreview(tx, ctx.org, uploadId) : null,
    mappings: await listMappings(tx, ctx.org),
    uploads: uploadId ? [] : await listUploads(tx, ctx.org),
  }));
  const kindKeys: Record<ImportKind, string> = {
    members: "kindMembers",
    ledger: "kindLedger",
    groups: "kindGroups",
    observations: "kindObservations",
    attendance: "kindAttendance",
  };
  const kindLabel = (k: string) => t(kindKeys[k as ImportKind] ?? "kindMembers");
  const statusLabel = (s: string) => t(`status${s[0].toUpperCase()}${s.slice(1)}`);
  const uploadStatus = (s: string) => t(`upload${s[0].toUpperCase()}${s.slice(1)}`);

  if (uploadId) {
    const p = data.preview;
    if (!p) {
      return (
        <div className="flex flex-col gap-4">
          <h1 className="text-2xl font-semibold">{t("title")}</h1>
          <p>{t("notFound")}</p>
          <TextLink href={`/${slug}/import`}>{t("backToImport")}</TextLink>
        </div>
      );
    }
    const u = p.upload;
    const kind = u.kind as ImportKind;
    const fields = importFields[kind];
    const pending = u.newCount + u.refusedCount;
    const allowedOf = (list: ListName) =>
      listCodes[list]
        .map((c) => {
          const key = listLabelKey(list, c);
          return key ? root(key) : c;
        })
        .join(", ");
    const problem = (e: RowError) => {
      const message = root(`errors.${e.key}`, e.values);
      return `${t(`fields.${e.field}`)} : ${message}${e.list ? ` ${t("allowed", { values: allowedOf(e.list) })}` : ""}`;
    };
    const langName = { fr: "langFr", ar: "langAr", en: "langEn", kobo: "langKobo", code: "langCode" }[u.headerLang] ?? "langCode";
    const ignored = (u.ignored as string[]) ?? [];
    return (
      <div className="flex flex-col gap-4">
        <h1 className="text-2xl font-semibold break-words">{t("previewTitle", { file: u.fileName })}</h1>
        <p>{kindLabel(u.kind)}</p>
        <Card title={t("summary")}>
          <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]" data-testid="import-counts">
            <dt className="font-medium">{t("rows")}</dt>
            <dd data-testid="count-rows">{u.rowCount}</dd>
            <dt className="font-medium">{t("countNew")}</dt>
            <dd data-testid="count-new">{u.newCount}</dd>
            <dt className="font-medium">{t("countDuplicate")}</dt>
            <dd data-testid="count-duplicate">{u.duplicateCount}</dd>
            <dt className="font-medium">{t("countInvalid")}</dt>
            <dd data-testid="count-invalid">{u.invalidCount}</dd>
            {u.refusedCount > 0 ? (
              <>
                <dt className="font-medium">{t("countRefused")}</dt>
                <dd data-testid="count-refused">{u.refusedCount}</dd>
              </>
            ) : null}
            <dt className="font-medium">{t("headerLang")}</dt>
            <dd>{t(langName)}</dd>
            <dt className="font-medium">{t("ignored")}</dt>
            <dd className="break-words">{ignored.length > 0 ? ignored.join(", ") : t("none")}</dd>
            <dt className="font-medium">{t("checksum")}</dt>
            <dd className="font-mono text-xs break-all" dir="ltr">
              {u.checksum}
            </dd>
          </dl>
        </Card>
        {u.status === "committed" ? (
          <p role="status" className="rounded-md border border-emerald-700 bg-emerald-50 p-3 text-emerald-900" data-testid="import-committed">
            {t("committedOn", { date: u.committedAt ? localStamp(u.committedAt) : "" })}
          </p>
        ) : u.status === "discarded" ? (
          <p role="status">{t("discardedNote")}</p>
        ) : (
          <div className="flex flex-col gap-4">
            {u.refusedCount > 0 ? <p className="rounded-md border border-red-700 bg-red-50 p-3 text-red-900">{t("refusedNote")}</p> : null}
            {u.invalidCount > 0 ? <p>{t("invalidNote")}</p> : null}
            {pending > 0 ? (
              <CommitImportForm
                org={slug}
                uploadId={u.id}
                progressKey={crypto.randomUUID()}
                labels={{ commit: t("commit", { count: pending }), acceptWarnings: t("acceptWarnings"), committing: t("committing") }}
              />
            ) : (
              <p data-testid="import-nothing-new">{t("nothingNew")}</p>
            )}
            <DiscardImportForm org={slug} uploadId={u.id} label={t("discard")} />
          </div>
        )}
        {p.rows.length === 0 && rowsSwept(u) ? (
          <p data-testid="import-rows-swept">{t("rowsSwept", { days: IMPORT_ROWS_RETENTION_DAYS })}</p>
        ) : (
          <p>{t("shown", { shown: p.rows.length, total: u.rowCount })}</p>
        )}
        <Table head={[t("line"), t("status"), t("problems"), t("values")]} caption={t("previewTitle", { file: u.fileName })} testId="import-rows">
          {p.rows.map((r) => (
            <tr key={r.line} data-status={r.status}>
              <Td className="tabular-nums">{r.line}</Td>
              <Td>{statusLabel(r.status)}</Td>
              <Td>
                {r.errors.length > 0 ? (
                  <ul className="list-disc ps-4">
                    {r.errors.map((e, i) => (
                      <li key={i}>{problem(e)}</li>
                    ))}
                  </ul>
                ) : null}
              </Td>
              <Td>
                {fields
                  .filter((f) => r.values[f.key])
                  .map((f) => `${t(`fields.${f.key}`)} : ${r.values[f.key]}`)
                  .join(" · ")}
              </Td>
            </tr>
          ))}
        </Table>
        <Card title={t("saveMappingTitle")}>
          <SaveMappingForm org={slug} uploadId={u.id} labels={{ name: t("mappingName"), save: t("saveMapping") }} />
        </Card>
        <TextLink href={`/${slug}/import`}>{t("backToImport")}</TextLink>
      </div>
    );
  }

  const langLabel = { fr: "Français", ar: "العربية", en: "English" } as const;
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p>{t("intro")}</p>
      <Card>
        <UploadImportForm
          org={slug}
          progressKey={crypto.randomUUID()}
          mappings={data.mappings}
          allowed={kinds}
          labels={{
            kind: t("kindLabel"),
            kinds: {
              members: t("kindMembers"),
              ledger: t("kindLedger"),
              groups: t("kindGroups"),
              observations: t("kindObservations"),
              attendance: t("kindAttendance"),
            },
            file: t("fileLabel"),
            fileHint: t("fileHint", { max: Math.round(MAX_BYTES / 1024 / 1024), rows: MAX_ROWS }),
            mapping: t("mappingLabel"),
            mappingNone: t("mappingNone"),
            upload: t("upload"),
            uploading: t("uploading"),
          }}
        />
      </Card>
      <Card title={t("templatesTitle")}>
        <p className="mb-2">{t("templatesIntro")}</p>
        <ul className="flex flex-col gap-1" data-testid="import-templates">
          {kinds.flatMap((k) =>
            headerLangs.map((l) => (
              <li key={`${k}-${l}`} className="flex flex-wrap items-center gap-x-3">
                <span>
                  {kindLabel(k)} · <span lang={l}>{langLabel[l]}</span>
                </span>
                {(["xlsx", "csv"] as const).map((f) => (
                  <a
                    key={f}
                    href={`/${slug}/import/template?kind=${k}&lang=${l}&format=${f}`}
                    className="inline-flex min-h-11 min-w-11 items-center justify-center px-2 underline underline-offset-4"
                    download
                  >
                    {f.toUpperCase()}
                  </a>
                ))}
              </li>
            )),
          )}
        </ul>
      </Card>
      <Card title={t("koboTitle")}>
        <p>{t("koboIntro")}</p>
      </Card>
      {data.uploads.length > 0 ? (
        <Table head={[t("date"), t("file"), t("kind"), t("status"), t("rows")]} caption={t("recentTitle")} testId="import-recent">
          {data.uploads.map((u) => (
            <tr key={u.id}>
              <Td className="tabular-nums">{localStamp(u.createdAt)}</Td>
              <Td>
                <TextLink href={`/${slug}/import?upload=${u.id}`}>{u.fileName}</TextLink>
              </Td>
              <Td>{kindLabel(u.kind)}</Td>
              <Td>{uploadStatus(u.status)}</Td>
              <Td className="tabular-nums">{u.rowCount}</Td>
            </tr>
          ))}
        </Table>
      ) : null}
    </div>
  );
}

/** The page, with the catalogue its client forms read (components/i18n/form-messages.tsx). */
export default async function Page(props: Parameters<typeof ImportPage>[0]) {
  return withFormMessages(ImportPage(props));
}
