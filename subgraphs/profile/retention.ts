import type { Logger } from '../../shared/logging.js';
import type { ProfileStore } from './store/port.js';

/**
 * Deletes events older than the retention, and profiles idle as long, every `everyMinutes`,
 * where the database does not do it itself. Returns a function that stops the sweeping.
 */
export function sweepExpiredData(
  store: ProfileStore,
  options: { retentionDays: number; everyMinutes: number; now: () => Date; logger: Logger },
): () => void {
  const sweep = async () => {
    const cutoff = new Date(options.now().getTime() - options.retentionDays * 86_400_000);
    try {
      const expired = await store.expireBefore(cutoff);
      options.logger.info({ ...expired, cutoff }, 'expired data deleted');
    } catch (error) {
      options.logger.error({ error }, 'retention sweep failed; it runs again at the next interval');
    }
  };
  void sweep();
  const timer = setInterval(() => void sweep(), options.everyMinutes * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
