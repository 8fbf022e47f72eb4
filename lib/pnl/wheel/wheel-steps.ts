import type { Micro } from "@/lib/money";
import { f64, i32, item, u8 } from "../cells";
import type { StockAdjustment } from "../corporate-actions/adjust-stock";
import type { AdjustmentRec } from "../corporate-actions/apply-actions";
import { fillDate, fillId } from "../fill-fields";
import type { BookTable, ContractRec, FillTable, LifecycleRec, StockFlow } from "../internal-types";

/** Where a step came from; its id and date are read from there only when needed. */
export const FILL_STEP = 0;
export const EVENT_STEP = 1;
export const EXPIRY_STEP = 2;
export const FLOW_STEP = 3;
export const STOCK_ADJUSTMENT_STEP = 4;
export const OPTION_OUT_STEP = 5;
export const OPTION_IN_STEP = 6;

/** A step that opens a short put: a cycle may start here. */
export const OPENS_SHORT_PUT = 1;
/** A step that writes an option (a short put or call): it makes a cycle a wheel. */
export const WRITES_OPTION = 2;
/** A step that changes the shares held (a stock flow, or a rename or split of the lots). */
export const CHANGES_STOCK = 4;
/** A stock step that buys shares. */
export const BUYS_STOCK = 8;
/** The step's option is a put: its `shortChange` and `assigned` count puts, else calls. */
export const PUT = 16;

export interface WheelStepSources {
  fills: FillTable;
  books: BookTable;
  events: readonly LifecycleRec[];
  stockFlows: readonly StockFlow[];
  stockAdjustments: readonly StockAdjustment[];
  optionAdjustments: readonly AdjustmentRec[];
}

/**
 * The wheel's steps as typed columns, one row per step. A timeline of hundreds of thousands of
 * steps is sorted and walked for a few dozen cycles, so a step holds numbers only; the id that breaks
 * a tie in the sort and the date a cycle starts or ends on are read from the step's source.
 */
export class WheelSteps {
  readonly kind: Uint8Array;
  /** Row of the step's source: fill, event, book (expiry), stock flow, or adjustment. */
  readonly source: Int32Array;
  readonly dayNumber: Int32Array;
  readonly phase: Int8Array;
  /** Milliseconds since the epoch of a trade's instant; 0 when the phase alone orders the step. */
  readonly time: Float64Array;
  readonly flags: Uint8Array;
  /** Option cash of a fill, fees included (sell +, buy −). */
  readonly optionCash: Float64Array;
  readonly optionRealized: Float64Array;
  /**
   * Change in short contracts open (puts when the step has `PUT`, else calls), the put strike value
   * they secure, and the contracts assigned. A stock step's shares and cost are read from its source
   * (`positionAfter`), as only a few steps in a hundred change stock.
   */
  readonly shortChange: Float64Array;
  readonly putCapital: Float64Array;
  readonly assigned: Float64Array;
  /**
   * Ids made by joining text, once each: the sort asks for a step's id many times. A Map, as an
   * array sized for every step would be a slow dictionary at this length.
   */
  private readonly joinedIds = new Map<number, string>();

  constructor(
    readonly count: number,
    private readonly sources: WheelStepSources,
  ) {
    this.kind = new Uint8Array(count);
    this.source = new Int32Array(count);
    this.dayNumber = new Int32Array(count);
    this.phase = new Int8Array(count);
    this.time = new Float64Array(count);
    this.flags = new Uint8Array(count);
    this.optionCash = new Float64Array(count);
    this.optionRealized = new Float64Array(count);
    this.shortChange = new Float64Array(count);
    this.putCapital = new Float64Array(count);
    this.assigned = new Float64Array(count);
  }

  /**
   * Fills row `step` (a row of its timeline's range, `wheel-timeline.ts`) with no amounts; the caller
   * sets those it has.
   */
  set(step: number, kind: number, source: number, dayNumber: number, phase: number, time: number): number {
    this.kind[step] = kind;
    this.source[step] = source;
    this.dayNumber[step] = dayNumber;
    this.phase[step] = phase;
    this.time[step] = time;
    return step;
  }

