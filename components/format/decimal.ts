/**
 * Compatibility names for components written before lib/money owned display formatting. New code
 * imports `displayMoney`, `displayDecimal` and `displayPercent` from `@/lib/money`, where
 * `formatMoney`/`formatDecimal` mean the canonical text of micros. This file only re-exports: no
 * arithmetic or formatting may live here (tests/unit/architecture/money-stays-in-lib-money.test.ts).
 */
export {
  type DecimalSign,
  type DisplayDecimalOptions as FormatDecimalOptions,
  type DisplayMoneyOptions as FormatMoneyOptions,
  decimalToNumberForDrawing,
  displayDecimal as formatDecimal,
  displayMoney as formatMoney,
  displayPercent as formatPercent,
  signOfDecimal,
} from "@/lib/money";
