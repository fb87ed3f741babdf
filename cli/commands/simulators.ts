// The simulated partners of the local stack: a new user can add their own people to the simulated population
// registry and then apply for them (an invented applicant is otherwise UNKNOWN_PERSON). This command writes to the
// simulators' database directly: it exists only where the simulators do, and production has the real registry.
import fs from 'node:fs';
import { MongoClient } from 'mongodb';
import { parseResidentId } from '../../domain/resident-id';
import { createSimulators } from '../../integrations/simulators';
import { samplePhoto } from '../../scripts/tools/sample-photo';
import { type Command, str, UsageError } from '../command';
import { t } from '../i18n';

export const simulatorCommands: Command[] = [
  {
    name: 'sim person',
    args: ['<residentId>', '<name>'],
    summary: 'Add a person to the simulated population registry (local stack only).',
    details:
      "The birth date is read from the resident ID number. Writes to the simulators' database:\n" +
      '  $MONGODB_URI (default mongodb://127.0.0.1:27017), $SSCARD_PARTNERS_DB (default sscard_partners)\n' +
      'With --photo, a sample card photo (358×441, no real face) is written to the file, to apply with.\n' +
      'Example:\n' +
      '  sscard sim person 11010519491231002X 张三 --photo me.jpg\n' +
      '  sscard --as clerk submit me.json --photo me.jpg',
    options: {
      deceased: {
        type: 'boolean',
        description: 'record the person as deceased (the bank then reports DECEASED)',
      },
      photo: {
        type: 'string',
        value: 'FILE.jpg',
        description: 'also write a sample photo of the specification there (not over an existing file)',
      },
    },
    async run(ctx, parsed) {
      const [rawId, name] = parsed.positionals;
      const checked = parseResidentId(rawId ?? '');
      if (!checked.ok) throw new UsageError(`${checked.code}: ${checked.message}`);
      if (!name || !/^[\p{Script=Han}·A-Za-z ]{1,40}$/u.test(name))
        throw new UsageError(t('the name: Chinese characters (or Latin letters), at most 40'));
      const photo = str(parsed, 'photo');
      if (photo && fs.existsSync(photo))
        throw new UsageError(t('{file} exists: name a new file for the sample photo', { file: photo }));
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
          t("cannot reach the simulators' database at {uri}: is the local stack running (npm start)?", {
            uri,
          }),
        );
      } finally {
        await client.close();
      }
      if (photo) fs.writeFileSync(photo, await samplePhoto(), { flag: 'wx' });
      ctx.out.data({
        residentId: checked.value.id,
        birthDate: checked.value.birthDate,
        ...(photo ? { photo } : {}),
      });
      ctx.out.text(
        t('added to the simulated population registry: born {day}', { day: checked.value.birthDate }) +
          (parsed.values.deceased ? t(', deceased') : ''),
      );
      if (photo) ctx.out.text(t('sample photo written to {file}', { file: photo }));
      ctx.out.text(
        t('apply with: sscard --as clerk submit <file.json>{photo}', {
          photo: photo ? ` --photo ${photo}` : '',
        }),
      );
    },
  },
];
