import "server-only";
import { dayNumber } from "@/lib/pnl";
import { type BinaryWriter, putInt16, putInt32, unencodable } from "./binary-writer";
import { TYPE_OID } from "./stored-row-texts";

/**
 * Each column type's binary form (as its `pg_type` receive function reads it), written from the
 * value's text input syntax, the spellings the derived rows use: anything else is `unencodable`,
 * and its row goes as text (`binaryCopyChunks`).
 */

/** A column's type as the catalog says: its OID, and its `typtype` (`e` for an enum). */
export type ColumnType = { readonly type: number; readonly kind: string };

const TEXT_OID = 25;
const VARCHAR_OID = 1043;

/** Writes one column's value (never NULL) in its type's binary form, with its length word. */
export type BinaryEncoder = (writer: BinaryWriter, value: string) => void;

/**
 * The encoder of a column's values, or null for a type not written in binary here (its table then
 * goes as text).
 */
export function encoderOf(column: ColumnType): BinaryEncoder | null {
  if (column.kind === "e") return writeText;
  switch (column.type) {
    case TYPE_OID.uuid:
      return writeUuid;
    case TYPE_OID.numeric:
      return writeNumeric;
    case TYPE_OID.timestamptz:
      return writeTimestamptz;
    case TYPE_OID.date:
      return writeDate;
    case TYPE_OID.int2:
      return writeInt16;
    case TYPE_OID.int4:
      return writeInt32;
    case TYPE_OID.bool:
      return writeBool;
    case TYPE_OID.jsonb:
      return writeJsonb;
    case TYPE_OID.textArray:
      return writeTextArray;
    case TEXT_OID:
    case VARCHAR_OID:
      return writeText;
    default:
      return null;
  }
}

const PG_EPOCH_DAYS = 10_957; // 2000-01-01, PostgreSQL's day 0, in days from 1970-01-01
const MICROS_PER_DAY = 86_400_000_000;
const NUMERIC_NEGATIVE = 0x4000;

const HEX = new Int8Array(128).fill(-1);
for (let digit = 0; digit < 10; digit++) HEX[48 + digit] = digit;
for (let letter = 0; letter < 6; letter++) {
  HEX[97 + letter] = 10 + letter;
  HEX[65 + letter] = 10 + letter;
}

function hexAt(text: string, index: number): number {
  const code = text.charCodeAt(index);
  const value = code < 128 ? (HEX[code] as number) : -1;
  if (value < 0) unencodable();
  return value;
}

/** `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` as its 16 bytes. */
function writeUuid(writer: BinaryWriter, value: string): void {
  if (value.length !== 36) unencodable();
  writer.room(20);
  writer.int32(16);
  const buffer = writer.buffer;
  let at = writer.at;
  for (let index = 0; index < 36; ) {
    if (index === 8 || index === 13 || index === 18 || index === 23) {
      if (value.charCodeAt(index) !== 45) unencodable();
      index++;
      continue;
    }
    buffer[at++] = (hexAt(value, index) << 4) | hexAt(value, index + 1);
    index += 2;
  }
  writer.at = at;
}

/** Text as its UTF-8 bytes (also an enum's label, which the server reads the same way). */
function writeText(writer: BinaryWriter, value: string): void {
  const length = value.length;
  writer.room(4 + length * 3);
  const buffer = writer.buffer;
  const start = writer.at + 4;
  let index = 0;
  // Most values are ASCII: copied a character at a time, without a call into the encoder.
  for (; index < length; index++) {
    const code = value.charCodeAt(index);
    if (code > 127) break;
    buffer[start + index] = code;
  }
  const bytes = index === length ? length : buffer.write(value, start, "utf8");
  if (value.includes("\0")) unencodable();
  writer.int32(bytes);
  writer.at += bytes;
}

function digitAt(text: string, index: number): number {
  const digit = text.charCodeAt(index) - 48;
  if (digit < 0 || digit > 9) unencodable();
  return digit;
}

/**
 * The `YYYY-MM-DD` that `text` starts with as PostgreSQL's day number (days from 2000-01-01):
 * `dayNumber`'s, which refuses what is not a real calendar date.
 */
function pgDayAt(text: string): number {
  const day = dayNumber(text.length === 10 ? text : text.slice(0, 10));
  if (Number.isNaN(day)) unencodable();
  return day - PG_EPOCH_DAYS;
}

