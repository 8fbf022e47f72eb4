"use client";

import { useState } from "react";
import {
  nextThemePreference,
  THEME_LABELS,
  type ThemePreference,
  themeAttribute,
  themeCookieString,
} from "@/lib/theme/theme-preference";

const ICONS: Record<ThemePreference, string> = { system: "◐", light: "☀", dark: "☾" };

/**
 * Cycles the colour theme: Auto (the system's), Light, Dark. The choice applies at once (the
 * `data-theme` attribute of <html>, which the CSS variables follow) and is kept in the `theme`
 * cookie, which the root layout reads to render every later page in it from the first byte.
 */
export function ThemeToggle({ initial }: { initial: ThemePreference }) {
  const [theme, setTheme] = useState(initial);
  const next = nextThemePreference(theme);
  const change = () => {
    const attribute = themeAttribute(next);
    if (attribute) document.documentElement.dataset.theme = attribute;
    else delete document.documentElement.dataset.theme;
    // biome-ignore lint/suspicious/noDocumentCookie: a plain preference cookie the server reads on the next request; the Cookie Store API is not in every supported browser yet
    document.cookie = themeCookieString(next);
    setTheme(next);
  };
  return (
    <button
      type="button"
      className="button link theme-toggle"
      onClick={change}
      title={`Switch to ${THEME_LABELS[next].toLowerCase()} theme`}
      data-theme-choice={theme}
    >
      <span aria-hidden="true">{ICONS[theme]}</span>
      <span className="visually-hidden">Theme: </span>
      {THEME_LABELS[theme]}
    </button>
  );
}
