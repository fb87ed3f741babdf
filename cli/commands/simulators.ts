// The simulated partners of the local stack: a new user can add their own people to the simulated population
// registry and then apply for them (an invented applicant is otherwise UNKNOWN_PERSON). This command writes to the
// simulators' database directly: it exists only where the simulators do, and production has the real registry.
import { MongoClient } from 'mongodb';
import { parseResidentId } from '../../domain/resident-id';
import { createSimulators } from '../../integrations/simulators';
import { type Command, UsageError } from '../command';

export const simulatorCommands: Command[] = [
  {
    name: 'sim person',
    args: ['<residentId>', '<name>'],
    summary: 'Add a person to the simulated population registry (local stack only).',
    details:
      "The birth date is read from the resident ID number. Writes to the simulators' database:\n" +
      '$MONGODB_URI (default mongodb://127.0.0.1:27017) and $SSCARD_PARTNERS_DB (default sscard_partners).\n' +
      'Example: sscard sim person 11010519491231002X 张三 && sscard --as clerk submit me.json',
    options: {
      deceased: {
        type: 'boolean',
        description: 'record the person as deceased (the bank then reports DECEASED)',
      },
    },
    async run(ctx, parsed) {
      const [rawId, name] = parsed.positionals;
      const checked = parseResidentId(rawId ?? '');
      if (!checked.ok) throw new UsageError(`${checked.code}: ${checked.message}`);
      if (!name || !/^[\p{Script=Han}·A-Za-z ]{1,40}$/u.test(name))
        throw new UsageError('the name: Chinese characters (or Latin letters), at most 40');
      const uri = process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017';
      const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5000 });
      try {
        await client.connect();
        const sims = createSimulators(client.db(process.env.SSCARD_PARTNERS_DB ?? 'sscard_partners'));
        await sims.population.register([
          {
            residentId: checked.value.id,
            name,
            birthDate: checked.value.birthDate,
            status: parsed.values.deceased ? 'deceased' : 'alive',
          },
        ]);
      } catch (error) {
        if (error instanceof UsageError) throw error;
        throw new UsageError(
          `cannot reach the simulators' database at ${uri}: is the local stack running (npm start)?`,
        );
      } finally {
        await client.close();
      }
      ctx.out.data({ residentId: checked.value.id, birthDate: checked.value.birthDate });
      ctx.out.text(
        `added to the simulated population registry: born ${checked.value.birthDate}` +
          `${parsed.values.deceased ? ', deceased' : ''} (apply with: sscard --as clerk submit <file.json>)`,
      );
    },
  },
];
