import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

// One key per purpose, derived from the app secret, so the HMAC key and each cipher key differ.
function key(secretKey: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secretKey, 'portico', purpose, 32));
}

/** AES-256-GCM; the associated data (an owner id) makes a sealed value copied to another row fail to open. */
export function seal(secretKey: string, purpose: string, associatedData: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(secretKey, purpose), iv);
  cipher.setAAD(Buffer.from(associatedData));
  const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [iv, sealed, cipher.getAuthTag()].map((part) => part.toString('base64url')).join('.');
}

export function open(secretKey: string, purpose: string, associatedData: string, sealed: string): string {
  const [iv, body, tag] = sealed.split('.');
  const decipher = createDecipheriv('aes-256-gcm', key(secretKey, purpose), Buffer.from(iv!, 'base64url'));
  decipher.setAAD(Buffer.from(associatedData));
  decipher.setAuthTag(Buffer.from(tag!, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body!, 'base64url')), decipher.final()]).toString('utf8');
}
