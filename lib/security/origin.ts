/** Methods that change nothing; every other request must come from the portal's own pages. */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Cross-site request refusal (defence in depth beside SameSite cookies and Next's own server
 * action check, which lets a request WITHOUT Origin through): a state-changing request must
 * carry an Origin header naming this host.
 */
export function isCrossOriginWrite(method: string, origin: string | null, host: string | null): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  if (!origin || !host) return true;
  try {
    return new URL(origin).host.toLowerCase() !== host.toLowerCase();
  } catch {
    return true;
  }
}
