/**
 * Defines `key` on `target` as an enumerable property whose value is built on first read and then
 * kept as a plain data property. Spreading, `JSON.stringify` and deep equality all read it like any
 * other property; only a caller that never reads it skips the work.
 */
export function defineLazy<T extends object, K extends keyof T>(target: T, key: K, build: () => T[K]): void {
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get() {
      const value = build();
      Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
      return value;
    },
    set(value: T[K]) {
      Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
    },
  });
}
