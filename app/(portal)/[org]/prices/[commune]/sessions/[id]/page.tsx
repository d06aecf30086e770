import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { withTenant } from "@/lib/tenant-db";
import { loadCommuneScope, productName, unitOf } from "@/lib/prices/page-context";
import { getSessionDetail, listProducts, listSuppliers } from "@/lib/prices/queries";
import { getSettings, listCommuneSettlements, quorumMinima } from "@/lib/prices/records";
import { localStamp, today } from "@/lib/dates";
import { constituencies } from "@/lib/prices/quorum";
import { noticeChannels } from "@/lib/prices/schema";
import { CommuneNav } from "@/components/prices/commune-nav";
import { SessionDecisions } from "@/components/prices/session-decisions";
import { SpecForm, type FieldSpec } from "@/components/prices/spec-form";
import { Card } from "@/components/ui/card";
import { valuesInText } from "@/lib/i18n/isolate";
import { withFormMessages } from "@/components/i18n/form-messages";

type Params = { params: Promise<{ org: string; commune: string; id: string }> };

/**
 * One committee session: minutes, attendees and quorum, price decisions (public once the session
 * is closed; until then seen by the commune only, and corrected or withdrawn), grouped orders.
 */
async function SessionPage({ params }: Params) {
  const { org, commune, id } = await params;
  const scope = await loadCommuneScope(org, commune);
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const data = await withTenant(scope.ctx, async (tx) => {
    const session = await getSessionDetail(tx, scope.commune.id, id);
    if (!session) return null;
    return {
      session,
      settings: await getSettings(tx, scope.commune.id),
      products: await listProducts(tx, scope.commune.id, { active: true }),
      suppliers: await listSuppliers(tx, scope.commune.id, { active: true }),
      settlements: await listCommuneSettlements(tx, scope.commune.id),
    };
  });
  if (!data) notFound();
  const { session, settings, products, suppliers, settlements } = data;
  const t = await getTranslations("prices");
  const tc = await getTranslations("prices.constituencies");
  const locale = await getLocale();
  const isDraft = session.status === "draft";
  const canEdit = scope.canWrite && isDraft;
  const hasDecided = session.decisions.length > 0;
  // A draft's next decision is judged on today's attendees and settings; otherwise the session
  // shows the quorum it decided under (stored with its latest decision).
  const quorum = isDraft ? session.liveQuorum : session.quorum;
  const minima = isDraft ? quorumMinima(settings) : quorum.minima;
  const supplierOptions = [{ value: "", label: t("noSupplier") }, ...suppliers.map((s) => ({ value: s.id, label: s.name }))];
  const constituencyOptions = constituencies.map((c) => ({ value: c, label: tc(c) }));
  const decisionFields = (d: {
    supplierId: string;
    purchasePrice: string;
    sellingPrice: string;
    effectiveOn: string;
    channels: string[];
    villages: string[];
  }): FieldSpec[] => [
    { name: "supplierId", label: t("supplier"), kind: "select", options: supplierOptions, defaultValue: d.supplierId },
    { name: "purchasePrice", label: `${t("purchasePrice")} (MRU)`, kind: "number", defaultValue: d.purchasePrice },
    { name: "sellingPrice", label: `${t("sellingPrice")} (MRU)`, kind: "number", defaultValue: d.sellingPrice },
    {
      name: "effectiveOn",
      label: t("effectiveOn"),
      kind: "date",
      defaultValue: d.effectiveOn,
      hint: t("noticeHint", { days: settings.noticeDays, horizon: settings.horizonDays }),
    },
    {
      name: "channels",
      label: t("channels"),
      kind: "checkboxes",
      options: noticeChannels.map((c) => ({ value: c, label: t(`channel.${c}`) })),
      defaultValues: d.channels,
    },
    {
      name: "villages",
      label: t("villages"),
      kind: "checkboxes",
      options: settlements.map((s) => ({ value: s.id, label: s.name })),
      defaultValues: d.villages,
    },
  ];

  return (
    <div className="flex flex-col gap-6">
      <CommuneNav scope={scope} current="workspace" />
      <div>
        <h1 className="text-2xl font-semibold">{t("session", valuesInText({ date: session.heldOn }, locale))}</h1>
        <p className="text-sm text-slate-700">
          {session.place} · {t(`sessionStatus.${session.status}`)} ·{" "}
          <span data-testid="session-version">
            {t("lastChange", valuesInText({ version: session.version, name: session.updatedByName ?? "—", time: localStamp(session.updatedAt) }, locale))}
          </span>
        </p>
      </div>

      <Card title={t("attendees")}>
        <p className="mb-2 font-medium" data-testid="quorum-status">
          {quorum.isQuorate ? t("quorate") : `${t("notQuorate")} — ${t("missing", { list: quorum.missing.map((c) => tc(c)).join(", ") })}`}
        </p>
        {!isDraft && session.quorum.isStored ? <p className="mb-1 text-sm text-slate-700">{t("quorumAsDecided")}</p> : null}
        <p className="mb-1 text-sm text-slate-700">{t("quorumCounts")}</p>
        <ul className="mb-3 grid grid-cols-1 gap-1 sm:grid-cols-2">
          {constituencies.map((c) => (
            <li key={c} className={quorum.missing.includes(c) ? "text-red-800" : ""}>
              {tc(c)} : <span className="tabular-nums">{quorum.counts[c]}</span> ({minima[c]})
            </li>
          ))}
        </ul>
        {session.attendees.length === 0 ? <p>{t("noAttendees")}</p> : null}
        <ul className="flex flex-col gap-1" data-testid="attendee-list">
          {session.attendees.map((a) => (
            <li key={a.id} className="flex flex-wrap items-center gap-2 border-t border-slate-200 py-1">
              <span className="font-medium">{a.name}</span>
              <span className="text-sm text-slate-700">· {tc(a.constituency)}</span>
              {canEdit ? (
                <SpecForm
                  form="removeAttendee"
                  org={org}
                  testId={`remove-${a.id}`}
                  hidden={{ sessionId: session.id, attendeeId: a.id }}
                  fields={[]}
                  submit={t("remove")}
                  variant="danger"
                  inline
                  disabled={hasDecided}
                />
              ) : null}
            </li>
          ))}
        </ul>
        {canEdit && hasDecided ? (
          <p className="mt-2 text-sm text-slate-700" data-testid="attendees-locked">
            {t("attendeesLockedNote")}
          </p>
        ) : null}
        {canEdit ? (
          <div className="mt-3 border-t border-slate-200 pt-3">
            <SpecForm
              form="attendee"
              org={org}
              testId="add-attendee"
              hidden={{ sessionId: session.id }}
              submit={t("addAttendee")}
              resetOnSuccess
              fields={[
                { name: "name", label: t("attendeeName"), kind: "text" },
                { name: "constituency", label: t("constituency"), kind: "select", options: constituencyOptions },
              ]}
            />
          </div>
        ) : null}
      </Card>

      <Card title={t("decisions")}>
        <p className="mb-2 text-sm text-slate-700" data-testid="publication-note">
          {isDraft ? t(scope.isOwn ? "draftDecisionsNote" : "draftDecisionsHidden") : t("closedDecisionsNote")}
        </p>
        {session.decisions.length === 0 ? <p>{t("noDecisions")}</p> : null}
        <SessionDecisions session={session} org={org} base={scope.base} canEdit={canEdit} noticeFields={decisionFields} />
        {canEdit ? (
          <div className="mt-3 border-t border-slate-200 pt-3">
            <h3 className="mb-2 font-semibold">{t("decidePrice")}</h3>
            <SpecForm
              form="decidePrice"
              org={org}
              testId="decide-price"
              hidden={{ sessionId: session.id, currency: "MRU" }}
              submit={t("decide")}
              fields={[
                {
                  name: "productId",
                  label: t("product"),
                  kind: "select",
                  options: products.map((p) => ({ value: p.id, label: `${productName(p, locale)} (${unitOf(p, locale)})` })),
                },
                ...decisionFields({ supplierId: "", purchasePrice: "", sellingPrice: "", effectiveOn: today(), channels: [], villages: [] }),
              ]}
            />
          </div>
        ) : null}
      </Card>

      <Card title={t("orders")}>
        {session.orders.length === 0 ? <p>{t("noOrders")}</p> : null}
        <ul className="flex flex-col gap-1">
          {session.orders.map((o) => (
            <li key={o.id}>
              <Link href={`${scope.base}/orders/${o.id}`} className="underline underline-offset-4">
                {t("order", valuesInText({ date: session.heldOn }, locale))}
              </Link>{" "}
              · {t(`orderStatus.${o.status}`)}
            </li>
          ))}
        </ul>
        {scope.canWrite ? (
          <div className="mt-3 border-t border-slate-200 pt-3">
            <SpecForm
              form="createOrder"
              org={org}
              testId="create-order"
              hidden={{ sessionId: session.id }}
              submit={t("createOrder")}
              successHref={`${scope.base}/orders/{id}`}
              fields={[{ name: "supplierId", label: t("supplier"), kind: "select", options: supplierOptions }]}
            />
          </div>
        ) : null}
      </Card>

      <Card title={t("editSession")}>
        {canEdit ? (
          <SpecForm
            form="updateSession"
            org={org}
            testId="edit-session"
            hidden={{ sessionId: session.id, version: String(session.version) }}
            submit={t("save")}
            fields={[
              { name: "heldOn", label: t("heldOn"), kind: "date", defaultValue: session.heldOn },
              { name: "place", label: t("place"), kind: "text", defaultValue: session.place },
              { name: "minutes", label: t("minutes"), kind: "textarea", defaultValue: session.minutes },
              {
                name: "status",
                label: t("status"),
                kind: "select",
                defaultValue: session.status,
                hint: t("closeHint"),
                options: (["draft", "closed"] as const).map((s) => ({ value: s, label: t(`sessionStatus.${s}`) })),
              },
            ]}
          />
        ) : (
          <p className="whitespace-pre-line" data-testid="minutes">
            {session.minutes || t("none")}
          </p>
        )}
      </Card>
    </div>
  );
}

/** The page, with the catalogue its client forms read (components/i18n/form-messages.tsx). */
export default async function Page(props: Parameters<typeof SessionPage>[0]) {
  return withFormMessages(SessionPage(props));
}
