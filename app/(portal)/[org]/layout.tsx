import type { ReactNode } from "react";
import { requireMember } from "@/lib/auth/tenant";
import { PortalHeader } from "@/components/layout/portal-header";

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
