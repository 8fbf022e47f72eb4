"use client";

import { useFreshness } from "./freshness-provider";

/** Says that the page just updated itself with new data, so figures changing under the eye are explained. */
export function NewDataNotice() {
  const freshness = useFreshness();
  if (!freshness?.notice) return null;
  return (
    <div className="alert info new-data" role="status">
      <span>{freshness.notice}</span>
      <button type="button" className="button link" onClick={freshness.dismissNotice}>
        Dismiss
      </button>
    </div>
  );
}
