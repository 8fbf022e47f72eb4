import { i32 } from "../cells";
import { anchorShape } from "../shape-anchors";
/**
 * A growable list of int32 values that keeps its storage when cleared. Roll detection gathers small
 * lists of fills for every group on every day; reusing a few of these instead of allocating arrays
 * per group keeps a large history from producing hundreds of megabytes of garbage.
 */
export class IntList {
  items = new Int32Array(16);
  length = 0;

  clear(): void {
    this.length = 0;
  }

  /** Empties the list, then makes it `length` zeros. */
  resetToZeros(length: number): void {
    if (length > this.items.length) {
      let capacity = this.items.length;
      while (capacity < length) capacity *= 2;
      this.items = new Int32Array(capacity);
    } else this.items.fill(0, 0, length);
    this.length = length;
  }

  /** Makes the list `length` long, growing it if needed; entries past the old length are unset. */
  resetLength(length: number): void {
    if (length > this.items.length) {
      let capacity = this.items.length;
      while (capacity < length) capacity *= 2;
      const grown = new Int32Array(capacity);
      grown.set(this.items.subarray(0, this.length));
      this.items = grown;
    }
    this.length = length;
  }

  push(value: number): void {
    if (this.length === this.items.length) {
      const grown = new Int32Array(this.items.length * 2);
      grown.set(this.items);
      this.items = grown;
    }
    this.items[this.length++] = value;
  }

  at(index: number): number {
    return i32(this.items, index);
  }

  set(index: number, value: number): void {
    this.items[index] = value;
  }

  increment(index: number): void {
    this.items[index] = i32(this.items, index) + 1;
  }
}

// See shape-anchors.ts: every run makes a dozen of these and drops them.
anchorShape(new IntList());
