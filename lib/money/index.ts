/**
 * The one module that does decimal arithmetic and formatting. See README.md for the API and for why
 * there are two representations: micros (safe-integer millionths in a JS number) for the engine's
 * hot path and every value that fits, and exact decimal strings (bigint inside) for text that may not.
 */
export {
  abs,
  add,
  compare,
  divRounded,
  mul,
  mul3Rounded,
  mulRounded,
  negate,
  prorate,
  type Rounding,
  roundMicro,
  scaleRounded,
  sub,
  sum,
} from "./arithmetic";
export {
  assertMicro,
  formatDecimal,
  formatMoney,
  formatQuantity,
  fromUnits,
  MICRO_DIGITS,
  MICRO_PER_UNIT,
  type Micro,
  MoneyError,
  parseDecimal,
  tryParseDecimal,
  ZERO,
} from "./decimal";
export {
  csvMoney,
  type DisplayDecimalOptions,
  type DisplayMoneyOptions,
  decimalToNumberForDrawing,
  displayAxisMoney,
  displayDecimal,
  displayMoney,
  displayMoneyFromDrawing,
  displayPercent,
  formatReportMoney,
} from "./display";
export {
  RATIO_ROUNDING,
  type Ratio,
  ratioOf,
  ratioStepsUp,
  ratioText,
  unitsToMicros,
} from "./micro-ratio";
export { type WholeRatioOptions, wholeRatio } from "./ratio";
export {
  addDecimals,
  canonicalDecimal,
  compareDecimals,
  type DecimalSign,
  decimalToMicro,
  divideDecimals,
  divideIntegers,
  formatMinorUnits,
  isPlainDecimal,
  multiplyDecimals,
  negateDecimal,
  plainDecimal,
  roundDecimal,
  type SplitProRataOptions,
  signOfDecimal,
  splitProRata,
  subtractDecimals,
  sumDecimals,
} from "./text";
