// The ids and session version the "ticket" provider returns and the session token keeps (lib/server/auth/auth-options.ts).
import type { DefaultSession } from "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface User {
    robinhoodUserId: string;
    sessionVersion: number;
  }
  interface Session {
    user: { id?: string; robinhoodUserId?: string } & DefaultSession["user"];
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    robinhoodUserId?: string;
    sessionVersion?: number;
  }
}
