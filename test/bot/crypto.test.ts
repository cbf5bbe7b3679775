import { describe, expect, it } from 'vitest';
import { decryptEvent, encryptEvent, signBody, verifySignature } from '../../src/bot/crypto.ts';

describe('event decryption', () => {
  it('decrypts the documented "test key" vector', () => {
    expect(decryptEvent('P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=', 'test key')).toBe('hello world');
  });

  it('decrypts the SDK challenge vector', () => {
    const encrypted =
      'tT1xP+ovuc0T3b/rnZX3ax76exqAn0ANQ6/U45GcciC0mgNBc8JtvqOJGNAPMKpgRs2dVU1NYk9VDeqS8T4SYtU0hzNU54aS84WnxvZ3VFfDcy/RyABlNqlUiGyLDzFI0yxdCMT4KR/YEQXlt6nZi50KwRlZ+A75r645KesZuLMljezYyY8VeeXEVjPw35+e';
    expect(decryptEvent(encrypted, 'mazhe.nerd')).toBe(
      '{"challenge":"5634b122-c042-4634-bc7f-b07a3c3e77ad","token":"iRdCP2WwXNBXRM3mGLqhrgch3cn0gbT6","type":"url_verification"}',
    );
  });

  it('reproduces the documented ciphertext from its IV', () => {
    const iv = Buffer.from('3f7ef0f9564898d80f10ed5106127a46', 'hex');
    expect(encryptEvent('hello world', 'test key', iv)).toBe('P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=');
  });

  it('never yields the plaintext of a ciphertext made with another key', () => {
    // AES-CBC with a wrong key breaks the padding nearly always (about 1 time in 256 it
    // happens to be valid and garbage comes out, which the receiver then refuses as not JSON).
    const outcomes = Array.from({ length: 50 }, () => {
      try {
        return decryptEvent(encryptEvent('{"a":1}', 'other key'), 'test key');
      } catch {
        return undefined;
      }
    });
    expect(outcomes).not.toContain('{"a":1}');
    expect(outcomes.filter((o) => o === undefined).length).toBeGreaterThan(40);
  });

  it('refuses garbage and truncated input', () => {
    expect(() => decryptEvent('not base64 at all!!', 'test key')).toThrow();
    expect(() => decryptEvent('P37w+VZImNgPEO1RBhJ6Rg==', 'test key')).toThrow();
  });
});

describe('request signature', () => {
  const body = Buffer.from('{"encrypt":"P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk="}');

  it('matches the reference vector', () => {
    expect(signBody('1700000000', 'abc', 'test key', body)).toBe(
      '0c09d96c2aef2ad08179b3967ea410bbc91dab24ce3aec05af962cf1935844af',
    );
  });

  it('verifies over the raw bytes, not a re-serialisation', () => {
    // Same JSON value, different bytes: a re-serialising verifier would get this wrong.
    const raw = Buffer.from('{ "encrypt" : "P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=" }\n');
    const signature = signBody('1700000000', 'abc', 'test key', raw);
    expect(verifySignature({ timestamp: '1700000000', nonce: 'abc', signature }, 'test key', raw)).toBe(true);
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(raw.toString())));
    expect(
      verifySignature({ timestamp: '1700000000', nonce: 'abc', signature }, 'test key', reserialised),
    ).toBe(false);
  });

  it('refuses missing headers, another key, another nonce', () => {
    const signature = signBody('1700000000', 'abc', 'test key', body);
    expect(verifySignature({ timestamp: '1700000000', nonce: 'abc' }, 'test key', body)).toBe(false);
    expect(verifySignature({ timestamp: '1700000000', nonce: 'abc', signature }, 'other', body)).toBe(false);
    expect(verifySignature({ timestamp: '1700000000', nonce: 'abd', signature }, 'test key', body)).toBe(
      false,
    );
    expect(
      verifySignature({ timestamp: '1700000000', nonce: 'abc', signature: 'short' }, 'test key', body),
    ).toBe(false);
  });
});
