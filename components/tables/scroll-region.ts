/**
 * Props for the box a wide table scrolls sideways in (`.table-wrap`): focusable, so keyboard users
 * can scroll it with the arrow keys, and a named region, so screen readers say what it holds
 * (WCAG 2.1.1; axe's scrollable-region-focusable). On a phone every table scrolls this way.
 */
export function scrollRegion(label: string) {
  return { tabIndex: 0, role: "region", "aria-label": label } as const;
}
