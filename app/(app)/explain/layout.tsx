import type { ReactNode } from "react";
import "../../styles/explain.css";

/** The Explain pages' own styles (heat map shading, formulas), loaded only here. */
export default function ExplainLayout({ children }: { children: ReactNode }) {
  return children;
}
