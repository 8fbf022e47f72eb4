/**
 * Where a V8 CPU profile's time went: `npx tsx scripts/bench/cpu-profile-summary.ts <file.cpuprofile>`.
 * Prints the self time of the top functions and the self time per source (package or file), and the
 * inclusive time of the functions named in `--inclusive a,b,c` (time spent in them and everything
 * they called, counted once per sample however deep the recursion).
 */
import { readFileSync } from "node:fs";

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
};
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

const [file, ...rest] = process.argv.slice(2);
if (!file) throw new Error("usage: cpu-profile-summary <file.cpuprofile> [--inclusive name,name]");
const inclusiveNames = (rest[0] === "--inclusive" ? (rest[1] ?? "") : "").split(",").filter(Boolean);
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

/** The package (node_modules/<name>), Next's compiled module, or the file a frame's code is in. */
function sourceOf(url: string): string {
  if (!url) return "(native/idle)";
  const compiled = url.match(/next\/dist\/compiled\/([^/]+)/);
  if (compiled) return `next/compiled/${compiled[1]}`;
  const packageName = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)(?:\/dist\/([^/]+))?/);
  if (packageName) return packageName[2] ? `${packageName[1]}/${packageName[2]}` : (packageName[1] ?? url);
  const chunk = url.match(/\.next\/(.*)/);
  if (chunk) return `.next/${chunk[1]}`;
  return url.replace(/^file:\/\//, "");
}

const selfByFunction = new Map<string, number>();
const selfBySource = new Map<string, number>();
const inclusive = new Map<string, number>(inclusiveNames.map((name) => [name, 0]));
let total = 0;
profile.samples.forEach((sampleId, index) => {
  const micros = profile.timeDeltas[index] ?? 0;
  const node = byId.get(sampleId);
  if (!node) return;
  const { functionName, url, lineNumber } = node.callFrame;
  if (functionName === "(idle)") return;
  total += micros;
  const name = `${functionName || "(anonymous)"} ${sourceOf(url)}:${lineNumber}`;
  selfByFunction.set(name, (selfByFunction.get(name) ?? 0) + micros);
  selfBySource.set(sourceOf(url), (selfBySource.get(sourceOf(url)) ?? 0) + micros);
  if (inclusiveNames.length > 0) {
    const seen = new Set<string>();
    for (let id: number | undefined = sampleId; id !== undefined; id = parentOf.get(id)) {
      const frame = byId.get(id)?.callFrame;
      for (const wanted of inclusiveNames)
        if (frame && !seen.has(wanted) && `${frame.functionName} ${frame.url}`.includes(wanted)) {
          seen.add(wanted);
          inclusive.set(wanted, (inclusive.get(wanted) ?? 0) + micros);
        }
    }
  }
});

const top = (map: Map<string, number>, count: number) =>
  [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(
      ([name, micros]) =>
        `${((micros / total) * 100).toFixed(1).padStart(5)}%  ${(micros / 1000).toFixed(0).padStart(7)} ms  ${name}`,
    )
    .join("\n");

console.log(`busy ${(total / 1000).toFixed(0)} ms\n\nself time by source:\n${top(selfBySource, 30)}`);
console.log(`\nself time by function:\n${top(selfByFunction, 40)}`);
if (inclusiveNames.length > 0) console.log(`\ninclusive:\n${top(inclusive, inclusiveNames.length)}`);
