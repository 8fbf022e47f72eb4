import "server-only";
import { cookies } from "next/headers";
import { parseThemePreference, THEME_COOKIE, type ThemePreference } from "@/lib/theme/theme-preference";

/** This request's theme choice (the `theme` cookie), for the root layout and the toggles. */
export async function readThemePreference(): Promise<ThemePreference> {
  return parseThemePreference((await cookies()).get(THEME_COOKIE)?.value);
}
