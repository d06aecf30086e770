import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { getLocale } from "next-intl/server";
import { boardDate, countBoardView, isBoardToken, loadPublicBoard } from "@/lib/prices/board";
import { clientAddress } from "@/lib/request";
import { refusalLocale, tooManyPath } from "@/lib/rate-limit-response";
import { PriceBoard, toBoardLang } from "@/components/prices/price-board";

type Params = { params: Promise<{ token: string }>; searchParams: Promise<{ date?: string; lang?: string }> };

export const metadata = { robots: { index: false, follow: false } };

/**
 * The public, read-only price board of a commune: the board and nothing else. Views are rate
 * limited per client address and token, in the database (lib/rate-limit.ts); over the limit the
 * reader is sent to the 429 page (a page cannot answer 429 itself).
 */
export default async function PublicBoard({ params, searchParams }: Params) {
  const { token } = await params;
  const sp = await searchParams;
  if (!isBoardToken(token)) notFound();
  const h = await headers();
  const view = await countBoardView(token, clientAddress(h));
  if (!view.allowed) redirect(tooManyPath(view.retryAfterSeconds, refusalLocale(sp.lang, h.get("cookie"))));
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
