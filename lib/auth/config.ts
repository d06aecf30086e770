import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db";
import { clientAddress, requestId } from "@/lib/request";
import { attemptSignIn } from "./sign-in";
import { SESSION_ABSOLUTE_MS } from "./session-rules";

class InvalidCredentials extends CredentialsSignin {
  code = "invalid";
}
class Throttled extends CredentialsSignin {
  constructor(minutes: number) {
    super();
    this.code = `throttled:${minutes}`;
  }
}

const secure = process.env.NODE_ENV === "production" && process.env.AUTH_COOKIE_SECURE !== "false";

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_ABSOLUTE_MS / 1000 },
  useSecureCookies: secure,
  pages: { signIn: "/login", error: "/login" },
  logger: {
    // Failed sign-ins are expected and audited; never log credentials.
    error(error) {
      if (error instanceof CredentialsSignin) return;
      console.error("[auth]", error.name, error.message);
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
          requestId: requestId(request.headers),
        });
        if (!result.ok) throw result.reason === "throttled" ? new Throttled(result.minutes) : new InvalidCredentials();
        return { id: result.userId, sid: result.sessionId } as never;
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      // The token carries only the server-side session id; everything else is read from the database.
      if (user) return { sid: (user as { sid: string }).sid, sub: user.id };
      return token;
    },
    session({ session, token }) {
      return { ...session, sid: token.sid as string | undefined };
    },
  },
});
