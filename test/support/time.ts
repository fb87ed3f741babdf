// Workflow time for tests. The time-skipping server starts at the machine's clock, so a test that depends on
// weekdays or holidays first chooses its own local day and hour: a world (or server) started there.
import { shanghaiInstant } from '../../domain/calendar/shanghai-time';

/** A local time in Asia/Shanghai as people at the center write it, '2026-09-30 23:55', as an instant. */
export function shanghai(local: string): Date {
  const [day, time] = local.split(' ');
  if (!day || !time) throw new RangeError(`write a local time as 'YYYY-MM-DD HH:MM', not '${local}'`);
  return shanghaiInstant(day, time);
}
