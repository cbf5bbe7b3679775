import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const aesKeys = new Map<string, Buffer>();

/** The AES-256 key Feishu derives from the Encrypt Key: SHA-256 of its UTF-8 bytes (derived once). */
function aesKey(encryptKey: string): Buffer {
  let key = aesKeys.get(encryptKey);
  if (!key) {
    key = createHash('sha256').update(encryptKey, 'utf8').digest();
    aesKeys.set(encryptKey, key);
  }
  return key;
}

/**
 * Decrypts a `{"encrypt": …}` body: base64 of IV (16 bytes) ‖ AES-256-CBC ciphertext,
 * PKCS#7 padded. Throws on anything that is not a valid ciphertext for this key.
 */
export function decryptEvent(encrypted: string, encryptKey: string): string {
  const buf = Buffer.from(encrypted, 'base64');
  if (buf.length < 32 || buf.length % 16 !== 0) throw new Error('ciphertext has the wrong length');
  const decipher = createDecipheriv('aes-256-cbc', aesKey(encryptKey), buf.subarray(0, 16));
  return Buffer.concat([decipher.update(buf.subarray(16)), decipher.final()]).toString('utf8');
}

/** The inverse of {@link decryptEvent} (tests, the local chat and benchmarks build bodies with it). */
export function encryptEvent(plaintext: string, encryptKey: string, iv: Buffer = randomBytes(16)): string {
  const cipher = createCipheriv('aes-256-cbc', aesKey(encryptKey), iv);
  return Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64');
}

/** `hex(sha256(timestamp + nonce + encryptKey + rawBody))`, over the raw bytes as received. */
export function signBody(timestamp: string, nonce: string, encryptKey: string, rawBody: Uint8Array): string {
  return createHash('sha256')
    .update(Buffer.from(timestamp + nonce + encryptKey, 'utf8'))
    .update(rawBody)
    .digest('hex');
}

/** Checks `X-Lark-Signature` in constant time. */
export function verifySignature(
  headers: { timestamp?: string; nonce?: string; signature?: string },
  encryptKey: string,
  rawBody: Uint8Array,
): boolean {
  if (!headers.timestamp || !headers.nonce || !headers.signature) return false;
  const expected = Buffer.from(signBody(headers.timestamp, headers.nonce, encryptKey, rawBody), 'utf8');
  const got = Buffer.from(headers.signature.toLowerCase(), 'utf8');
  return expected.length === got.length && timingSafeEqual(expected, got);
}
