// API keys: who a bearer token speaks for. Only the SHA-256 of a token is stored, as the _id, so a token is
// found by one _id lookup and a copy of the database does not hand out working tokens.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from 'mongodb';
import type { Actor } from '../domain/actors';
import type { ApiKeyView } from '../domain/api-keys';
import { SscardError } from '../domain/errors';

export interface ApiKeyDoc extends ApiKeyView {
  /** SHA-256 (hex) of the token. */
  _id: string;
}

export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

export const newToken = (): string => `ssk_${randomBytes(32).toString('base64url')}`;

const newKeyId = (): string => `key_${randomBytes(8).toString('hex')}`;

const view = ({ _id: _hash, ...rest }: ApiKeyDoc): ApiKeyView => rest;

export function createApiKeyStore(db: Db) {
  const keys = db.collection<ApiKeyDoc>('api_keys');
  return {
    /** The key a token belongs to, if it exists and is not revoked. */
    async byToken(token: string): Promise<ApiKeyView | null> {
      const doc = await keys.findOne({ _id: hashToken(token) });
      return doc && !doc.revokedAt ? view(doc) : null;
    },

    /** Issues a new key; the token is returned here and never again. */
    async issue(input: { name: string; actor: Actor; createdBy: string; token?: string }) {
      // One account, one principal: its keys would otherwise share what is scoped by account (retried answers).
      const other = await keys.findOne({
        'actor.id': input.actor.id,
        revokedAt: { $exists: false },
        $or: [
          { 'actor.role': { $ne: input.actor.role } },
          { 'actor.unitId': { $ne: input.actor.unitId ?? null } },
        ],
      });
      if (other) throw new SscardError('ACCOUNT_IN_OTHER_UNIT');
      const token = input.token ?? newToken();
      const doc: ApiKeyDoc = {
        _id: hashToken(token),
        keyId: newKeyId(),
        name: input.name,
        actor: input.actor,
        createdAt: new Date(),
        createdBy: input.createdBy,
      };
      await keys.insertOne(doc);
      return { token, key: view(doc) };
    },

    /** Seeds a key with a known token (local stack, demo, tests); seeding the same token again changes nothing. */
    async seed(input: {
      name: string;
      actor: Actor;
      token: string;
      createdBy?: string;
    }): Promise<ApiKeyView> {
      const _id = hashToken(input.token);
      await keys.updateOne(
        { _id },
        {
          $setOnInsert: {
            keyId: newKeyId(),
            name: input.name,
            actor: input.actor,
            createdAt: new Date(),
            createdBy: input.createdBy ?? 'seed',
          },
        },
        { upsert: true },
      );
      return view((await keys.findOne({ _id }))!);
    },

    // Keys are few (one per system and person), so listing and revoking by keyId may scan them.
    list: async (): Promise<ApiKeyView[]> => (await keys.find({}).sort({ createdAt: 1 }).toArray()).map(view),

    async revoke(keyId: string, by: string): Promise<ApiKeyView | null> {
      const doc = await keys.findOne({ keyId });
      if (!doc) return null;
      if (!doc.revokedAt) {
        await keys.updateOne(
          { _id: doc._id, revokedAt: { $exists: false } },
          { $set: { revokedAt: new Date(), revokedBy: by } },
        );
      }
      return view((await keys.findOne({ _id: doc._id }))!);
    },
  };
}
export type ApiKeyStore = ReturnType<typeof createApiKeyStore>;