/** `YYYY-MM-DD`. */
function writeDate(writer: BinaryWriter, value: string): void {
  if (value.length !== 10) unencodable();
  writer.room(8);
  writer.int32(4);
  writer.int32(pgDayAt(value));
}

/**
 * `YYYY-MM-DD HH:MM:SS[.fraction]` in UTC (`+00`, `+00:00` or `Z`; `T` between date and time
 * too) as microseconds from 2000-01-01, split into two 32-bit halves (exact below 2^53).
 */
function writeTimestamptz(writer: BinaryWriter, value: string): void {
  const separator = value.charCodeAt(10);
  if (value.length < 20 || (separator !== 32 && separator !== 84)) unencodable();
  if (value.charCodeAt(13) !== 58 || value.charCodeAt(16) !== 58) unencodable();
  const hours = digitAt(value, 11) * 10 + digitAt(value, 12);
  const minutes = digitAt(value, 14) * 10 + digitAt(value, 15);
  const seconds = digitAt(value, 17) * 10 + digitAt(value, 18);
  if (hours > 23 || minutes > 59 || seconds > 59) unencodable();
  let index = 19;
  let micros = 0;
  if (value.charCodeAt(index) === 46) {
    index++;
    let scale = 100_000;
    const start = index;
    while (index < value.length && value.charCodeAt(index) >= 48 && value.charCodeAt(index) <= 57) {
      // Past microseconds the server would round; left to the text input.
      if (scale < 1) unencodable();
      micros += digitAt(value, index) * scale;
      scale /= 10;
      index++;
    }
    if (index === start) unencodable();
  }
  const zone = value.slice(index);
  if (zone !== "+00" && zone !== "+00:00" && zone !== "Z") unencodable();
  const total =
    pgDayAt(value) * MICROS_PER_DAY + ((hours * 60 + minutes) * 60 + seconds) * 1_000_000 + micros;
  if (!Number.isSafeInteger(total)) unencodable();
  const high = Math.floor(total / 0x1_0000_0000);
  writer.room(12);
  writer.int32(8);
  putInt32(writer.buffer, writer.at, high);
  putInt32(writer.buffer, writer.at + 4, total - high * 0x1_0000_0000);
  writer.at += 8;
}

/**
 * `[-]digits[.digits]` as PostgreSQL's numeric: base-10000 digits aligned on the decimal point,
 * the weight of the first, the sign, and the display scale (the fraction's digits as written, as the
 * text input keeps it; the column's scale then rounds it the same way).
 */
function writeNumeric(writer: BinaryWriter, value: string): void {
  let index = 0;
  const negative = value.charCodeAt(0) === 45;
  if (negative) index = 1;
  const point = value.indexOf(".", index);
  const integerEnd = point < 0 ? value.length : point;
  const scale = point < 0 ? 0 : value.length - point - 1;
  if (integerEnd === index || (point >= 0 && scale === 0) || scale > 0x3fff) unencodable();
  while (index < integerEnd - 1 && value.charCodeAt(index) === 48) index++;
  const integerDigits = integerEnd - index;
  const integerGroups = Math.ceil(integerDigits / 4);
  const fractionGroups = Math.ceil(scale / 4);
  const groups = integerGroups + fractionGroups;
  if (groups > 0x7fff) unencodable();
  writer.room(12 + groups * 2);
  const header = writer.at;
  writer.at += 12;
  let nonZero = false;
  let position = index;
  for (let group = 0; group < integerGroups; group++) {
    const take = group === 0 ? integerDigits - (integerGroups - 1) * 4 : 4;
    let digits = 0;
    for (let digit = 0; digit < take; digit++) digits = digits * 10 + digitAt(value, position++);
    if (digits !== 0) nonZero = true;
    writer.int16(digits);
  }
  position = point + 1;
  for (let group = 0; group < fractionGroups; group++) {
    let digits = 0;
    for (let digit = 0; digit < 4; digit++, position++)
      digits = digits * 10 + (position < value.length ? digitAt(value, position) : 0);
    if (digits !== 0) nonZero = true;
    writer.int16(digits);
  }
  const buffer = writer.buffer;
  putInt32(buffer, header, writer.at - header - 4);
  putInt16(buffer, header + 4, groups);
  putInt16(buffer, header + 6, integerGroups - 1);
  // Zero has no sign (the server makes any zero positive too).
  putInt16(buffer, header + 8, negative && nonZero ? NUMERIC_NEGATIVE : 0);
  putInt16(buffer, header + 10, scale);
}

