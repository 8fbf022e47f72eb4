import { describe, expect, it } from "vitest";
import {
  nextThemePreference,
  parseThemePreference,
  themeAttribute,
  themeCookieString,
} from "@/lib/theme/theme-preference";

describe("the theme preference", () => {
  it("reads light and dark from the cookie, and anything else as the system's", () => {
    expect(parseThemePreference("dark")).toBe("dark");
    expect(parseThemePreference("light")).toBe("light");
    expect(parseThemePreference(undefined)).toBe("system");
    expect(parseThemePreference("")).toBe("system");
    expect(parseThemePreference('dark" onload="x')).toBe("system");
  });

  it("cycles Auto, Light, Dark and back to Auto", () => {
    expect(nextThemePreference("system")).toBe("light");
    expect(nextThemePreference("light")).toBe("dark");
    expect(nextThemePreference("dark")).toBe("system");
  });

  it("sets data-theme on <html> only for a choice, so Auto follows prefers-color-scheme", () => {
    expect(themeAttribute("system")).toBeUndefined();
    expect(themeAttribute("dark")).toBe("dark");
  });

  it("keeps a choice for a year and clears the cookie for Auto", () => {
    expect(themeCookieString("dark")).toBe("theme=dark; Path=/; Max-Age=31536000; SameSite=Lax");
    expect(themeCookieString("system")).toBe("theme=; Path=/; Max-Age=0; SameSite=Lax");
  });
});
