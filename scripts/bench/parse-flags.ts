/** `--name value` pairs of a bench command line, for its zod schema to check. */
export function parseFlags(argv: string[]): Record<string, string> {
  const flags: Record<string, string> = {};
  for (let index = 0; index < argv.length; index += 2) {
    const name = argv[index]?.replace(/^--/, "");
    const value = argv[index + 1];
    if (name && value !== undefined) flags[name] = value;
  }
  return flags;
}
