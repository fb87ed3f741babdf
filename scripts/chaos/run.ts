// `npm run chaos`: the fault run. A few hundred applications through the API (returns and resubmissions, old
// cards, reviews, withdrawals, duplicate submissions, urgent cases) while partners are slow and fail, the worker is
// SIGKILLed again and again, and the Temporal server and the MongoDB-protocol server are each killed and restarted
// once. Then it counts, from MongoDB and the workflows themselves: applications lost or stuck, side effects applied
// twice, records and trails that disagree with the workflow. A measurement script, not a test.
import fs from 'node:fs';
import path from 'node:path';
import { renderTable } from '../../cli/ui/table';
import { LiveBlock, bar } from '../../cli/ui/progress';
import { openSscard } from '../../client/connect';
import { DEMO_UNITS } from '../demo/run';
import { DEMO_COUNTER, turnOnLanes } from '../demo/lanes';
import { personKey } from '../../crypto/person-key';
import { DEFAULT_FEE_POLICIES, type FeePolicyInput } from '../../domain/fees';
import { createSimulators } from '../../integrations/simulators';
import { syntheticPeople } from '../../integrations/simulators/people';
import { TEMPORAL_CLI } from '../tools/catalog';
import { describe, ensureTool } from '../tools/ensure';
import { startDocumentStore } from '../stack/document-store';
import { scriptOptions, wholeNumber } from '../options';
import { removeLocalData } from '../stack/postgres-home';
import { freePort, portAnswers, startService, type RunningService } from '../stack/process';
import { localSecrets } from '../stack/secrets';
import { startTemporalDev } from '../stack/servers';
import { localTokens } from '../stack/tokens';
import { answerTimes, chaosApi } from './http';
import { drive, type Lanes, type Outcome, SCENARIOS } from './scenarios';
import { verify } from './verify';

const HELP = `usage: npm run chaos [-- options]

Runs applications through a fresh local stack (data under .data/chaos) while it breaks things, then counts what
broke: lost or stuck applications, side effects applied twice, records that disagree with their workflow.

options:
  --applications N   applications submitted, spread over the first minute [240]
  --kills N          times the worker is SIGKILLed (and restarted) [12]
  --help             this text`;

const options = scriptOptions(HELP, {
  applications: { type: 'string', default: '240' },
  kills: { type: 'string', default: '12' },
});
const N = wholeNumber('applications', options.applications, 10);
const KILLS = wholeNumber('kills', options.kills, 0);

/** The second demo unit's region (Ningbo) charges ¥15 for a first card during the run: the fee scenarios apply there. */
const FEE_UNIT = DEMO_UNITS[1]!;
const CHAOS_FEES: FeePolicyInput = {
  id: 'chaos-ningbo-fees',
  region: FEE_UNIT.region,
  effectiveFrom: '2020-01-01',
  fees: { ...DEFAULT_FEE_POLICIES[0]!.fees, first_card: 1500 },
};

const root = path.resolve(__dirname, '../..');
const dataDir = path.join(root, '.data', 'chaos');
const logDir = path.join(dataDir, 'logs');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

