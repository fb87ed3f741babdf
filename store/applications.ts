// Applications as the unit submitted them: the submission (who applies, for which unit, and the applicant's data)
// and each corrected revision, one document apiece. Both are written once, by the API (or the batch staging), and
// never changed: where an application stands is its workflow's record (store/records.ts). Being immutable, both
// are read through a small in-process cache, so the steps of one application read each at most once per worker.
import type { Collection, Db } from 'mongodb';
import type { Actor } from '../domain/actors';
import type { Applicant } from '../domain/applicant';
import type { ApplicationDoc, RevisionDoc } from '../domain/documents/applications';
import { byId, insertOnce, isDuplicateKey } from './mongo';
import type { ApplicationStore } from './ports/applications';

export const revisionId = (applicationId: string, revision: number): string =>
  `${applicationId}:r${String(revision).padStart(3, '0')}`;

/** Entries never go stale (nothing here changes once written); the bound keeps a worker's memory flat. */
const CACHED = 5000;

export function createApplicationStore(db: Db): ApplicationStore {
  const applications: Collection<ApplicationDoc> = db.collection<ApplicationDoc>('applications');
  const revisions: Collection<RevisionDoc> = db.collection<RevisionDoc>('application_revisions');
  const cache = new Map<string, ApplicationDoc | Applicant>();

  function remember<T extends ApplicationDoc | Applicant>(key: string, value: T): T {
    if (cache.size >= CACHED) cache.delete(cache.keys().next().value!);
    cache.set(key, value);
    return value;
  }

  async function get(applicationId: string): Promise<ApplicationDoc | null> {
    const cached = cache.get(applicationId) as ApplicationDoc | undefined;
    if (cached) return cached;
    const doc = await applications.findOne(byId(applicationId));
    return doc && remember(applicationId, doc);
  }

  return {
    get,

    /** Records a new submission; the same ID twice is the same submission. */
    create: (doc: ApplicationDoc) => insertOnce(db, 'applications', doc),

    /** Records a batch's submissions at once; rows already there (a retried staging) are kept as they are. */
    async createMany(docs: ApplicationDoc[]): Promise<void> {
      for (let i = 0; i < docs.length; i += 1000) {
        try {
          await applications.insertMany(docs.slice(i, i + 1000), { ordered: false });
        } catch (error) {
          if (!isDuplicateKey(error)) throw error;
        }
      }
    },

    /** Removes the submissions of a batch that never started. */
    async discardBatch(batchId: string): Promise<void> {
      cache.clear();
      await applications.deleteMany({ batchId });
    },

    /** Removes a submission whose workflow never started, so nothing half-made is left behind. */
    async remove(applicationId: string): Promise<void> {
      cache.delete(applicationId);
      await applications.deleteOne(byId(applicationId));
    },

    /**
     * Stores corrected data as the next revision and returns its number. Each revision is a document of its own
     * (`_id` application and number), so two corrections racing each other get two numbers, on any server.
     */
    async addRevision(
      applicationId: string,
      after: number,
      applicant: Applicant,
      by: Actor,
      note?: string,
    ): Promise<number> {
      for (let revision = after + 1; ; revision++) {
        const inserted = await insertOnce(db, 'application_revisions', {
          _id: revisionId(applicationId, revision),
          applicationId,
          revision,
          applicant,
          submittedAt: new Date(),
          submittedBy: by,
          ...(note ? { note } : {}),
        } satisfies RevisionDoc);
        if (inserted === 'inserted') return revision;
      }
    },

    /** The applicant's data in a revision (1: as submitted), or undefined when there is no such revision. */
    async applicant(applicationId: string, revision: number): Promise<Applicant | undefined> {
      if (revision === 1) return (await get(applicationId))?.applicant;
      const key = revisionId(applicationId, revision);
      const cached = cache.get(key) as Applicant | undefined;
      if (cached) return cached;
      const applicant = (await revisions.findOne(byId(key)))?.applicant;
      return applicant && remember(key, applicant);
    },

    /** Every revision after the first, in order (for the record of what the unit corrected). */
    revisionsOf: (applicationId: string) => revisions.find({ applicationId }).sort({ revision: 1 }).toArray(),

    /** How many submissions a batch staged (test and report use). */
    countForBatch: (batchId: string) => applications.countDocuments({ batchId }),
  };
}
