"use client";

import { useRouter } from "next/navigation";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useRef, useState } from "react";
import { type FreshnessStatus, freshnessStatusSchema } from "@/lib/freshness/status-schema";

/** While a sync runs: often enough for the bar to move. */
const RUNNING_POLL_MS = 1_500;
/** Otherwise: a sync another tab or the cron starts shows within this long. */
const IDLE_POLL_MS = 10_000;
/** Failed polls back off, doubling up to this. */
const MAX_BACKOFF_MS = 120_000;

export type Freshness = {
  status: FreshnessStatus;
  /** Set when another sync or recompute brought new data and the page was refreshed. */
  notice: string | null;
  dismissNotice(): void;
  /** Poll now (a sync was just started from this tab), then at the running pace. */
  pollSoon(): void;
  /** Server time of the first render, so the age reads the same on the server and on hydration. */
  renderedAt: number;
};

const FreshnessContext = createContext<Freshness | null>(null);

export function useFreshness(): Freshness | null {
  return useContext(FreshnessContext);
}

/**
 * Polls `/api/status` while the tab is visible (paused while hidden, polled at once when it shows
 * again), faster while a sync runs. When the status version changes — a sync or recompute finished,
 * whoever started it — it refreshes the page's server data (router.refresh()) and says so.
 */
export function FreshnessProvider({
  initial,
  renderedAt,
  children,
}: {
  initial: FreshnessStatus;
  renderedAt: number;
  children: ReactNode;
}) {
  const router = useRouter();
  const [status, setStatus] = useState(initial);
  const [notice, setNotice] = useState<string | null>(null);
  const seenVersion = useRef(initial.version);
  const timer = useRef<number | undefined>(undefined);
  const pollNow = useRef<() => void>(() => {});
  const startedRunning = useRef(initial.sync?.status === "RUNNING");

  useEffect(() => {
    let stopped = false;
    let failures = 0;
    const schedule = (ms: number) => {
      window.clearTimeout(timer.current);
      if (!stopped) timer.current = window.setTimeout(poll, ms);
    };
    async function poll() {
      if (stopped || document.visibilityState !== "visible") return;
      try {
        const response = await fetch("/api/status", {
          cache: "no-store",
          headers: { accept: "application/json" },
        });
        // Signed out (here or elsewhere): nothing more to watch; the next navigation goes to sign-in.
        if (response.status === 401) return;
        if (!response.ok) throw new Error(`status ${response.status}`);
        const next = freshnessStatusSchema.parse(await response.json());
        failures = 0;
        if (stopped) return;
        setStatus(next);
        if (next.version !== seenVersion.current) {
          seenVersion.current = next.version;
          setNotice(describeNewData(next));
          router.refresh();
        }
        schedule(next.sync?.status === "RUNNING" ? RUNNING_POLL_MS : IDLE_POLL_MS);
      } catch {
        failures += 1;
        schedule(Math.min(IDLE_POLL_MS * 2 ** failures, MAX_BACKOFF_MS));
      }
    }
    pollNow.current = () => {
      failures = 0;
      schedule(0);
    };
    const onVisibility = () => {
      if (document.visibilityState === "visible") schedule(0);
      else window.clearTimeout(timer.current);
    };
    document.addEventListener("visibilitychange", onVisibility);
    schedule(startedRunning.current ? RUNNING_POLL_MS : IDLE_POLL_MS);
    return () => {
      stopped = true;
      window.clearTimeout(timer.current);
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [router]);

  useEffect(() => {
    if (!notice) return;
    const hide = window.setTimeout(() => setNotice(null), 20_000);
    return () => window.clearTimeout(hide);
  }, [notice]);

  const dismissNotice = useCallback(() => setNotice(null), []);
  const pollSoon = useCallback(() => pollNow.current(), []);
  return (
    <FreshnessContext value={{ status, notice, dismissNotice, pollSoon, renderedAt }}>
      {children}
    </FreshnessContext>
  );
}

function describeNewData(status: FreshnessStatus): string {
  if (status.sync?.status === "FAILED") return "A sync failed; the page shows its error.";
  if (status.sync?.status === "RUNNING") return "New P&L figures arrived; the page is up to date.";
  return "New data arrived from a sync or recompute; the page is up to date.";
}
