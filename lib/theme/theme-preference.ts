import { z } from "zod";

/**
 * The visitor's colour theme. "system" follows prefers-color-scheme; "light" and "dark" are a choice
 * made with the theme toggle, kept in a cookie so the server renders the page in it (no flash of the
 * other theme, no inline script). Nothing about the account: the choice belongs to the browser.
 */
export const themePreferenceSchema = z.enum(["system", "light", "dark"]);
export type ThemePreference = z.infer<typeof themePreferenceSchema>;

export const THEME_COOKIE = "theme";
/** A year: long enough to feel permanent, short enough to expire on an abandoned browser. */
const THEME_COOKIE_MAX_AGE_S = 365 * 24 * 60 * 60;

/** The cookie's value read leniently: a missing, stale or tampered value means "system". */
export function parseThemePreference(value: string | undefined): ThemePreference {
  const parsed = themePreferenceSchema.safeParse(value);
  return parsed.success ? parsed.data : "system";
}

/** The toggle's cycle: system, then light, then dark, then back to the system's. */
export function nextThemePreference(current: ThemePreference): ThemePreference {
  return current === "system" ? "light" : current === "light" ? "dark" : "system";
}

/** The `data-theme` attribute of <html>: absent when the system decides. */
export function themeAttribute(preference: ThemePreference): "light" | "dark" | undefined {
  return preference === "system" ? undefined : preference;
}

/** The Set-Cookie-style string the toggle writes: "system" clears the cookie. Not secret, so readable by script. */
export function themeCookieString(preference: ThemePreference): string {
  const value = preference === "system" ? "" : preference;
  const maxAge = preference === "system" ? 0 : THEME_COOKIE_MAX_AGE_S;
  return `${THEME_COOKIE}=${value}; Path=/; Max-Age=${maxAge}; SameSite=Lax`;
}

export const THEME_LABELS: Record<ThemePreference, string> = {
  system: "Auto",
  light: "Light",
  dark: "Dark",
};
