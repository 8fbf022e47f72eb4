/** Absolute URLs with trailing slashes, as every Robinhood payload links related objects (§5.1). */
export function apiUrls(baseUrl: string) {
  const base = baseUrl.replace(/\/+$/, "");
  return {
    base,
    user: () => `${base}/user/`,
    account: (accountNumber: string) => `${base}/accounts/${accountNumber}/`,
    optionInstrument: (id: string) => `${base}/options/instruments/${id}/`,
    optionChain: (id: string) => `${base}/options/chains/${id}/`,
    optionOrder: (id: string) => `${base}/options/orders/${id}/`,
    stockOrder: (id: string) => `${base}/orders/${id}/`,
    optionPosition: (id: string) => `${base}/options/positions/${id}/`,
    equityInstrument: (id: string) => `${base}/instruments/${id}/`,
    stockPosition: (accountNumber: string, instrumentId: string) =>
      `${base}/positions/${accountNumber}/${instrumentId}/`,
  };
}

export type ApiUrls = ReturnType<typeof apiUrls>;
