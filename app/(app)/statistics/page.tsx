import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { Money } from "@/components/money";
import { Stat } from "@/components/stat";
import { StatisticsTable } from "@/components/statistics/statistics-table";
import { WinLossStat } from "@/components/statistics/win-loss-stat";
import { GROUPING_NAMES, GROUPINGS } from "@/lib/analytics";
import { readForPage, requireUser } from "@/lib/server/auth/require-user";
import { getStatistics } from "@/lib/server/queries/get-statistics";
import { statisticsSearchParams } from "./search-params";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Statistics" };

function orDash(value: string | null, unit = "") {
  return value === null ? "—" : `${value}${unit}`;
}

export default async function StatisticsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, unknown>>;
}) {
  const user = await requireUser("/statistics");
  const { by } = statisticsSearchParams.parse(await searchParams);
  const page = await readForPage(() =>
    getStatistics({ robinhoodUserId: user.robinhoodUserId, grouping: by }),
  );
  const { overall } = page;

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Statistics</h1>
          <p>
            Counted by position, not by leg: a roll chain (one option or a spread, through every roll) is one
            position with one result, fees included. {overall.closed} closed
            {page.openChains > 0 ? `, ${page.openChains} still open and not counted yet` : ""}.
          </p>
        </div>
        <a className="button" href={`/api/export/statistics?by=${by}`} download>
          Export CSV
        </a>
      </div>

      {overall.closed === 0 ? (
        <section className="card">
          <EmptyState title="No closed positions yet">
            <p>Statistics count positions once they close, expire or are assigned.</p>
            <Link href="/chains">See your chains</Link>
          </EmptyState>
        </section>
      ) : (
        <>
          <section className="stats" aria-label="All closed positions">
            <Stat
              label="Win rate"
              labelHref="/explain/win-rate"
              note={`${overall.wins} won, ${overall.losses} lost, ${overall.breakEvens} even`}
            >
              <span className="num">{orDash(overall.winRate, " %")}</span>
            </Stat>
            <Stat label="Profit factor" note="Gross wins ÷ gross losses">
              <span className="num">{orDash(overall.profitFactor)}</span>
            </Stat>
            <Stat label="Expectancy" note="Average result per position">
              <Money value={overall.expectancy} tone signed />
            </Stat>
            <Stat
              label="Premium captured"
              labelHref="/explain/premium-captured"
              note={
                <>
                  Kept <Money value={overall.creditKept} /> of <Money value={overall.creditReceived} /> credit
                </>
              }
            >
              <span className="num">{orDash(overall.premiumCaptured, " %")}</span>
            </Stat>
            <WinLossStat label="Average win / loss" win={overall.averageWin} loss={overall.averageLoss} />
            <WinLossStat label="Largest win / loss" win={overall.largestWin} loss={overall.largestLoss} />
            <Stat label="Average days held" note="First open to final close">
              <span className="num">{orDash(overall.averageDaysHeld)}</span>
            </Stat>
            <Stat label="Realized" note="All closed positions">
              <Money value={overall.realized} tone signed />
            </Stat>
          </section>

          <section className="card flush">
            <div className="card-header">
              <h2>By {GROUPING_NAMES[by].toLowerCase()}</h2>
              <nav className="segmented" aria-label="Group statistics by">
                {GROUPINGS.map((grouping) => (
                  <Link
                    key={grouping}
                    href={`/statistics?by=${grouping}`}
                    aria-current={grouping === by ? "page" : undefined}
                  >
                    {GROUPING_NAMES[grouping]}
                  </Link>
                ))}
              </nav>
            </div>
            <StatisticsTable
              groups={page.groups}
              overall={overall}
              groupHeader={GROUPING_NAMES[by]}
              grouping={by}
            />
          </section>

          <section className="card stack">
            <h2>How these are counted</h2>
            <ul className="muted">
              <li>
                A position wins when its realized P&amp;L after fees is above zero and loses when below.
                Exactly zero is a break-even: neither, but it counts as a position, so it lowers the win rate
                and the expectancy.
              </li>
              <li>
                Periods group positions by the day they closed. Days to expiration are counted from the first
                open to the first contract&apos;s expiration.
              </li>
              <li>
                Premium captured is the realized P&amp;L of positions opened for a credit, divided by the
                premium of every opening sale (rolls included), net of long legs bought with them.
              </li>
              <li>
                Averages and rates are exact fractions, rounded half away from zero only when shown: money to
                the cent, rates to a tenth of a percent.
              </li>
            </ul>
          </section>
        </>
      )}
    </>
  );
}
