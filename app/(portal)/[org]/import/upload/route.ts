import type { NextRequest } from "next/server";
import { handleUpload, uploadAllowed } from "@/lib/imports/upload-route";

/**
 * The import page's upload with JavaScript (issue 14.1): the spreadsheet's bytes as the request's
 * body, written to a temporary file as they arrive (never held whole in memory, and no database
 * connection held while a slow phone sends), then read and staged (lib/imports/upload-route.ts). Left out
 * of the proxy's matcher (proxy.ts), which would buffer the body in memory; the route applies the
 * proxy's refusals itself. Without JavaScript the page's form posts to the server action instead.
 */
export async function POST(req: NextRequest, { params }: { params: Promise<{ org: string }> }): Promise<Response> {
  return handleUpload(req, (await params).org);
}

/** Whether this member may upload here: 200 with the limit, 401 without a session, 404 otherwise. */
export async function GET(_req: NextRequest, { params }: { params: Promise<{ org: string }> }): Promise<Response> {
  return uploadAllowed((await params).org);
}
