import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { pageHref, type Page } from "@/lib/pagination";

type Search = Record<string, string | string[] | undefined>;

const link =
  "inline-flex min-h-11 min-w-11 items-center gap-2 rounded-md border border-slate-500 bg-white px-4 py-2 font-medium text-emerald-900 underline-offset-4 hover:bg-slate-100 hover:underline focus:outline-2 focus:outline-offset-2 focus:outline-emerald-700";
// Arrows point the way the page reads: mirrored in Arabic.
const arrow = "inline-block rtl:-scale-x-100";

/**
 * "Previous / Next" links of a keyset-paginated list: plain links (no JavaScript needed) to the
 * same path with every current parameter kept (the filters, the page size) and a new cursor.
 * Nothing is rendered when the list fits on one page.
 */
export async function Pager({
  path,
  searchParams,
  page,
  label,
  className,
  testId = "pager",
}: {
  path: string;
  searchParams: Search;
  page: Pick<Page<unknown>, "next" | "previous">;
  label?: string;
  className?: string;
  testId?: string;
}) {
  if (!page.next && !page.previous) return null;
  const t = await getTranslations("pagination");
  return (
    <nav aria-label={label ?? t("label")} className={`flex flex-wrap items-center gap-3 ${className ?? ""}`} data-testid={testId}>
      {page.previous ? (
        <>
          <Link href={pageHref(path, searchParams)} className={link} data-testid={`${testId}-first`}>
            {t("first")}
          </Link>
          <Link href={pageHref(path, searchParams, { before: page.previous })} rel="prev" className={link} data-testid={`${testId}-previous`}>
            <span aria-hidden="true" className={arrow}>
              ←
            </span>
            {t("previous")}
          </Link>
        </>
      ) : null}
      {page.next ? (
        <Link href={pageHref(path, searchParams, { after: page.next })} rel="next" className={`${link} ms-auto`} data-testid={`${testId}-next`}>
          {t("next")}
          <span aria-hidden="true" className={arrow}>
            →
          </span>
        </Link>
      ) : null}
    </nav>
  );
}
