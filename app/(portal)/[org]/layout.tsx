import type { ReactNode } from "react";
import type { Metadata, Viewport } from "next";
import { getLocale } from "next-intl/server";
import { requireMember } from "@/lib/auth/tenant";
import { PortalHeader } from "@/components/layout/portal-header";

/** The organisation's installable app (issue 16): its manifest, in the page's language. */
export async function generateMetadata({ params }: { params: Promise<{ org: string }> }): Promise<Metadata> {
  const { org } = await params;
  return {
    manifest: `/${encodeURIComponent(org)}/app.webmanifest?lang=${await getLocale()}`,
    icons: { apple: "/icons/apple-touch-icon.png" },
    appleWebApp: { capable: true, statusBarStyle: "default" },
  };
}

export const viewport: Viewport = { themeColor: "#065f46" };

export default async function OrgLayout({ children, params }: { children: ReactNode; params: Promise<{ org: string }> }) {
  const { org } = await params;
  const ctx = await requireMember(org, undefined, { manager: true });
  return (
    <>
      <PortalHeader ctx={ctx} />
      <main id="main" className="mx-auto max-w-5xl px-4 py-6">
        {children}
      </main>
    </>
  );
}
