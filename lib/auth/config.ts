import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db";
import { cookies, headers } from "next/headers";
import { secureCookies } from "@/lib/cookies";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { clientAddress, requestId } from "@/lib/request";
import { attemptSignIn, revokeSession } from "./sign-in";
import { SESSION_ABSOLUTE_MS } from "./session-rules";
import { DEVICE_COOKIE, DEVICE_COOKIE_SECURE, DEVICE_LIFETIME_MS, deviceCookieFrom } from "./known-device";

class InvalidCredentials extends CredentialsSignin {
  code = "invalid";
}
class Throttled extends CredentialsSignin {
  constructor(minutes: number) {
    super();
    this.code = `throttled:${minutes}`;
  }
}

const secure = secureCookies();

/** Remember this browser as a known device of the account (lib/auth/known-device.ts). */
async function rememberDevice(token: string | undefined) {
  if (!token) return;
  try {
    (await cookies()).set(secure ? DEVICE_COOKIE_SECURE : DEVICE_COOKIE, token, {
      httpOnly: true,
      sameSite: "lax",
      secure,
      path: "/",
      maxAge: DEVICE_LIFETIME_MS / 1000,
    });
  } catch {
    // Outside a server action or route handler cookies are read-only: the device stays unknown.
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  // AUTH_TRUST_HOST (default true, lib/env.ts): behind a proxy next-auth must trust the forwarded
  // host; with false, AUTH_URL names the portal (the server refuses to start without it).
  // (next-auth reads AUTH_SECRET itself; lib/env.ts validates it and refuses production without it.)
  trustHost: env().AUTH_TRUST_HOST,
  session: { strategy: "jwt", maxAge: SESSION_ABSOLUTE_MS / 1000 },
  useSecureCookies: secure,
  pages: { signIn: "/login", error: "/login" },
  logger: {
    // Failed sign-ins are expected and audited; never log credentials.
    error(error) {
      if (error instanceof CredentialsSignin) return;
      logger().error({ err: error }, "next-auth error");
    },
    warn() {},
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(credentials, request) {
        const email = typeof credentials.email === "string" ? credentials.email : "";
        const password = typeof credentials.password === "string" ? credentials.password : "";
        if (!email || !password) throw new InvalidCredentials();
        const result = await attemptSignIn(await getDb(), {
          email,
          password,
          address: clientAddress(request.headers),
          device: deviceCookieFrom(request.headers.get("cookie")),
          requestId: requestId(request.headers),
        });
        if (!result.ok) throw result.reason === "throttled" ? new Throttled(result.minutes) : new InvalidCredentials();
        await rememberDevice(result.deviceToken);
        return { id: result.userId, sid: result.sessionId } as never;
      },
    }),
  ],
  events: {
    // Every sign-out path ends the server-side session: the portal's own button
    // (signOutAction) and next-auth's POST /api/auth/signout alike.
    async signOut(message) {
      const sid = "token" in message ? (message.token?.sid as string | undefined) : undefined;
      if (!sid) return;
      let rid: string | undefined;
      try {
        rid = requestId(await headers());
      } catch {
        rid = undefined;
      }
      await revokeSession(await getDb(), sid, rid);
    },
  },
  callbacks: {
    jwt({ token, user }) {
      // The token carries only the server-side session id; everything else is read from the database.
      if (user) return { sid: (user as { sid: string }).sid, sub: user.id };
      return token;
    },
    session({ session }) {
      // What /api/auth/session hands to scripts: never the session id (the server reads it
      // from the encrypted cookie, lib/auth/session.ts), nor anything about the user.
      return { expires: session.expires };
    },
  },
});
