// One-shot commands: `schema-engine --datasource <json> cli <command>`. The CLI runs them before
// migrate commands (can the database be reached? create it if missing) and for `migrate reset` /
// `db drop`. Failures are reported the native way: exit code 1 and JSON log lines on stderr, the
// first of which the CLI skips, with `fields.error_code` for known conditions.

import pg from "pg";
import { logLine } from "./log.mjs";
import { parseDatabaseUrl, quoteIdent, withDatabase } from "./pg-adapter.mjs";

class UserFacingError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

function describeServer(url) {
  const { parsed, database } = parseDatabaseUrl(url);
  const host = parsed.hostname || "localhost";
  const port = parsed.port || "5432";
  return { location: `${host}:${port}`, database, user: decodeURIComponent(parsed.username) };
}

function toUserFacing(error, url) {
  const { location, database, user } = describeServer(url);
  switch (error?.code) {
    case "3D000":
      return new UserFacingError(
        "P1003",
        `Database \`${database}\` does not exist on the database server at \`${location}\`.`,
      );
    case "42P04":
      return new UserFacingError(
        "P1009",
        `Database \`${database}\` already exists on the database server at \`${location}\``,
      );
    case "28P01":
    case "28000":
      return new UserFacingError(
        "P1000",
        `Authentication failed against database server, the provided database credentials for \`${user}\` are not valid.\n\nPlease make sure to provide valid database credentials for the database server at \`${location}\`.`,
      );
    case "42501":
      return new UserFacingError(
        "P1010",
        `User \`${user}\` was denied access on the database \`${database}\``,
      );
    case "ECONNREFUSED":
    case "ENOTFOUND":
    case "EHOSTUNREACH":
    case "ETIMEDOUT":
      return new UserFacingError(
        "P1001",
        `Can't reach database server at \`${location}\`\n\nPlease make sure your database server is running at \`${location}\`.`,
      );
    default:
      return error;
  }
}

/** `target` is the database the command is about, named in error messages. */
async function run(url, sql, target = url) {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    await client.query(sql);
  } catch (error) {
    throw toUserFacing(error, target);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Statements like CREATE DATABASE run from the server's maintenance database. */
async function runOnServer(url, sql) {
  try {
    await run(withDatabase(url, "postgres"), sql, url);
  } catch (error) {
    if (error?.code !== "P1003") throw error;
    await run(withDatabase(url, "template1"), sql, url);
  }
}

const COMMANDS = {
  "can-connect-to-database": (url) => run(url, "SELECT 1"),
  "create-database": async (url) => {
    const { database } = parseDatabaseUrl(url);
    await runOnServer(url, `CREATE DATABASE ${quoteIdent(database)}`);
    process.stdout.write(`Database '${database}' was successfully created.\n`);
  },
  "drop-database": async (url) => {
    const { database } = parseDatabaseUrl(url);
    await runOnServer(url, `DROP DATABASE ${quoteIdent(database)}`);
    process.stdout.write(`The database '${database}' was successfully dropped.\n`);
  },
};

export async function runCliCommand({ command, datasource }) {
  const handler = COMMANDS[command];
  logLine("INFO", `Starting schema engine CLI command ${command}`);
  try {
    if (!handler) throw new Error(`Unknown schema engine command: ${command}`);
    if (!datasource.url) throw new Error("No datasource URL was given (--datasource).");
    await handler(datasource.url);
    return 0;
  } catch (error) {
    const fields = error instanceof UserFacingError ? { error_code: error.code } : {};
    logLine("ERROR", String(error?.message ?? error), { target: "schema_engine::logger", fields });
    return 1;
  }
}
