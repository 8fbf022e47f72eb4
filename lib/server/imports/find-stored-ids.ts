import "server-only";
import type { SqlRunner } from "@/lib/server/db/sql-runner";

type BrokerKeyed = {
  option_orders: "broker_order_id";
  option_legs: "broker_leg_id";
  option_executions: "broker_execution_id";
  option_events: "broker_event_id";
};

/**
 * The stored row id of every broker id in `keys` that the user already has in `table`, by broker
 * id. One query with the ids as a single array parameter, however many there are (binding each as
 * its own parameter is what made Prisma's `in` filters slow for thousands of ids).
 */
export async function findStoredIds<Table extends keyof BrokerKeyed>(
  tx: SqlRunner,
  table: Table,
  column: BrokerKeyed[Table],
  userId: string,
  keys: readonly string[],
): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const rows = await tx.$queryRawUnsafe<{ key: string; id: string }[]>(
    `SELECT ${column} AS key, id::text AS id FROM ${table} WHERE user_id = $1::uuid AND ${column} = ANY($2::text[])`,
    userId,
    keys,
  );
  return new Map(rows.map((row) => [row.key, row.id]));
}
