// What the activities need to hand out signed links (crypto/sealed-token.ts): the secret that seals them and the
// address people and partners open them at.
export interface SignedLinks {
  secret: Buffer;
  /** The API as people and partners reach it (SSCARD_PUBLIC_URL). */
  publicUrl: string;
}

export const linkBase = (links: SignedLinks): string => links.publicUrl.replace(/\/+$/, '');
