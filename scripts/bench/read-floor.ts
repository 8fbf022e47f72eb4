import { copyOut } from "@/lib/server/db/copy-out";
import { transactionConnection } from "@/lib/server/db/copy-rows";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { withUserTransaction } from "@/lib/server/db/with-user-transaction";
import { marketDataSourceOf } from "@/lib/server/marks/market-data-source";
import { inputRowCopies } from "@/lib/server/recompute/read-input-rows";

export type ReadFloor = { seconds: number; bytes: number; perStatement: { ms: number; bytes: number }[] };

/**
 * The floor under recompute's load phase: the same input rows a full recompute reads (its eight
 * SELECTs), each sent by `COPY (SELECT …) TO STDOUT` in the format the load reads it in (binary for
 * the contracts and the fills' tables) on a user transaction's connection, under its
 * row-level-security context, read from the socket as recompute reads them (`copyOut`) and only
 * counted, never parsed. What the load spends above this is the client's: splitting fields, joining,
 * building the engine's columns. The best of `runs` (the machine is shared; a floor is a lower bound).
 */
export async function measureReadFloor(options: {
  db: Database;
  robinhoodUserId: string;
  runs?: number;
}): Promise<ReadFloor> {
  const { db, robinhoodUserId } = options;
  let best: ReadFloor | null = null;
  for (let run = 0; run < (options.runs ?? 3); run++) {
    const floor = await withUserTransaction(
      { db, robinhoodUserId, purpose: "work", timeoutMs: 600_000 },
      async (tx, user) => {
        const connection = await transactionConnection(tx);
        const marketData = await marketDataSourceOf(tx, user);
        const perStatement: ReadFloor["perStatement"] = [];
        const started = performance.now();
        for (const statement of inputRowCopies({ userId: user.id, marketData })) {
          const statementStarted = performance.now();
          let bytes = 0;
          await copyOut(
            connection,
            [statement],
            [
              (piece) => {
                bytes += piece.length;
              },
            ],
          );
          perStatement.push({ ms: performance.now() - statementStarted, bytes });
        }
        const seconds = (performance.now() - started) / 1000;
        return { seconds, bytes: perStatement.reduce((sum, { bytes }) => sum + bytes, 0), perStatement };
      },
    );
    if (!best || floor.seconds < best.seconds) best = floor;
  }
  return best as ReadFloor;
}
