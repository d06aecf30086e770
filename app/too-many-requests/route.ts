import type { NextRequest } from "next/server";
import { refusalLocale, tooManyRequests } from "@/lib/rate-limit-response";

/**
 * Where a page over its rate limit (the public board, the advocacy sheet) sends the reader: pages
 * cannot answer 429 themselves, this handler does, with Retry-After and a plain translated page.
 */
export async function GET(req: NextRequest) {
  const sp = req.nextUrl.searchParams;
  const retry = Number(sp.get("retry"));
  const seconds = Number.isInteger(retry) && retry >= 1 && retry <= 86_400 ? retry : 60;
  return tooManyRequests(seconds, refusalLocale(sp.get("lang"), req.headers.get("cookie")));
}
