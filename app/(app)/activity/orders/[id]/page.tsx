import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { OrderLegs } from "@/components/activity/order-legs";
import { brokerStrategyText } from "@/components/chains/strategy-badge";
import { formatTimestamp } from "@/components/format/dates";
import { Money } from "@/components/money";
import { Stat } from "@/components/stat";
import { displayDecimal } from "@/lib/money";
import { readForPage, requireUser } from "@/lib/server/auth/require-user";
import { getActivityOrder } from "@/lib/server/queries/activity/get-activity-order";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Order" };

const orderParams = z.object({ id: z.uuid() });

export default async function OrderPage({ params }: { params: Promise<{ id: string }> }) {
  const parsed = orderParams.safeParse(await params);
  const user = await requireUser(parsed.success ? `/activity/orders/${parsed.data.id}` : "/activity");
  if (!parsed.success) notFound();
  const order = await readForPage(() =>
    getActivityOrder({ robinhoodUserId: user.robinhoodUserId, orderId: parsed.data.id }),
  );
  if (!order) notFound();

  return (
    <>
      <div className="page-header">
        <div>
          <p>
            <Link href="/activity">← Activity</Link>
          </p>
          <h1>
            {order.underlying} order{order.strategy ? ` · ${brokerStrategyText(order.strategy)}` : ""}
          </h1>
          <p>
            {order.source === "API" ? (
              <>
                Robinhood order <code data-testid="broker-order-id">{order.brokerOrderId}</code>
              </>
            ) : (
              "Rebuilt from an imported CSV row (activity reports name no order)"
            )}
            , placed {formatTimestamp(order.at)}, {order.state}.
          </p>
        </div>
      </div>
      <section className="stats" aria-label="Order totals">
        <Stat label="Filled" note={`of ${displayDecimal(order.quantity)} ordered`}>
          <span className="num">{displayDecimal(order.filledQuantity)}</span>
        </Stat>
        <Stat label="Fills">
          <span className="num">{order.fillCount}</span>
        </Stat>
        <Stat label="Cash" note="Fees included">
          <Money value={order.amount} tone signed />
        </Stat>
      </section>
      <section className="card flush">
        <div className="card-header">
          <h2>Legs and fills</h2>
          <p>Each leg&apos;s fills, their exact average price and where each came from</p>
        </div>
        <OrderLegs legs={order.legs} caption={`Legs and fills of order ${order.brokerOrderId}`} />
      </section>
    </>
  );
}
