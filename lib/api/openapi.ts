import { dashboardTableIds } from "@/lib/cohesion/dashboard";
import { inclusionTableIds, personTableIds } from "@/lib/inclusion/dashboard";
import { revenueTableIds } from "@/lib/exports/revenue";
import { supplyTableIds } from "@/lib/stock/supply-tables";
import { API_RULE } from "@/lib/rate-limit";
import { API_PAGE_ROWS_MAX, API_PAGE_SIZE, API_PAGE_SIZE_MAX } from "./page";

const q = (name: string, description: string, schema: Record<string, unknown> = { type: "string" }, deprecated = false) => ({
  name,
  in: "query",
  required: false,
  description,
  schema,
  ...(deprecated ? { deprecated } : {}),
});
const path = (name: string, description: string, schema: Record<string, unknown> = { type: "string" }) => ({
  name,
  in: "path",
  required: true,
  description,
  schema,
});

const common = [
  path("org", "The organisation's slug: the token's own organisation (any other is 404)."),
  q("format", "json (pages, default) or csv (the export's file: the whole table, or one page when cursor, pageSize or page is given).", {
    type: "string",
    enum: ["json", "csv"],
    default: "json",
  }),
  q(
    "cursor",
    'Where the page starts: copied from the previous page\'s `next` (JSON) or `Link: <…>; rel="next"` header, never built. Opaque, sealed for ' +
      "this organisation, table and filters (keep the first page's filters); an altered or foreign cursor is 400. On the long tables (groups, " +
      "ledger, observations, price history) it holds the sort key of the previous page's last row and the page is read after it, so a walk " +
      "holds every row once even while rows are added; on dashboard tables it holds a position in the table.",
  ),
  q("pageSize", "Rows per page.", { type: "integer", minimum: 1, maximum: API_PAGE_SIZE_MAX, default: API_PAGE_SIZE }),
  q(
    "page",
    `Deprecated: follow \`next\` (cursor) instead. Page number from 1, served while page × pageSize ≤ ${API_PAGE_ROWS_MAX} (else 400 page_too_deep); not with cursor. Its \`next\` is a cursor.`,
    { type: "integer", minimum: 1, default: 1 },
    true,
  ),
  q("lang", "Language of titles, labels and notes.", { type: "string", enum: ["fr", "ar", "en"], default: "fr" }),
  q("hxl", "CSV only: 1 adds the HXL hashtag row.", { type: "string", enum: ["1"] }),
];
const period = [
  q("from", "First day (YYYY-MM-DD).", { type: "string", format: "date" }),
  q("to", "Last day (YYYY-MM-DD).", { type: "string", format: "date" }),
];
const scope = [
  q("village", "Village id.", { type: "string", format: "uuid" }),
  q("activity", "Activity code (shop, butchery, sewing…)."),
  q("ngo", "NGO id (consortium, commune).", { type: "string", format: "uuid" }),
];
const member = q("member", "Consortium only: a member's slug, for that member's table as the drill-down shows it.");

const responses = {
  "200": {
    description: "A page of the table (JSON) or the CSV file.",
    headers: {
      Link: {
        description: 'JSON pages and CSV pages: `<next page, with its cursor>; rel="next"` while rows remain (the JSON body\'s `next`).',
        schema: { type: "string" },
      },
    },
    content: { "application/json": { schema: { $ref: "#/components/schemas/Page" } }, "text/csv": { schema: { type: "string" } } },
  },
  "400": {
    description:
      "invalid_format, invalid_page (page or pageSize), page_too_deep (page beyond the first rows: use the cursor), cursor_with_page, or " +
      "invalid_cursor (malformed, altered, or made for another organisation, table or filters).",
    content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
  },
  "401": {
    description: "No token, or an unknown, revoked or expired one (the same answer for all).",
    headers: { "WWW-Authenticate": { schema: { type: "string" } } },
    content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
  },
  "404": {
    description: "Another organisation's slug, an unknown table, or one this organisation may not read.",
    content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
  },
  "429": {
    description: `More than ${API_RULE.limit} requests in ${API_RULE.windowSeconds} s with this token.`,
    headers: { "Retry-After": { schema: { type: "integer" } } },
    content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
  },
};

const op = (summary: string, tag: string, extra: unknown[] = []) => ({ get: { summary, tags: [tag], parameters: [...common, ...extra], responses } });

/**
 * The read-only API's OpenAPI 3.1 description (issue 14.5), served at /api/v1/openapi.json. Its
 * table ids come from the same lists as the exports, so a new table appears here too.
 */
