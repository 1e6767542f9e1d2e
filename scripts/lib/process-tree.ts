/**
 * Memory and CPU of a process and everything it started, read from /proc
 * (Linux only). Used by the benchmark to watch the CLI's Node process and
 * the Chromium processes below it while a build runs.
 *
 * Sampling must stay cheap: it runs beside what it measures, on the same
 * cores. So only cheap files are read (stat, status; not smaps_rollup, which
 * takes milliseconds per Chromium process), and a process once seen outside
 * the tree is not looked at again while it lives.
 */
import { readFileSync, readdirSync } from 'node:fs';

/** Clock ticks per second for /proc/<pid>/stat times (getconf CLK_TCK; 100 on Linux). */
const TICKS_PER_SECOND = 100;

interface ProcStat {
  pid: number;
  ppid: number;
  /** Executable name, at most 15 characters ("chromium", "node", …). */
  comm: string;
  /** CPU time of the process itself, user + system, in ticks. */
  ticks: number;
  /** Start time since boot, in ticks: with the pid, names one process even when pids are reused. */
  start: number;
}

function readStat(pid: number): ProcStat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // Gone between listing and reading.
  }
  // comm is in parentheses and may itself contain spaces or ")": split after the last one.
  const close = text.lastIndexOf(')');
  const fields = text.slice(close + 2).split(' ');
  // fields[0] is field 3 of proc(5): state; ppid is 4, utime 14, stime 15, starttime 22.
  const at = (field: number) => Number(fields[field - 3]);
  return { pid, ppid: at(4), comm: text.slice(text.indexOf('(') + 1, close), ticks: at(14) + at(15), start: at(22) };
}

/** The "Key:   1234 kB" lines of /proc/<pid>/status, in kB; 0 when unreadable. */
function memoryKb(pid: number): { rss: number; anon: number } {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0);
    return { rss: field('VmRSS'), anon: field('RssAnon') };
  } catch {
    return { rss: 0, anon: 0 };
  }
}

const isChromium = (stat: ProcStat) => stat.comm.includes('chrom');

export interface TreeUsage {
  /** Peak resident memory of the root (Node) process, kB. */
  nodeRssKb: number;
  /** Peak of the summed RSS of all Chromium processes, kB (pages they share counted once per process). */
  chromiumRssKb: number;
  /** Peak of the summed anonymous RSS of all Chromium processes, kB: their own heap and stacks, no shared libraries. */
  chromiumAnonKb: number;
  /** Peak of Node RSS + Chromium RSS taken at the same instant, kB. */
  combinedRssKb: number;
  /** Most Chromium processes alive at once. */
  chromiumProcesses: number;
  /** CPU seconds of the root process while sampled. */
  nodeCpuSeconds: number;
  /**
   * CPU seconds of all Chromium processes while sampled: a lower bound, as a
   * process that ends between two samples takes its last moments along.
   * (cutime cannot be used instead: Chromium does not wait for all of its
   * own children, so most renderer time never reaches the launcher.)
   */
  chromiumCpuSeconds: number;
  samples: number;
  /** CPU seconds the sampling itself took, in the sampling process. */
  samplingSeconds: number;
}

/**
 * Samples `root`'s tree every `intervalMs` until stop(). Chromium processes
 * are the descendants whose name contains "chrom" (browser, zygotes,
 * renderers, utility processes, crashpad handler). CPU is counted from the
 * first sample on, so `root` may be this very process.
 */
export function sampleTree(root: number, intervalMs = 100): { stop: () => TreeUsage } {
  const usage: TreeUsage = {
    nodeRssKb: 0,
    chromiumRssKb: 0,
    chromiumAnonKb: 0,
    combinedRssKb: 0,
    chromiumProcesses: 0,
    nodeCpuSeconds: 0,
    chromiumCpuSeconds: 0,
    samples: 0,
    samplingSeconds: 0,
  };
  /** Processes seen outside the tree, not read again while their pid is listed. */
  let outside = new Set<number>();
  /** CPU ticks of each process ("pid@start") when first seen (0 if started since) and when last seen. */
  const ticks = new Map<string, { first: number; last: number; root: boolean; chromium: boolean }>();

  /** The tree as it is now: the root, and every process whose parent is in it. */
  const currentTree = (): ProcStat[] => {
    const listed = readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number);
    outside = new Set(listed.filter((pid) => outside.has(pid)));
    let pending = listed.filter((pid) => !outside.has(pid)).map(readStat).filter((stat) => stat !== undefined);
    const tree: ProcStat[] = [];
    const members = new Set<number>();
    // A parent may come later in the listing than its child: repeat until nothing joins.
    for (let joined = true; joined; ) {
      const before = tree.length;
      for (const stat of pending) {
        if (stat.pid !== root && !members.has(stat.ppid)) continue;
        tree.push(stat);
        members.add(stat.pid);
      }
      pending = pending.filter((stat) => !members.has(stat.pid));
      joined = tree.length > before;
    }
    for (const stat of pending) outside.add(stat.pid);
    return tree;
  };

  const sample = () => {
    const cpuBefore = process.cpuUsage();
    const tree = currentTree();
    for (const stat of tree) {
      const key = `${stat.pid}@${stat.start}`;
      const seen = ticks.get(key);
      if (seen) seen.last = stat.ticks;
      else ticks.set(key, { first: usage.samples === 0 ? stat.ticks : 0, last: stat.ticks, root: stat.pid === root, chromium: isChromium(stat) });
    }
    const chromium = tree.filter(isChromium).map((stat) => memoryKb(stat.pid));
    const node = tree.some((stat) => stat.pid === root) ? memoryKb(root).rss : 0;
    const chromiumRss = chromium.reduce((sum, memory) => sum + memory.rss, 0);
    usage.nodeRssKb = Math.max(usage.nodeRssKb, node);
    usage.chromiumRssKb = Math.max(usage.chromiumRssKb, chromiumRss);
    usage.chromiumAnonKb = Math.max(usage.chromiumAnonKb, chromium.reduce((sum, memory) => sum + memory.anon, 0));
    usage.combinedRssKb = Math.max(usage.combinedRssKb, node + chromiumRss);
    usage.chromiumProcesses = Math.max(usage.chromiumProcesses, chromium.length);
    usage.samples++;
    const cpu = process.cpuUsage(cpuBefore);
    usage.samplingSeconds += (cpu.user + cpu.system) / 1e6;
  };

  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      sample(); // The root may still be there (this very process, or a child not yet reaped).
      const seconds = (counts: (seen: { root: boolean; chromium: boolean }) => boolean) =>
        [...ticks.values()].filter(counts).reduce((sum, seen) => sum + seen.last - seen.first, 0) / TICKS_PER_SECOND;
      usage.nodeCpuSeconds = seconds((seen) => seen.root);
      usage.chromiumCpuSeconds = seconds((seen) => !seen.root && seen.chromium);
      return usage;
    },
  };
}

/**
 * CPU seconds the whole machine has been busy, all cores together: every
 * process, also those of other users or containers sharing the cores, plus
 * time the hypervisor gave to other machines (steal). Compared with the
 * benchmark's own CPU time it shows how much other load disturbed a figure.
 */
export function machineBusySeconds(): number {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal …: all but idle and iowait are busy.
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
  return (user + nice + system + irq + softirq + steal) / TICKS_PER_SECOND;
}
