// The ID-card photos public security shares (government data sharing), simulated: a photo for most people the
// population registry knows, none for about one in eight (as their hash says), and tests or the demo say otherwise.
import type { Db } from 'mongodb';
import { byId, updateOrInsert } from '../../store/mongo';
import type { AgencyPhoto, PhotoSource } from '../ports';
import { Behaviour } from './behaviour';
import { hex } from './made-cards';

/** What a test or the demo said about one person's photo: shared (taken then), or withheld. */
interface OverrideDoc {
  _id: string;
  withheld: boolean;
  takenOn?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export class PhotoSourceSimulator implements PhotoSource {
  readonly behaviour: Behaviour;
  private readonly people;
  private readonly overrides;

  constructor(db: Db) {
    this.behaviour = new Behaviour('photos');
    this.people = db.collection<{ _id: string }>('population');
    this.overrides = db.collection<OverrideDoc>('photo_source_overrides');
  }

  /** The agency has no photo of this person to share. */
  async withholdPhotoOf(residentId: string): Promise<void> {
    const withheld = { withheld: true };
    await updateOrInsert(this.overrides, residentId, { $set: withheld }, { _id: residentId, ...withheld });
  }

  /** The agency shares this person's photo, taken on `takenOn` (by default as their hash says). */
  async sharePhotoOf(residentId: string, takenOn = takenOnOf(residentId)): Promise<void> {
    const shared = { withheld: false, takenOn };
    await updateOrInsert(this.overrides, residentId, { $set: shared }, { _id: residentId, ...shared });
  }

  async idCardPhoto({ residentId }: { requestKey: string; residentId: string }): Promise<AgencyPhoto | null> {
    await this.behaviour.enter('idCardPhoto');
    const override = await this.overrides.findOne(byId(residentId));
    let photo: AgencyPhoto | null;
    if (!override) photo = await this.found(residentId);
    else photo = override.withheld ? null : photoOf(residentId, override.takenOn ?? takenOnOf(residentId));
    this.behaviour.leave();
    return photo;
  }

  /** A photo for a person the registry knows, unless their hash says the agency has none. */
  private async found(residentId: string): Promise<AgencyPhoto | null> {
    const known = await this.people.findOne(byId(residentId), { projection: { _id: 1 } });
    if (!known || parseInt(hex(`no-photo:${residentId}`, 2), 16) % 8 === 0) return null;
    return photoOf(residentId, takenOnOf(residentId));
  }
}

const photoOf = (residentId: string, takenOn: string): AgencyPhoto => ({
  photoRef: `GA-${hex(`id-card-photo:${residentId}`, 16)}`,
  takenOn,
});

/** One to five years back, as the hash says. */
function takenOnOf(residentId: string): string {
  const daysBack = 365 + (parseInt(hex(`taken-on:${residentId}`, 6), 16) % (4 * 365));
  return new Date(Date.now() - daysBack * DAY_MS).toISOString().slice(0, 10);
}
