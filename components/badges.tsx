const CHAIN_STATUS: Record<string, { label: string; tone: string }> = {
  OPEN: { label: "Open", tone: "open" },
  CLOSED: { label: "Closed", tone: "" },
  EXPIRED: { label: "Expired", tone: "good" },
  ASSIGNED: { label: "Assigned", tone: "warn" },
  EXERCISED: { label: "Exercised", tone: "warn" },
};

export function ChainStatusBadge({ status, inferred = false }: { status: string; inferred?: boolean }) {
  const known = CHAIN_STATUS[status] ?? { label: status, tone: "" };
  return (
    <span
      className={`badge ${known.tone}`}
      title={inferred ? "Past expiry with no expiration event from the broker" : undefined}
    >
      {inferred ? "Expired (inferred)" : known.label}
    </span>
  );
}

const RUN_STATUS: Record<string, { label: string; tone: string }> = {
  IDLE: { label: "Not synced", tone: "" },
  PENDING: { label: "Pending", tone: "running" },
  RUNNING: { label: "Running", tone: "running" },
  SUCCEEDED: { label: "Succeeded", tone: "good" },
  FAILED: { label: "Failed", tone: "bad" },
};

export function RunStatusBadge({ status }: { status: string }) {
  const known = RUN_STATUS[status] ?? { label: status, tone: "" };
  return <span className={`badge ${known.tone}`}>{known.label}</span>;
}

export function SideLabel({ side, optionType }: { side: "LONG" | "SHORT"; optionType?: "CALL" | "PUT" }) {
  const text = `${side === "SHORT" ? "Short" : "Long"}${optionType ? ` ${optionType === "CALL" ? "call" : "put"}` : ""}`;
  return <span className="badge">{text}</span>;
}

const CLOSE_KIND: Record<string, string> = {
  TRADE: "Closed",
  EXPIRATION: "Expired",
  EXPIRATION_INFERRED: "Expired (inferred)",
  ASSIGNMENT: "Assigned",
  EXERCISE: "Exercised",
};

/** How a lot was closed, in words: "Closed", "Expired (inferred)", "Assigned", ... */
export function closeKindText(kind: string): string {
  return CLOSE_KIND[kind] ?? kind;
}

export function CloseKindLabel({ kind }: { kind: string }) {
  return (
    <span className={`badge ${kind === "EXPIRATION_INFERRED" ? "warn" : ""}`}>{closeKindText(kind)}</span>
  );
}