/** An integer in `[min, max]`, plainly spelled. */
function integerOf(value: string, min: number, max: number): number {
  if (!/^-?\d{1,10}$/.test(value)) unencodable();
  const number = Number(value);
  if (number < min || number > max) unencodable();
  return number;
}

function writeInt16(writer: BinaryWriter, value: string): void {
  const number = integerOf(value, -32_768, 32_767);
  writer.room(6);
  writer.int32(2);
  writer.int16(number);
}

function writeInt32(writer: BinaryWriter, value: string): void {
  const number = integerOf(value, -2_147_483_648, 2_147_483_647);
  writer.room(8);
  writer.int32(4);
  writer.int32(number);
}

function writeBool(writer: BinaryWriter, value: string): void {
  const truth = value === "t" || value === "true" ? 1 : value === "f" || value === "false" ? 0 : -1;
  if (truth < 0) unencodable();
  writer.room(5);
  writer.int32(1);
  writer.buffer[writer.at++] = truth;
}

/** `jsonb`'s binary form: a version byte (1), then the text, which the server parses as from text. */
function writeJsonb(writer: BinaryWriter, value: string): void {
  // Room for all of it first: the positions below must stay in one buffer.
  writer.room(9 + value.length * 3);
  const lengthAt = writer.at;
  writer.at += 4;
  writer.buffer[writer.at++] = 1;
  // The text as `writeText` writes it, its own length word then dropped.
  const textAt = writer.at;
  writeText(writer, value);
  const textLength = writer.at - textAt - 4;
  writer.buffer.copy(writer.buffer, textAt, textAt + 4, writer.at);
  writer.at -= 4;
  putInt32(writer.buffer, lengthAt, textLength + 1);
}

/**
 * A one-dimensional `text[]` literal as `textArrayLiteral` spells it (`{a,"b c",NULL}`; elements
 * quoted with backslash escapes where needed) in the array's binary form. Anything else (spaces,
 * nested braces) is left to the text input.
 */
function writeTextArray(writer: BinaryWriter, value: string): void {
  const elements = textArrayElements(value);
  // Room for all of it first: the length word below must stay in the same buffer as the elements.
  let bytes = 24;
  for (const element of elements) bytes += 4 + (element === null ? 0 : element.length * 3);
  writer.room(bytes);
  const lengthAt = writer.at;
  writer.int32(0); // length, set below
  const start = writer.at;
  writer.int32(elements.length === 0 ? 0 : 1); // dimensions
  writer.int32(elements.includes(null) ? 1 : 0);
  writer.int32(TEXT_OID);
  if (elements.length > 0) {
    writer.int32(elements.length);
    writer.int32(1); // lower bound
  }
  for (const element of elements) {
    if (element === null) {
      writer.room(4);
      writer.int32(-1);
    } else writeText(writer, element);
  }
  putInt32(writer.buffer, lengthAt, writer.at - start);
}

/** The elements of a one-dimensional array literal; `unencodable` for any other spelling. */
export function textArrayElements(value: string): (string | null)[] {
  if (value.charCodeAt(0) !== 123 || value.charCodeAt(value.length - 1) !== 125) unencodable();
  const elements: (string | null)[] = [];
  const end = value.length - 1;
  if (end === 1) return elements;
  let index = 1;
  for (;;) {
    if (value.charCodeAt(index) === 34) {
      let element = "";
      index++;
      for (;;) {
        if (index >= end) unencodable();
        const code = value.charCodeAt(index);
        if (code === 34) break;
        if (code === 92) index++;
        element += value[index];
        index++;
      }
      elements.push(element);
      index++;
    } else {
      let stop = index;
      while (stop < end && value.charCodeAt(stop) !== 44) stop++;
      const element = value.slice(index, stop);
      // Unquoted, the text input would trim spaces and read braces, quotes and backslashes.
      if (element.length === 0 || /[\s{}"\\]/.test(element)) unencodable();
      elements.push(element.toUpperCase() === "NULL" ? null : element);
      index = stop;
    }
    if (index === end) return elements;
    if (value.charCodeAt(index) !== 44) unencodable();
    index++;
  }
}
