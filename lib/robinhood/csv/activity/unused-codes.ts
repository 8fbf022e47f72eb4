/**
 * Why a valid activity row is not an option fill or event. Codes from robinhood-csv.md §3; anything
 * else is kept as "other" with its amount instead of failing the import.
 */
const REASONS: Record<string, string> = {
  ACH: "bank transfer",
  RTP: "instant bank transfer",
  CDIV: "cash dividend",
  MDIV: "manufactured dividend",
  INT: "interest on cash",
  MINT: "margin interest",
  SLIP: "stock lending income",
  GOLD: "Robinhood Gold fee",
  AFEE: "ADR fee",
  DFEE: "ADR or dividend fee",
  DTAX: "foreign tax withheld",
  NRAT: "non-resident tax withheld",
  ROC: "return of capital",
  CIL: "cash in lieu of fractional shares",
  MISC: "miscellaneous cash adjustment",
  OCC: "cash component of an option exercise (not modelled; see robinhood-csv.md §2.3)",
  SDIV: "stock dividend (shares, no option effect)",
  SPL: "stock split (shares, no option effect)",
  SPR: "reverse stock split (shares, no option effect)",
  SXCH: "shares exchanged in a merger (the option side is the OCA row)",
  REC: "shares received without cash",
  ITRF: "transfer between own accounts",
  ACATI: "account transfer in",
  ACATO: "account transfer out",
  ACATS: "account transfer",
  GDBP: "Gold deposit boost",
  CFIR: "IRA contribution",
  MTCH: "IRA match",
  DRFRO: "IRA rollover",
  MRGC: "merger cash",
  MRGS: "merger stock",
  FUTSWP: "futures or event-contract transfer",
  MTM: "event-contract mark to market",
};

export function unusedReason(code: string): string {
  return REASONS[code] ?? `other activity (unknown code ${JSON.stringify(code)}), kept with its amount`;
}
