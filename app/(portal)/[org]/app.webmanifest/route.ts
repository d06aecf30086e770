import type { NextRequest } from "next/server";
import { SLUG_PATTERN } from "@/lib/auth/tenant-core";
import { loadMessages } from "@/lib/i18n/catalogues";
import { dirOf } from "@/lib/i18n/locales";
import { refusalLocale } from "@/lib/rate-limit-response";

/**
 * The web app manifest of an organisation (issue 16, point 1): installed from one of its pages,
 * the app opens on that organisation (its start page registers the service worker). Public, as
 * browsers fetch manifests without cookies: it says nothing but the slug it was asked for, the
 * same for an organisation that does not exist. The language is the page's (`?lang=`).
 */
export async function GET(req: NextRequest, { params }: { params: Promise<{ org: string }> }): Promise<Response> {
  const { org } = await params;
  if (!SLUG_PATTERN.test(org)) return new Response(null, { status: 404 });
  const locale = refusalLocale(req.nextUrl.searchParams.get("lang"), req.headers.get("cookie"));
  const common = (await loadMessages(locale)).common as Record<string, string>;
  const manifest = {
    id: `/${org}/?app=1`,
    name: common.appName,
    short_name: common.appName,
    description: common.tagline,
    lang: locale,
    dir: dirOf(locale),
    start_url: `/${org}?app=1`,
    scope: "/",
    display: "standalone",
    orientation: "portrait",
    background_color: "#ffffff",
    theme_color: "#065f46",
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
  return Response.json(manifest, { headers: { "Content-Type": "application/manifest+json", "Cache-Control": "public, max-age=3600" } });
}
