// The native engine logs JSON lines on stderr; the CLI reads `fields.message` for error context and,
// for one-shot commands, `fields.error_code` of the ERROR line from `schema_engine::logger`.

/**
 * @param {"INFO" | "ERROR"} level
 * @param {string} message
 * @param {{ target?: string, fields?: Record<string, unknown> }} [options]
 */
export function logLine(level, message, { target = "schema_engine_standin", fields = {} } = {}) {
  const line = { timestamp: new Date().toISOString(), level, fields: { message, ...fields }, target };
  process.stderr.write(`${JSON.stringify(line)}\n`);
}
