import "server-only";
import { isoDate } from "@/lib/dates/trading-date";
import type { Prisma } from "@/lib/generated/prisma/client";
import { canonicalDecimal } from "@/lib/money";

/** A decimal column value as a plain string ("423.9", "-0.05"): exact, never exponent notation. */
export function decimalText(value: Prisma.Decimal | string | number | bigint): string {
  // A Decimal's toString() switches to exponents for tiny values; canonicalDecimal reads those too.
  return canonicalDecimal(value.toString());
}

export function decimalTextOrNull(value: Prisma.Decimal | string | null | undefined): string | null {
  return value === null || value === undefined ? null : decimalText(value);
}

/** A `@db.Date` column as `YYYY-MM-DD`. */
export function dateText(value: Date): string {
  return isoDate(value);
}

export function dateTextOrNull(value: Date | null | undefined): string | null {
  return value ? isoDate(value) : null;
}

/** An option contract as pages show it. */
export type ContractView = {
  underlying: string;
  expiration: string;
  strike: string;
  optionType: "CALL" | "PUT";
  multiplier: string;
};

export function contractView(instrument: {
  underlying: string;
  expirationDate: Date;
  strikePrice: Prisma.Decimal;
  optionType: "CALL" | "PUT";
  multiplier: Prisma.Decimal;
}): ContractView {
  return {
    underlying: instrument.underlying,
    expiration: isoDate(instrument.expirationDate),
    strike: decimalText(instrument.strikePrice),
    optionType: instrument.optionType,
    multiplier: decimalText(instrument.multiplier),
  };
}

export const CONTRACT_SELECT = {
  underlying: true,
  expirationDate: true,
  strikePrice: true,
  optionType: true,
  multiplier: true,
} as const;
