import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/config";

/** Only a same-site path may be a callback; next-auth answers anything else with a 500. */
const SAFE_CALLBACK = /^\/(?!\/)[\w\-./?=&%]*$/;

function guarded(handler: (req: NextRequest) => Promise<Response>) {
  return async (req: NextRequest) => {
    const callback = req.nextUrl.searchParams.get("callbackUrl");
    if (callback !== null && !SAFE_CALLBACK.test(callback)) return new Response(null, { status: 400 });
    return handler(req);
  };
}

export const GET = guarded(handlers.GET);
export const POST = guarded(handlers.POST);
