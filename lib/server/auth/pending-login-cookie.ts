import "server-only";
import { cookies, headers } from "next/headers";
import { getEnv } from "@/lib/env";
import { DEVICE_TOKEN_PATTERN, generateDeviceToken } from "@/lib/robinhood/client";
import { getDb } from "@/lib/server/db/db";
import {
  type OpenedPendingLogin,
  PENDING_LOGIN_TTL_MS,
  type PendingLogin,
  pendingLoginKey,
} from "./pending-login";
import {
  discardPendingLogin,
  issuePendingLogin,
  peekPendingLogin,
  takePendingLogin,
} from "./pending-login-store";

const PENDING_COOKIE = "rollbook_pending_login";
const DEVICE_COOKIE = "rollbook_device";
/** Sign-in steps are server actions posted to the sign-in page, so the cookies need no wider path. */
const COOKIE_PATH = "/sign-in";
const DEVICE_MAX_AGE_SECONDS = 400 * 24 * 60 * 60;

/** Secure cookies whenever the app is served over HTTPS (directly or behind a proxy). */
async function isHttps(): Promise<boolean> {
  const configured = getEnv().NEXTAUTH_URL;
  if (configured) return configured.startsWith("https://");
  return (await headers()).get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
}

function storeOptions() {
  return { db: getDb(), key: pendingLoginKey(getEnv().TOKEN_ENCRYPTION_KEY) };
}

async function pendingCookie(): Promise<string | null> {
  return (await cookies()).get(PENDING_COOKIE)?.value || null;
}

/** The state for this step, consumed: the same cookie is refused from now on, on every instance. */
export async function takePendingLoginCookie(): Promise<OpenedPendingLogin | null> {
  const sealed = await pendingCookie();
  return sealed ? takePendingLogin(sealed, storeOptions()) : null;
}

/** The state without consuming it, for showing the step in progress. */
export async function readPendingLogin(): Promise<OpenedPendingLogin | null> {
  const sealed = await pendingCookie();
  return sealed ? peekPendingLogin(sealed, storeOptions()) : null;
}

/** Stores the state for the next step under a new single-use id. */
export async function writePendingLogin(login: PendingLogin): Promise<void> {
  const sealed = await issuePendingLogin(login, storeOptions());
  (await cookies()).set(PENDING_COOKIE, sealed, {
    httpOnly: true,
    secure: await isHttps(),
    sameSite: "strict",
    path: COOKIE_PATH,
    maxAge: Math.max(1, Math.floor((login.expiresAt - Date.now()) / 1000)),
  });
}

export async function clearPendingLogin(): Promise<void> {
  const sealed = await pendingCookie();
  if (sealed) await discardPendingLogin(sealed, storeOptions());
  (await cookies()).set(PENDING_COOKIE, "", { path: COOKIE_PATH, maxAge: 0, httpOnly: true });
}

/** A fresh pending login expires ten minutes from now. */
export function pendingLoginExpiry(now = Date.now()): number {
  return now + PENDING_LOGIN_TTL_MS;
}

/**
 * The browser's Robinhood device token. Robinhood ties device approval to it, so one browser keeps
 * one token instead of triggering a new verification at every sign-in.
 */
export async function browserDeviceToken(): Promise<string> {
  const jar = await cookies();
  const existing = jar.get(DEVICE_COOKIE)?.value;
  if (existing && DEVICE_TOKEN_PATTERN.test(existing)) return existing;
  const token = generateDeviceToken();
  jar.set(DEVICE_COOKIE, token, {
    httpOnly: true,
    secure: await isHttps(),
    sameSite: "strict",
    path: COOKIE_PATH,
    maxAge: DEVICE_MAX_AGE_SECONDS,
  });
  return token;
}
