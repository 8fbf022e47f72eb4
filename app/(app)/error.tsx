"use client";

import { useEffect } from "react";

/** A page failed to load (the database is unreachable, say). The message is generic on purpose. */
export default function AppError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="card empty" role="alert">
      <h2>This page could not be loaded</h2>
      <p>Something went wrong on our side. Your data is safe; try again in a moment.</p>
      {error.digest ? <p className="faint">Reference: {error.digest}</p> : null}
      <button type="button" className="button primary" onClick={reset}>
        Try again
      </button>
    </div>
  );
}
