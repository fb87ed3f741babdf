// The bench's table: raw Temporal, the record floor and sscard side by side, sscard/raw and sscard/floor, and
// whether the floor has sscard's shape (its activities, local activities, record writes and signals, counted
// from the histories of the same run).
import { renderTable } from '../../cli/ui/table';
import { shanghaiDate } from '../../domain/calendar/shanghai-time';
import { type HistoryFigures, percentile } from './histories';

export interface RunFigures {
  seconds: number;
  /** CPU milliseconds by process role; roles starting "partners'" are the partners' store, measured apart. */
  cpu: Record<string, number>;
  histories: HistoryFigures;
  mongo?: {
    /** Per application, to the measured store. */
    commands: number;
    slow?: number;
    /** Per application, to the partners' store. */
    partners?: number;
    /** Per application, by `database command collection`. */
    byKind: Record<string, number>;
  };
  idleMs: number[];
  workerPeakMiB: number;
}

/** The counts the floor must share with sscard; sscard's record write is its keepRecord local activity too. */
const SHAPE = ['activities', 'local activities', 'local keepRecord', 'signals'];

const isPartners = (role: string) => role.startsWith("partners'");

/** Prints the tables; false when the floor's shape is not sscard's. */
export function report(
  run: { store: string; n: number },
  raw: RunFigures,
  floor: RunFigures,
  sscard: RunFigures,
): boolean {
  const { n } = run;
  const runs = [raw, floor, sscard];
  const per = (ms: number) => `${(ms / n).toFixed(0)} ms`;
  const measured = (f: RunFigures) => Object.entries(f.cpu).filter(([role]) => !isPartners(role));
  const total = (f: RunFigures) => measured(f).reduce((sum, [, ms]) => sum + ms, 0);
  const roles = [...new Set(runs.flatMap((f) => measured(f).map(([role]) => role)))];
  const partnerRoles = Object.keys(sscard.cpu).filter(isPartners);
  const rate = (f: RunFigures) => n / f.seconds;
  const tasks = (f: RunFigures) =>
    `p50 ${percentile(f.histories.taskRunMs, 50).toFixed(0)} · p99 ${percentile(f.histories.taskRunMs, 99).toFixed(0)} · ` +
    `max ${Math.max(...f.histories.taskRunMs).toFixed(0)} ms`;
  const over1s = (f: RunFigures) =>
    `${f.histories.taskRunMs.filter((t) => t > 1000).length} of ${f.histories.taskRunMs.length}`;
  const row = (label: string, cell: (f: RunFigures) => string): string[] => [label, ...runs.map(cell)];
  const shape = (key: string) => (f: RunFigures) => String(f.histories.shape[key] ?? 0);
  const rows: string[][] = [
    [
      'throughput',
      `${rate(raw).toFixed(1)} workflows/s`,
      `${rate(floor).toFixed(1)} workflows/s (floor/raw ${(rate(floor) / rate(raw)).toFixed(2)})`,
      `${rate(sscard).toFixed(1)} applications/s (sscard/raw ${(rate(sscard) / rate(raw)).toFixed(2)}, ` +
        `sscard/floor ${(rate(sscard) / rate(floor)).toFixed(2)})`,
    ],
    row('wall time for all', (f) => `${f.seconds.toFixed(1)} s`),
    row('CPU per application, all measured processes', (f) => per(total(f))),
    ...roles.map((role) => row(`  ${role}`, (f) => per(f.cpu[role] ?? 0))),
    ...partnerRoles.map((role) =>
      row(`  ${role} (apart)`, (f) => (f.cpu[role] === undefined ? '–' : per(f.cpu[role]))),
    ),
    row('history events to notification', (f) => String(f.histories.eventsToNotification)),
    row('history bytes to notification', (f) => `${(f.histories.bytesToNotification / 1024).toFixed(1)} KiB`),
    ...SHAPE.map((key) =>
      row(`  ${key.replace(/^local keepRecord$/, 'record writes (keepRecord)')}`, shape(key)),
    ),
    row('MongoDB commands per application', (f) => (f.mongo ? f.mongo.commands.toFixed(1) : '–')),
    row("  the simulated partners' (their own store)", (f) =>
      f.mongo?.partners === undefined ? '–' : f.mongo.partners.toFixed(1),
    ),
    row('workflow task run time', tasks),
    row('workflow tasks over 1 s', over1s),
    row('workflow task wait p50', (f) => `${percentile(f.histories.taskWaitMs, 50).toFixed(0)} ms`),
    row('idle latency, start to notified (p50)', (f) => `${percentile(f.idleMs, 50).toFixed(0)} ms`),
    row('worker peak RSS', (f) => `${f.workerPeakMiB.toFixed(0)} MiB`),
  ];
  console.log(`\n${n} at once · FerretDB on ${run.store} · ${shanghaiDate(new Date())}`);
  console.log(renderTable(['', 'raw Temporal', 'record floor', 'sscard'], rows));
  console.log(
    "record floor: the raw workflow whose record-write steps write an application record as sscard's do " +
      '(raw/activities.ts);\nsscard/floor is what sscard reaches of what its record keeping alone allows. ' +
      "The partners' store's CPU and commands are not in sscard's figures.",
  );
  const types = [...new Set(runs.flatMap((f) => Object.keys(f.histories.byType)))].sort();
  console.log(
    `\nhistory events to notification, by type (mean per workflow)\n${renderTable(
      ['event type', 'raw', 'floor', 'sscard'],
      types.map((t) => [t, ...runs.map((f) => (f.histories.byType[t] ?? 0).toFixed(1))]),
    )}`,
  );
  const kinds = [floor, sscard]
    .flatMap((f) => Object.entries(f.mongo?.byKind ?? {}))
    .filter(([, perApplication]) => perApplication >= 0.05)
    .sort(([a], [b]) => a.localeCompare(b));
  console.log(
    `\nMongoDB commands per application on the measured store, by database, command and collection\n${renderTable(
      ['command', 'per application'],
      kinds.map(([kind, perApplication]) => [kind, perApplication.toFixed(2)]),
    )}`,
  );
  const differ = SHAPE.filter((key) => floor.histories.shape[key] !== sscard.histories.shape[key]);
  if (differ.length === 0) return true;
  console.error(
    `\nthe record floor's shape is not sscard's (${differ
      .map(
        (key) =>
          `${key}: floor ${floor.histories.shape[key] ?? 0}, sscard ${sscard.histories.shape[key] ?? 0}`,
      )
      .join('; ')}): change scripts/bench/raw/workflows.ts to sscard's path before reading sscard/floor`,
  );
  return false;
}