  /** Marks a stock flow's or a stock adjustment's step as changing the shares held (buying some, or not). */
  setStock(step: number, buy: boolean): void {
    this.flags[step] = u8(this.flags, step) | CHANGES_STOCK | (buy ? BUYS_STOCK : 0);
  }

  /** A stock step's shares held after it (long positive). */
  positionAfter(step: number): Micro {
    return this.stockSource(step).positionAfter;
  }

  /** A stock step's cost of the long shares held after it, fees included. */
  longCostAfter(step: number): Micro {
    return this.stockSource(step).longCostAfter;
  }

  /** The P&L a stock step realized (a rename or split realizes none). */
  stockRealized(step: number): Micro {
    return this.kind[step] === FLOW_STEP ? item(this.sources.stockFlows, i32(this.source, step)).realized : 0;
  }

  private stockSource(step: number): StockFlow | StockAdjustment {
    const source = i32(this.source, step);
    return this.kind[step] === FLOW_STEP
      ? item(this.sources.stockFlows, source)
      : item(this.sources.stockAdjustments, source);
  }

  /** Same trading date, phase and instant: one moment, whose steps apply together. */
  sameMoment(a: number, b: number): boolean {
    return (
      i32(this.dayNumber, a) === i32(this.dayNumber, b) &&
      this.phase[a] === this.phase[b] &&
      f64(this.time, a) === f64(this.time, b)
    );
  }

  /**
   * Time order: date, phase, instant, then id; steps equal in all of these keep the order they were
   * added in (the order of a stable sort of the steps as added).
   */
  compare(a: number, b: number): number {
    const byTime =
      i32(this.dayNumber, a) - i32(this.dayNumber, b) ||
      (this.phase[a] as number) - (this.phase[b] as number) ||
      f64(this.time, a) - f64(this.time, b);
    if (byTime !== 0) return byTime;
    // A closing fill's own step and its closed lots' steps share a source, hence an id.
    if (this.kind[a] === this.kind[b] && i32(this.source, a) === i32(this.source, b)) return a - b;
    const idA = this.id(a);
    const idB = this.id(b);
    return idA < idB ? -1 : idA > idB ? 1 : a - b;
  }

  /** The id of the fill, event, trade or action behind the step (an expiry's is `~` and its date). */
  id(step: number): string {
    const { fills, events, stockFlows, stockAdjustments } = this.sources;
    const source = i32(this.source, step);
    switch (this.kind[step]) {
      case FILL_STEP:
        return fillId(fills, source);
      case EVENT_STEP:
        return item(events, source).id;
      case FLOW_STEP:
        return item(stockFlows, source).id;
      case STOCK_ADJUSTMENT_STEP:
        return item(stockAdjustments, source).actionId;
      default:
        return this.joinedId(step, source);
    }
  }

  /** An expiry's id is `~` and its date; a moved option's is its action's id and `<` (out) or `>` (in). */
  private joinedId(step: number, source: number): string {
    const known = this.joinedIds.get(step);
    if (known !== undefined) return known;
    const { optionAdjustments } = this.sources;
    const kind = this.kind[step];
    const id =
      kind === EXPIRY_STEP
        ? `~${this.contractOf(source).expiration}`
        : `${item(optionAdjustments, source).action.id}${kind === OPTION_OUT_STEP ? "<" : ">"}`;
    this.joinedIds.set(step, id);
    return id;
  }

  /** The trading date of the step as text, as its source gives it. */
  day(step: number): string {
    const { fills, events, stockFlows, stockAdjustments, optionAdjustments } = this.sources;
    const source = i32(this.source, step);
    switch (this.kind[step]) {
      case FILL_STEP:
        return fillDate(fills, source);
      case EVENT_STEP:
        return item(events, source).day;
      case EXPIRY_STEP:
        return this.contractOf(source).expiration;
      case FLOW_STEP:
        return item(stockFlows, source).day;
      case STOCK_ADJUSTMENT_STEP:
        return item(stockAdjustments, source).day;
      default:
        return item(optionAdjustments, source).action.date;
    }
  }

  private contractOf(book: number): ContractRec {
    return item(this.sources.books.contract, book);
  }
}