async function main(): Promise<void> {
  removeLocalData(dataDir);
  fs.mkdirSync(logDir, { recursive: true });
  const stack: Record<string, RunningService> = {};
  const stopAll = async () => {
    for (const name of ['api', 'worker', 'temporal', 'ferretdb', 'postgres']) await stack[name]?.stop();
  };
  process.on('SIGINT', () => void stopAll().then(() => process.exit(130)));

  // Servers, on ports kept for their restarts.
  const cli = ensureTool(TEMPORAL_CLI);
  console.log(describe(cli));
  const [temporalPort, uiPort, mongoPort, apiPort] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
    freePort(),
  ]);
  const startTemporal = () =>
    startTemporalDev({
      executable: cli.path,
      port: temporalPort,
      uiPort,
      dbFile: path.join(dataDir, 'temporal.db'),
      logFile: path.join(logDir, 'temporal.log'),
    });
  stack.temporal = await startTemporal();
  const documents = await startDocumentStore({ dataDir, logDir, port: mongoPort, store: 'postgresql' });
  stack.postgres = documents.services[0]!;
  stack.ferretdb = documents.services.at(-1)!;
  const ferretArgs = fs
    .readFileSync(`/proc/${stack.ferretdb.pid}/cmdline`, 'utf8')
    .split('\0')
    .filter(Boolean);

  const tokens = localTokens(dataDir);
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const env = {
    ...process.env,
    ...localSecrets(dataDir),
    SSCARD_API_SEED_KEYS: tokens.file,
    TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
    MONGODB_URI: documents.uri,
    SSCARD_API_PORT: String(apiPort),
    SSCARD_API_URL: apiUrl,
    // Partners that are slow, sometimes down, and print badly now and then.
    SSCARD_SIM_LATENCY_MS: '300',
    // No metrics port: it would collide with a local stack's worker.
    SSCARD_WORKER_METRICS: 'off',
    SSCARD_SIM_FAILURE_RATE: '0.1',
    SSCARD_SIM_PRINT_MS: '2000',
    SSCARD_SIM_PRINT_FAILURE_RATE: '0.1',
    SSCARD_SIM_COURIER_STEP_MS: '1000',
    SSCARD_SIM_PAYMENT_MS: '1000',
  };
  const node = (name: string, script: string, ready: string) => {
    const logFile = path.join(logDir, `${name}.log`);
    // The log is appended to across restarts: a restarted process is ready when it wrote a new ready line.
    const readyLines = () =>
      fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split(ready).length - 1 : 0;
    const before = readyLines();
    return startService({
      name,
      command: process.execPath,
      args: ['--require', 'tsx/cjs', path.join(root, script)],
      env,
      cwd: root,
      logFile,
      ready: () => Promise.resolve(readyLines() > before),
      readyTimeoutMs: 120_000,
    });
  };
  const startWorker = () => node('worker', 'workers/main.ts', 'sscard worker ready');
  stack.worker = await startWorker();
  stack.api = await node('api', 'api/main.ts', 'sscard api ready');

  const system = await openSscard(env);
  const partnersDb = system.mongo.db(system.config.SSCARD_PARTNERS_DB);
  try {
    const unit = DEMO_UNITS[0]!;
    for (const u of DEMO_UNITS) await system.stores.units.upsert(u);
    const people = syntheticPeople(N, 20261202);
    const sims = createSimulators(partnersDb);
    await sims.registerPeople(people);
    // Both newer lanes run here as the demo runs them: a counter with a printer, an online desk.
    await turnOnLanes(system.stores);
    // The fee scenarios' unit is in a region that charges for a first card.
    await system.stores.feePolicies.upsert(CHAOS_FEES);
    for (const person of people) await sims.photoSource.sharePhotoOf(person.residentId);
    const messages = partnersDb.collection<{ to: string; template: string; params: { code?: string } }>(
      'notifier_messages',
    );
    const token = (id: string) => tokens.keys.find((k) => k.actor.id === id)!.token;
    const feeClerk = tokens.keys.find((k) => k.actor.unitId === FEE_UNIT._id)!.actor.id;
    const lanes: Lanes = {
      counterId: DEMO_COUNTER._id,
      feeUnit: { unitId: FEE_UNIT._id, clerk: chaosApi(apiUrl, token(feeClerk)) },
      codeSentTo: async (phone, template) =>
        (await messages.find({ to: phone, template }).sort({ sentAt: -1 }).limit(1).next())?.params.code,
    };
    const actors = {
      clerk: chaosApi(apiUrl, token('demo-clerk-1')),
      operator: chaosApi(apiUrl, token('demo-operator')),
      supervisor: chaosApi(apiUrl, token('demo-supervisor')),
    };
    const scenarioOf = (i: number) => SCENARIOS[i % SCENARIOS.length]!;
    // People the population database records as deceased: an operator rejects their applications.
    await sims.registerPeople(
      people
        .filter((_, i) => scenarioOf(i) === 'deceased')
        .map((p) => ({ ...p, status: 'deceased' as const })),
    );
    // People with an old card, issued before sscard: it must be cancelled before the new one is printed.
    for (const [i, person] of people.entries()) {
      if (scenarioOf(i) !== 'old_card') continue;
      await system.stores.cards.add({
        _id: `COLD-${i}`,
        personKey: personKey(person.residentId, system.config.keyring.personKeySecret),
        status: 'issued',
        cardNumber: 'A00000000',
        at: new Date(),
      });
    }

    // The storm: kills spread over the submissions and the work after them.
    const faults: string[] = [];
    let calm = false;
    const storm = (async () => {
      const span = 120_000;
      const plan = [
        ...Array.from({ length: KILLS }, (_, i) => ({
          at: 5000 + (i * span) / Math.max(1, KILLS),
          what: 'worker',
        })),
        { at: span * 0.35, what: 'temporal' },
        { at: span * 0.65, what: 'ferretdb' },
      ].sort((a, b) => a.at - b.at);
      const started = Date.now();
      for (const fault of plan) {
        await sleep(Math.max(0, started + fault.at + Math.random() * 3000 - Date.now()));
        if (calm) break;
        if (fault.what === 'worker') {
          process.kill(stack.worker!.pid, 'SIGKILL');
          await sleep(500 + Math.random() * 2500);
          stack.worker = await startWorker();
        } else if (fault.what === 'temporal') {
          process.kill(stack.temporal!.pid, 'SIGKILL');
          await sleep(3000);
          stack.temporal = await startTemporal();
        } else {
          process.kill(stack.ferretdb!.pid, 'SIGKILL');
          await sleep(3000);
          while (await portAnswers(mongoPort)) await sleep(200);
          stack.ferretdb = await startService({
            name: 'ferretdb',
            command: ferretArgs[0]!,
            args: ferretArgs.slice(1),
            logFile: path.join(logDir, 'ferretdb.log'),
            ready: () => portAnswers(mongoPort),
          });
        }
        faults.push(fault.what);
        log(`killed and restarted ${fault.what} (${faults.length} faults so far)`);
      }
    })();

    // The applications, submitted over the first minute.
    const live = new LiveBlock();
    let finished = 0;
    const drivers = people.map(async (person, i) => {
      await sleep((i / N) * 60_000);
      const outcome = await drive(scenarioOf(i), person, unit._id, actors, lanes).catch(
        (error: unknown): Outcome => ({
          scenario: scenarioOf(i),
          surprises: [`driver failed: ${error instanceof Error ? error.message : String(error)}`],
        }),
      );
      finished += 1;
      return outcome;
    });
    const progress = setInterval(
      () =>
        live.render(`applications at rest ${bar(finished, N)} ${finished} of ${N} · faults ${faults.length}`),
      1000,
    );
    const outcomes = await Promise.all(drivers);
    clearInterval(progress);
    calm = true;
    await storm;
    log(`all drivers done; ${faults.length} faults injected; letting the system settle`);
    await sleep(15_000);

    const ids = outcomes.flatMap((o) => (o.applicationId ? [o.applicationId] : []));
    const findings = await verify(system, partnersDb, ids);
    const surprises = outcomes.flatMap((o) => o.surprises);
    const count = (what: string) => faults.filter((f) => f === what).length;
    console.log(
      `\n${renderTable(
        ['fault run', 'result'],
        [
          ['applications submitted', String(N)],
          ['accepted (one per person in flight)', String(ids.length)],
          [
            'scenarios',
            SCENARIOS.filter((s, i, all) => all.indexOf(s) === i)
              .map((s) => `${s} ${outcomes.filter((o) => o.scenario === s).length}`)
              .join(' · '),
          ],
          ['worker SIGKILLed and restarted', String(count('worker'))],
          ['Temporal server killed and restarted', String(count('temporal'))],
          ['FerretDB killed and restarted', String(count('ferretdb'))],
          ['lost or stuck', `${findings.lost.length + findings.stuck.length}`],
          ['side effects applied twice', String(findings.twice.length)],
          ['records or trails diverging from the workflow', String(findings.diverging.length)],
          ['withdrawals left half undone', String(findings.halfUndone.length)],
          [
            'fees (payment provider’s books)',
            `${findings.fees.charges} charged · ${findings.fees.paid} paid · ${findings.fees.refunded} refunded · ` +
              `${findings.fees.chargedTwice} charged twice · ${findings.fees.refundsMissing} refunds missing`,
          ],
          [
            'step times that differ on replay (same steps)',
            findings.timeSkews.length === 0
              ? '0'
              : `${findings.timeSkews.length} steps, at most ${(Math.max(...findings.timeSkews.map((t) => t.ms)) / 1000).toFixed(1)} s apart`,
          ],
          ['unexpected answers to the drivers', String(surprises.length)],
          ['answers (requests sent)', String(answerTimes.length)],
          ['slowest answer', slowest()],
          ['answers after more than 15 s', String(answerTimes.filter((a) => a.ms > 15_000).length)],
        ],
      )}`,
    );
    const details = [
      ...findings.lost,
      ...findings.stuck,
      ...findings.twice,
      ...findings.diverging,
      ...findings.halfUndone,
      ...surprises,
    ];
    fs.writeFileSync(path.join(dataDir, 'findings.txt'), details.join('\n'));
    if (details.length > 0) {
      console.log(
        `\n${details.slice(0, 20).join('\n')}\n(all ${details.length} in .data/chaos/findings.txt)`,
      );
    }
    const bad =
      findings.lost.length +
      findings.stuck.length +
      findings.twice.length +
      findings.diverging.length +
      findings.halfUndone.length;
    process.exitCode = bad === 0 ? 0 : 1;
  } finally {
    await system.close();
    await stopAll();
  }
}

function slowest(): string {
  const worst = answerTimes.reduce((a, b) => (b.ms > a.ms ? b : a), { ms: 0, request: '-' });
  return `${(worst.ms / 1000).toFixed(1)} s (${worst.request})`;
}

main().catch((error: unknown) => {
  console.error(
    `chaos run failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  process.exit(1);
});
