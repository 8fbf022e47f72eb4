import Link from "next/link";
import { displayDecimal } from "@/lib/money";
import { formatShortDate } from "./format/dates";

export type ContractLike = {
  underlying: string;
  expiration: string;
  strike: string;
  optionType: "CALL" | "PUT";
  multiplier: string;
};

/** "AAPL 255C · Nov 20 '26", with the multiplier spelled out when it is not the standard 100. */
export function ContractLabel({
  contract,
  showUnderlying = true,
}: {
  contract: ContractLike;
  showUnderlying?: boolean;
}) {
  const strike = displayDecimal(contract.strike, { maxDigits: 4 });
  const kind = contract.optionType === "CALL" ? "C" : "P";
  const adjusted = displayDecimal(contract.multiplier) !== "100";
  return (
    <span className="num">
      {showUnderlying ? <strong>{contract.underlying} </strong> : null}
      {strike}
      {kind} · {formatShortDate(contract.expiration)}
      {adjusted ? <span className="badge warn"> ×{displayDecimal(contract.multiplier)}</span> : null}
    </span>
  );
}

/** The contract's label, linked to the roll chain it belongs to when it has one. */
export function ChainContractLink({ contract, chainId }: { contract: ContractLike; chainId: string | null }) {
  if (!chainId) return <ContractLabel contract={contract} />;
  return (
    <Link href={`/chains/${chainId}`}>
      <ContractLabel contract={contract} />
    </Link>
  );
}
