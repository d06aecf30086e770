import { openApiDocument } from "@/lib/api/openapi";

/** The read-only API's description (OpenAPI 3.1): public, like the README that points to it. */
export function GET(): Response {
  return Response.json(openApiDocument, { headers: { "Cache-Control": "public, max-age=3600", "X-Content-Type-Options": "nosniff" } });
}
