/**
 * Keeps one object of each class the engine makes per run alive for as long as the engine is loaded.
 *
 * V8 compiles the engine's hot functions against the hidden classes ("maps") of the objects they
 * meet, and a map lives only while some object has it. When a caller keeps nothing of a run (a
 * recompute that has written its rows, a benchmark between runs), a full collection frees the maps
 * of every object of that run, and V8 throws away all the optimized code compiled against them
 * ("deoptimization: weak objects"): the next run starts in the interpreter and compiles roll
 * detection, the registries and the ledgers all over again, which measured as much as four times
 * slower for roll detection. One small object per class, built here once by the class's own
 * constructor, keeps each map, and so the compiled code, from one run to the next. A sample must
 * store values of the same kinds a run stores (small integers, strings, objects), or a run would
 * move to a new map that nothing anchors.
 */
const anchors: object[] = [];

/** Keeps `sample` (and with it its map) alive for the life of the process. */
export function anchorShape(sample: object): void {
  anchors.push(sample);
}
