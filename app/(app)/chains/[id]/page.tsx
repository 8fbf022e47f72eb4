import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { ChainStatusBadge, SideLabel } from "@/components/badges";
import { AdjustmentTable } from "@/components/chains/adjustment-table";
import { LegOutTable } from "@/components/chains/leg-out-table";
import { LotTable } from "@/components/chains/lot-table";
import { RollTable } from "@/components/chains/roll-table";
import { brokerStrategyText, StrategyBadge } from "@/components/chains/strategy-badge";
import { EmptyState } from "@/components/empty-state";
import { formatTradeDate } from "@/components/format/dates";
import { Money } from "@/components/money";
import { PositionTable } from "@/components/positions/position-table";
import { Stat } from "@/components/stat";
import { displayDecimal } from "@/lib/money";
import { readForPage, requireUser } from "@/lib/server/auth/require-user";
import { getChain } from "@/lib/server/queries/get-chain";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Roll chain" };

const chainParams = z.object({ id: z.uuid() });

export default async function ChainPage({ params }: { params: Promise<{ id: string }> }) {
  const parsed = chainParams.safeParse(await params);
  const user = await requireUser(parsed.success ? `/chains/${parsed.data.id}` : "/chains");
  if (!parsed.success) notFound();
  const detail = await readForPage(() =>
    getChain({ robinhoodUserId: user.robinhoodUserId, chainId: parsed.data.id }),
  );
  if (!detail) notFound();
  const { chain, rolls, adjustments, lots, openPositions, legOuts } = detail;

  return (
    <>
      <div className="page-header">
        <div>
          <p>
            <Link href="/chains">← All chains</Link>
          </p>
          <h1 className="row">
            {chain.underlying} <StrategyBadge strategy={chain.strategy} />
            <SideLabel side={chain.side} optionType={chain.optionType} />
            <ChainStatusBadge status={chain.status} inferred={chain.expiryInferred} />
          </h1>
          {chain.openingStrategy ? (
            <p>Robinhood named the opening order {brokerStrategyText(chain.openingStrategy)}.</p>
          ) : null}
          <p>
            Opened {formatTradeDate(chain.openedOn)}
            {chain.closedOn ? `, ended ${formatTradeDate(chain.closedOn)}` : ", still open"} ·{" "}
            {chain.daysHeld} days
          </p>
        </div>
      </div>

      <section className="stats six" aria-label="Chain totals">
        <Stat label="Net premium" note="All option cash, fees included">
          <Money value={chain.netPremium} tone />
        </Stat>
        <Stat label="Realized">
          <Link href={`/activity/lots?chain=${chain.id}`} title="The lots and fills this figure is made of">
            <Money value={chain.realized} tone />
          </Link>
        </Stat>
        <Stat label="Unrealized" note={chain.status === "OPEN" ? "Open tail at its mark" : "Nothing open"}>
          <Money value={chain.status === "OPEN" ? chain.unrealized : "0"} tone />
        </Stat>
        <Stat label="Fees" note="Of the closed lots">
          <Money value={detail.closedFees} />
        </Stat>
        <Stat label="Breakeven" note="At expiry, after all rolls">
          {chain.breakeven === null
            ? "—"
            : `$${displayDecimal(chain.breakeven, { minDigits: 2, maxDigits: 2 })}`}
        </Stat>
        <Stat label="Rolls">
          <span className="num">{chain.rollCount}</span>
        </Stat>
      </section>

      <section className="card flush">
        <div className="card-header">
          <h2>Rolls</h2>
          <p>Credit is positive, debit negative; fees included</p>
        </div>
        {rolls.length > 0 ? (
          <RollTable rolls={rolls} />
        ) : (
          <EmptyState title="This position was never rolled" />
        )}
      </section>

      {legOuts.length > 0 ? (
        <section className="card flush">
          <div className="card-header">
            <h2>Legged out</h2>
            <p>Legs that ended early while the rest of the position stayed open</p>
          </div>
          <LegOutTable legOuts={legOuts} underlying={chain.underlying} />
        </section>
      ) : null}

      {adjustments.length > 0 ? (
        <section className="card flush">
          <div className="card-header">
            <h2>Corporate actions</h2>
            <p>The position carried over to the new contract: no cash, no P&amp;L</p>
          </div>
          <AdjustmentTable adjustments={adjustments} />
        </section>
      ) : null}

      {openPositions.length > 0 ? (
        <section className="card flush">
          <div className="card-header">
            <h2>Open tail</h2>
          </div>
          <PositionTable positions={openPositions} showChain={false} />
        </section>
      ) : null}

      <section className="card flush">
        <div className="card-header">
          <h2>Legs and lots</h2>
          <p>{lots.length} closed lots, matched first in, first out</p>
        </div>
        {lots.length > 0 ? <LotTable lots={lots} /> : <EmptyState title="Nothing closed yet" />}
      </section>
    </>
  );
}
