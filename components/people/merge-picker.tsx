import { getTranslations } from "next-intl/server";
import { MergePickerInput } from "./merge-picker-input";

export interface MergeCandidate {
  id: string;
  name: string;
  birthYear: number;
  village: string | null;
}

/**
 * "Merge with another person…" on a person's page (issue 14.4): for the records the near-duplicate
 * rule does not pair (a name spelt or transliterated otherwise). A GET form (`?mq=`, works without
 * JavaScript) lists the NGO's people found by name or village, each a link to the merge page.
 */
export async function MergePicker({
  slug,
  personId,
  q,
  found,
}: {
  slug: string;
  personId: string;
  q?: string;
  found: { rows: MergeCandidate[]; more: boolean };
}) {
  const t = await getTranslations("merge");
  const path = `/${slug}/people/${personId}`;
  return (
    <section id="merge-picker" className="rounded-lg border border-slate-300 bg-white p-4" data-testid="merge-picker">
      <h2 className="mb-3 text-lg font-semibold">{t("pickTitle")}</h2>
      <p className="mb-3 text-sm text-slate-700">{t("pickIntro")}</p>
      <form method="get" action={`${path}#merge-picker`} role="search" className="flex flex-wrap items-end gap-2" data-testid="merge-picker-form">
        <MergePickerInput name="mq" path={path} label={t("pickLabel")} hint={t("pickHint")} defaultValue={q} />
        <button type="submit" className="min-h-11 rounded-md border border-slate-500 bg-white px-4 py-2 font-medium">
          {t("pickSubmit")}
        </button>
      </form>
      {q ? (
        <div className="mt-3">
          <p className="text-sm" aria-live="polite" data-testid="merge-picker-count">
            {found.rows.length === 0 ? t("pickNone") : found.more ? t("pickMore", { count: found.rows.length }) : t("pickCount", { count: found.rows.length })}
          </p>
          {found.rows.length > 0 ? (
            <ul className="mt-2 flex flex-col gap-1" data-testid="merge-candidates">
              {found.rows.map((p) => (
                <li key={p.id}>
                  <a
                    href={`${path}/merge/${p.id}`}
                    className="inline-flex min-h-11 flex-wrap items-center gap-x-2 underline underline-offset-4"
                    data-testid="merge-candidate"
                  >
                    <span className="font-medium">{p.name}</span>
                    <span className="text-slate-700">
                      {t("pickBorn", { year: p.birthYear })}
                      {p.village ? ` · ${p.village}` : ""}
                    </span>
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
