import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh random nonce for one handshake. */
export function newNonce(): Buffer {
  return randomBytes(16);
}

/**
 * The proof that the node at `proverKey` knows the cluster secret, for the verifier's `nonce`:
 * HMAC-SHA256 over the nonce and the prover's claimed address, so a proof is good for one
 * handshake and one identity only.
 */
export function proof(secret: Buffer, nonce: Uint8Array, proverKey: string): Buffer {
  return createHmac('sha256', secret).update('kompics-ws/1 auth\0').update(nonce).update(proverKey).digest();
}

/** Whether `candidate` is the right proof (compared in constant time). */
export function verifyProof(
  secret: Buffer,
  nonce: Uint8Array,
  proverKey: string,
  candidate: unknown,
): boolean {
  if (!(candidate instanceof Uint8Array) || candidate.length !== 32) return false;
  return timingSafeEqual(proof(secret, nonce, proverKey), candidate);
}
