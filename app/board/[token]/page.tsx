import { notFound } from "next/navigation";
import { getLocale } from "next-intl/server";
import { boardDate, loadPublicBoard } from "@/lib/prices/board";
import { PriceBoard, toBoardLang } from "@/components/prices/price-board";

type Params = { params: Promise<{ token: string }>; searchParams: Promise<{ date?: string; lang?: string }> };

export const metadata = { robots: { index: false, follow: false } };

/** The public, read-only price board of a commune: the board and nothing else. */
export default async function PublicBoard({ params, searchParams }: Params) {
  const { token } = await params;
  const sp = await searchParams;
  const date = boardDate(sp.date);
  const board = await loadPublicBoard(token, date);
  if (!board) notFound();
  const { communeName, ...rest } = board;
  return (
    <main id="main" className="mx-auto max-w-5xl p-4">
      <PriceBoard communeName={communeName} date={date} lang={toBoardLang(sp.lang, await getLocale())} {...rest} />
    </main>
  );
}
