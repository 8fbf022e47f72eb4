/**
 * What the bulk writers need from a connection: raw statements with positional parameters. A Prisma
 * transaction client has these methods, and so does an import's own PostgreSQL connection
 * (`withImportTransaction`), so the same writers serve sync, recompute and import.
 */
export interface SqlRunner {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
}
