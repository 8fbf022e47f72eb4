/**
 * One CSV line (RFC 4180): fields with a comma, quote or line break are quoted, quotes doubled. Text
 * that a spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage return) is
 * prefixed with an apostrophe, unless it is a plain decimal number: exported money stays a number.
 */
export type CsvField = string | number | null;

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: CsvField): string {
  if (value === null) return "";
  let text = String(value);
  if (FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(fields: readonly CsvField[]): string {
  return `${fields.map(csvField).join(",")}\r\n`;
}
