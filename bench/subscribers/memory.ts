import { readFile } from 'node:fs/promises';

/** Resident memory of one process alone, now and at its peak (VmRSS, VmHWM), in MiB (Linux). */
export async function memoryOf(pid: number): Promise<{ rssMiB: number; peakRssMiB: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const mebibytes = (field: string) => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    if (match === null) throw new Error(`/proc/${pid}/status has no ${field}`);
    return Number(match[1]) / 1_024;
  };
  return { rssMiB: mebibytes('VmRSS'), peakRssMiB: mebibytes('VmHWM') };
}
