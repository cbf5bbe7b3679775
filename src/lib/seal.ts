import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Keeps what identifies an anonymous reporter out of reach of everyone but the bot:
 * `seal` encrypts (AES-256-GCM, a fresh nonce each time), `pseudonym` is a keyed hash
 * (HMAC-SHA256) for lookups and dedupe keys that must not carry the id itself. The key
 * is the bot's alone (`SEAL_KEY`, else derived from the app secret): a copy of the store
 * or the logs does not reveal who filed an anonymous ticket.
 */
export class Sealer {
  private readonly encKey: Buffer;
  private readonly macKey: Buffer;

  constructor(secret: string) {
    const derive = (info: string) => Buffer.from(hkdfSync('sha256', secret, 'student-union-bot', info, 32));
    this.encKey = derive('seal');
    this.macKey = derive('pseudonym');
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encKey, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `s1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
  }

  /** The sealed text, or undefined when it was not sealed with this key (or was altered). */
  unseal(sealed: string): string | undefined {
    if (!sealed.startsWith('s1.')) return undefined;
    try {
      const raw = Buffer.from(sealed.slice(3), 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', this.encKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    } catch {
      return undefined;
    }
  }

  /** A stable, keyed stand-in for an id (24 hex characters). */
  pseudonym(text: string): string {
    return createHmac('sha256', this.macKey).update(text).digest('hex').slice(0, 24);
  }
}

/** The key local mode uses when nothing is configured: fine for trying the bot, said at start. */
export const LOCAL_SEAL_SECRET = 'student-union-bot local mode: set SEAL_KEY in production';