export const openApiDocument = {
  openapi: "3.1.0",
  info: {
    title: "Tamkin read-only API",
    version: "1",
    description:
      "The tables of the exports (same figures, same visibility and small-cell rules), as JSON pages or CSV, for BI tools. " +
      "An organisation's admin creates a token on /<org>/api-tokens; send it as `Authorization: Bearer <token>` (never in the URL). " +
      'A token reads what a viewer of its organisation reads, never a list of named people. Counts of 1 to 4 people appear as "<5" ' +
      'and cells hidden to protect them as "•" where the organisation\'s viewers see them so. ' +
      "Pages: read the first page without `cursor`, then follow `next` (or the `Link` header) until it is null.",
  },
  servers: [{ url: "/" }],
  security: [{ bearerToken: [] }],
  paths: {
    "/api/v1/{org}/groups": op("Groups, with the groups page's filters", "groups", [
      ...scope,
      q("status", "active or archived."),
      q("kind", "group or individual."),
      q("q", "Search text."),
    ]),
    "/api/v1/{org}/ledger": op("Ledger operations (filtered), as the ledger page", "ledger", [
      ...period,
      ...scope,
      q("month", "A month (YYYY-MM)."),
      q("group", "Group id.", { type: "string", format: "uuid" }),
      q("kind", "Operation kind (sale, purchase…)."),
      q("activityKind", "group or individual."),
      q("q", "Search text."),
    ]),
    "/api/v1/{org}/revenue/{table}": op("A revenue dashboard table", "revenue", [
      path("table", "Table id.", { type: "string", enum: [...revenueTableIds] }),
      ...period,
      ...scope,
    ]),
    "/api/v1/{org}/supply/{table}": op("A supply dashboard table (stock-outs, reorders, shrinkage, stock-outs and revenue)", "supply", [
      path("table", "Table id.", { type: "string", enum: [...supplyTableIds] }),
    ]),
    "/api/v1/{org}/inclusion/{table}": op("An inclusion dashboard table (counts only)", "inclusion", [
      path("table", "Table id.", { type: "string", enum: inclusionTableIds.filter((t) => !(personTableIds as readonly string[]).includes(t)) }),
      q("on", "Reference date (YYYY-MM-DD).", { type: "string", format: "date" }),
      q("by", "Breakdown (activity, village…)."),
      member,
    ]),
    "/api/v1/{org}/cohesion/{table}": op("A cohesion dashboard table", "cohesion", [
      path("table", "Table id.", { type: "string", enum: [...dashboardTableIds] }),
      q("quarter", "Quarter (YYYY-Qn) of the villages table."),
      q("village", "Village id.", { type: "string", format: "uuid" }),
      member,
    ]),
    "/api/v1/{org}/price-history/{commune}": op("A commune's negotiated price history", "prices", [
      path("commune", "The commune's slug."),
      q("product", "Product id.", { type: "string", format: "uuid" }),
    ]),
    "/api/v1/{org}/observations/{commune}": op("A commune's market price observations", "prices", [path("commune", "The commune's slug.")]),
    "/api/v1/{org}/compare": op("The consortium's comparison of its members (consortium only)", "compare", [
      ...period,
      q("currency", "XOF or MRU.", { type: "string", enum: ["XOF", "MRU"] }),
    ]),
  },
  components: {
    securitySchemes: { bearerToken: { type: "http", scheme: "bearer", description: "tamkin_<12 characters>_<43 characters>, shown once at creation." } },
    schemas: {
      Error: {
        type: "object",
        required: ["error"],
        properties: { error: { type: "string" }, message: { type: "string", description: "What to do, in English." } },
      },
      Cell: {
        oneOf: [{ type: "number" }, { type: "string" }, { type: "null" }],
        description: 'A figure, a text, or a mark: "<5" (1 to 4 people), "•" (hidden to protect a small figure).',
      },
      Page: {
        type: "object",
        required: ["data", "next", "meta"],
        properties: {
          data: { type: "array", items: { type: "object", additionalProperties: { $ref: "#/components/schemas/Cell" } } },
          next: {
            type: ["string", "null"],
            description: "Path and query of the next page (the same query with its `cursor`), null on the last one. Also in the `Link` header.",
          },
          meta: {
            type: "object",
            required: ["table", "title", "organisation", "language", "generatedAt", "filters", "disclosureNote", "columns", "page", "pageSize", "totalRows"],
            properties: {
              table: { type: "string" },
              title: { type: "string" },
              organisation: { type: "object", properties: { slug: { type: "string" }, name: { type: "string" } } },
              language: { type: "string", enum: ["fr", "ar", "en"] },
              generatedAt: { type: "string", format: "date-time" },
              period: { type: ["object", "null"] },
              periodLabel: { type: ["string", "null"] },
              filters: { type: "array", items: { type: "object", properties: { label: { type: "string" }, value: { type: "string" } } } },
              disclosureNote: { type: "string" },
              columns: {
                type: "array",
                items: {
                  type: "object",
                  properties: { key: { type: "string" }, label: { type: "string" }, hxl: { type: ["string", "null"] }, group: { type: ["string", "null"] } },
                },
              },
              page: {
                type: ["integer", "null"],
                deprecated: true,
                description: "The page number asked with `page`; 1 on a first page; null on a cursor's page.",
              },
              pageSize: { type: "integer" },
              totalRows: {
                type: ["integer", "null"],
                description: "Rows matching the filters. On the long tables, given on the first page only (null after it: counting reads every row).",
              },
            },
          },
        },
      },
    },
  },
} as const;
