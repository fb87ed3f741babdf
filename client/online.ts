// Applying online through the client library (domain/online.ts): a one-time code to the phone the population
// registry holds proves who applies, the agency's ID-card photo is used where it is shared (else the JPEG sent with
// the application, checked against the spec and reviewed by an operator), the delivery address is sealed on the
// application, and the application is filed under the region's online desk. Like "where is my card?", the code
// request says the same whoever asks.
import { ONLINE_CHANNEL } from '../domain/actors';
import { shanghaiDate } from '../domain/calendar/shanghai-time';
import { selectPolicy } from '../domain/deadline-policy';
import { SscardError } from '../domain/errors';
import { onlineApplicationSchema, onlineCodeRequestSchema } from '../domain/online';
import { seal } from '../crypto/aead';
import { personKey } from '../crypto/person-key';
import type { PhotoSource, PopulationRegistry } from '../integrations/ports';
import type { OnlinePort } from '../store/ports/client';
import type { ClientDeps, createApplicationClient } from './applications';
import { parseOrThrow } from './errors';
import type { createPhotoClient } from './photos';
import { type CodeReceipt, codeReceipt, oneTimeCodes } from './one-time-codes';

/** The parties a person's own application is checked with while they wait. */
export interface IdentityParties {
  population: PopulationRegistry;
  photoSource: PhotoSource;
}

const RECEIPT = codeReceipt(
  'If the population registry holds a mobile number for this resident ID number',
  'that number',
);

/** How the person's data and photo came to the application: the answer they keep as their receipt. */
export interface OnlineReceipt {
  applicationId: string;
  /** `agency`: the ID-card photo shared by public security; `uploaded`: theirs, which an operator reviews first. */
  photo: 'agency' | 'uploaded';
}

export function createOnlineClient(
  deps: ClientDeps<OnlinePort>,
  applications: ReturnType<typeof createApplicationClient>,
  photos: ReturnType<typeof createPhotoClient>,
) {
  const { stores, keyring, notifier, identity } = deps;
  const codes = oneTimeCodes('online', {
    codes: stores.tracking,
    ...(notifier ? { notifier } : {}),
    secret: keyring.personKeySecret,
  });
  const personOf = (residentId: string) => personKey(residentId, keyring.personKeySecret);

  function parties(): IdentityParties & { notifier: NonNullable<typeof notifier> } {
    if (!identity || !notifier)
      throw new SscardError(
        'SERVICE_UNAVAILABLE',
        'online applications need the population registry and SMS',
      );
    return { ...identity, notifier };
  }

  /** A person's registry record, when they may apply online: alive, with a mobile number on record. */
  async function registered(residentId: string) {
    const person = await parties()
      .population.lookup(residentId)
      .catch(() => {
        throw new SscardError('SERVICE_UNAVAILABLE', 'the population registry did not answer');
      });
    return person?.status === 'alive' && person.phone ? { ...person, phone: person.phone } : undefined;
  }

  return {
    /** Sends a one-time code to the phone the population registry holds for the number, if it holds one. */
    async requestCode(body: unknown): Promise<CodeReceipt> {
      const { residentId } = parseOrThrow(onlineCodeRequestSchema, body);
      const person = await registered(residentId);
      if (!person) return RECEIPT;
      await codes.send(personOf(residentId), person.phone);
      return RECEIPT;
    },

    /**
     * The person's own application, for the code sent to their phone. Everything is checked before anything is
     * written: the code (once), the region's online policy, the person's age, the photo.
     */
    async apply(body: unknown): Promise<OnlineReceipt> {
      const input = parseOrThrow(onlineApplicationSchema, body);
      const key = personOf(input.residentId);
      const submittedAt = new Date();
      let policy;
      try {
        policy = selectPolicy(await stores.policies.all(), {
          region: input.address.region,
          mode: 'online',
          on: shanghaiDate(submittedAt),
        });
      } catch {
        throw new SscardError(
          'ONLINE_NOT_OFFERED',
          `no online policy applies to region ${input.address.region}`,
        );
      }
      const desk = policy.online!;
      // A child's card is applied for by their guardian, at a counter: refused before the code is used up.
      await applications.checkGuardian({ residentId: input.residentId }, input.address.region, submittedAt);
      // The parties are asked before the code is checked, and the code is taken only once the application is filed:
      // a refusal or an outage on the way (the parties, the photo sent, the store, Temporal) leaves the person their
      // code to try again with (the fault run found second tries refused). Their answers are read after the code.
      const [person, agency] = await Promise.all([
        registered(input.residentId),
        // An outage is not "no photo": the person is asked to try again, not to send one.
        parties()
          .photoSource.idCardPhoto({
            requestKey: `${key}:${submittedAt.getTime()}`,
            residentId: input.residentId,
          })
          .catch(() => {
            throw new SscardError('SERVICE_UNAVAILABLE', 'the ID-card photo service did not answer');
          }),
      ]);
      if (!(await codes.check(key, input.code))) throw new SscardError('ONLINE_CODE_INVALID');
      if (!person) throw new SscardError('ONLINE_CODE_INVALID');
      if (!agency && !input.photoJpegBase64) throw new SscardError('PHOTO_REQUIRED');
      const photoId =
        agency?.photoRef ??
        (
          await photos.keep(
            {
              unitId: desk.unitId,
              residentId: input.residentId,
              jpegBase64: input.photoJpegBase64!,
              region: input.address.region,
            },
            ONLINE_CHANNEL,
          )
        ).photoId;
      const { keyId, sealed } = seal(keyring, Buffer.from(JSON.stringify(input.address), 'utf8'));
      const { applicationId } = await applications.file({
        unitId: desk.unitId,
        region: input.address.region,
        mode: 'online',
        applicant: { residentId: person.residentId, name: person.name, phone: person.phone, photoId },
        submittedBy: ONLINE_CHANNEL,
        submittedAt,
        delivery: { keyId, sealed: sealed.toString('base64') },
      });
      // A failure to take the code does not fail the answer: left in force, the code lapses within minutes, and it
      // cannot file a second application while this one is in flight (one per person).
      await codes.use(key, input.code).catch(() => false);
      return { applicationId, photo: agency ? 'agency' : 'uploaded' };
    },
  };
}
export type OnlineClient = ReturnType<typeof createOnlineClient>;
