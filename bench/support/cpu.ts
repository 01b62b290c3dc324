import { readFile } from 'node:fs/promises';

/** Clock ticks per second of /proc/<pid>/stat times: USER_HZ, 100 on Linux. */
const ticksPerSecond = 100;

/**
 * CPU time (user + system) a process has used so far, in milliseconds, from /proc. The CPU a
 * server spends per request is steadier than its rate on a machine shared with other work.
 */
export async function cpuMillisecondsOf(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces; the fields after it are plain numbers.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const [utime, stime] = [Number(fields[11]), Number(fields[12])];
  if (!Number.isFinite(utime) || !Number.isFinite(stime))
    throw new Error(`/proc/${pid}/stat is not as expected`);
  return ((utime + stime) * 1_000) / ticksPerSecond;
}
