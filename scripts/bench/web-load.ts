import { readdirSync, readFileSync } from "node:fs";

/** One timed batch of requests to one path at a fixed concurrency. */
export type Batch = {
  milliseconds: number[];
  serverCpuMs: number;
  /** Answers that were a kept page (`x-page-cache: hit`, lib/server/page-cache). */
  kept: number;
};

export type LoadOptions = {
  baseUrl: string;
  path: string;
  cookie?: string;
  /** Sent with every request besides the cookie (e.g. `cache-control: no-cache`, a hard reload). */
  headers?: Record<string, string>;
  requests: number;
  concurrency: number;
  /** The server's process id: its CPU time (and its children's) is read before and after the batch. */
  serverPid: number;
};

/**
 * `requests` GETs of one path by `concurrency` workers that each send the next request as soon as
 * their last answer's body has been read. Every answer must be a 200: a redirect to the sign-in page
 * or an error would time something other than the page.
 */
export async function runBatch(options: LoadOptions): Promise<Batch> {
  const milliseconds: number[] = [];
  let kept = 0;
  let next = 0;
  const cpuBefore = processTreeCpuMs(options.serverPid);
  const worker = async () => {
    while (next < options.requests) {
      next++;
      const started = performance.now();
      const response = await fetch(`${options.baseUrl}${options.path}`, {
        headers: { ...options.headers, ...(options.cookie ? { cookie: options.cookie } : {}) },
        redirect: "manual",
      });
      await response.arrayBuffer();
      milliseconds.push(performance.now() - started);
      if (response.headers.get("x-page-cache") === "hit") kept++;
      if (response.status !== 200) throw new Error(`${options.path} answered ${response.status}`);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return {
    milliseconds,
    serverCpuMs: (processTreeCpuMs(options.serverPid) - cpuBefore) / options.requests,
    kept,
  };
}

/** The p-th percentile (0–100) by the nearest-rank method. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}

export type PageSize = { htmlBytes: number; inlineRscBytes: number; rscBytes: number };

/**
 * What one page weighs: the HTML document, the RSC payload inlined in it (the `self.__next_f.push`
 * scripts that hydrate it) and the RSC payload a client-side navigation fetches (`RSC: 1`).
 */
export async function measurePageSize(baseUrl: string, path: string, cookie: string): Promise<PageSize> {
  const html = await (await fetch(`${baseUrl}${path}`, { headers: { cookie } })).text();
  const inline = [...html.matchAll(/<script[^>]*>(self\.__next_f\.push\([\s\S]*?\))<\/script>/g)];
  const rsc = await fetch(`${baseUrl}${path}`, { headers: { cookie, RSC: "1" } });
  return {
    htmlBytes: Buffer.byteLength(html),
    inlineRscBytes: inline.reduce((sum, match) => sum + Buffer.byteLength(match[1] ?? ""), 0),
    rscBytes: (await rsc.arrayBuffer()).byteLength,
  };
}

/**
 * CPU time (user + system, ms) of a process and all its descendants, from /proc: `next start` may
 * serve from a child process. Linux only; 0 elsewhere.
 */
export function processTreeCpuMs(rootPid: number): number {
  let entries: { pid: number; ppid: number; ticks: number }[];
  try {
    entries = readdirSync("/proc")
      .filter((name) => /^\d+$/.test(name))
      .flatMap((name) => {
        try {
          const stat = readFileSync(`/proc/${name}/stat`, "utf8");
          // The command name may hold spaces: fields start after its closing parenthesis.
          const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
          return [
            { pid: Number(name), ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) },
          ];
        } catch {
          return [];
        }
      });
  } catch {
    return 0;
  }
  const inTree = new Set([rootPid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const entry of entries)
      if (!inTree.has(entry.pid) && inTree.has(entry.ppid)) {
        inTree.add(entry.pid);
        grew = true;
      }
  }
  // Linux reports clock ticks of 1/100 s (USER_HZ) on every common configuration.
  return entries.filter((entry) => inTree.has(entry.pid)).reduce((sum, entry) => sum + entry.ticks, 0) * 10;
}
