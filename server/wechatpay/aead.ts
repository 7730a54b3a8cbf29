// AEAD_AES_256_GCM as WeChat Pay uses it for notification resources and platform certificates
// (PAYSCORE_API.md §5.3): key = the APIv3 key, iv = the nonce's UTF-8 bytes, aad = associated_data,
// the Base64 ciphertext ends with the 16-byte tag. Encryption is here for the sandbox, which plays
// WeChat's part. A 16- or 24-byte key selects AES-128/192, as Go's crypto/aes does (wechatpay-go's
// published vector uses one); real APIv3 keys are 32 bytes (the profile loader insists).
import "server-only";
import { createCipheriv, createDecipheriv } from "node:crypto";

export class AeadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AeadError";
  }
}

function cipherName(key: Buffer): "aes-128-gcm" | "aes-192-gcm" | "aes-256-gcm" {
  if (key.length === 16) return "aes-128-gcm";
  if (key.length === 24) return "aes-192-gcm";
  if (key.length === 32) return "aes-256-gcm";
  throw new AeadError("the APIv3 key has the wrong length");
}

export function decryptAead(apiV3Key: Buffer, nonce: string, associatedData: string, ciphertextBase64: string): string {
  const name = cipherName(apiV3Key);
  const data = Buffer.from(ciphertextBase64, "base64");
  if (data.length <= 16) throw new AeadError("ciphertext too short");
  try {
    const decipher = createDecipheriv(name, apiV3Key, Buffer.from(nonce, "utf8"));
    decipher.setAAD(Buffer.from(associatedData, "utf8"));
    decipher.setAuthTag(data.subarray(data.length - 16));
    return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString("utf8");
  } catch {
    throw new AeadError("the resource does not decrypt with this APIv3 key");
  }
}

export function encryptAead(apiV3Key: Buffer, nonce: string, associatedData: string, plaintext: string): string {
  const cipher = createCipheriv(cipherName(apiV3Key), apiV3Key, Buffer.from(nonce, "utf8"));
  cipher.setAAD(Buffer.from(associatedData, "utf8"));
  const encrypted = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return encrypted.toString("base64");
}
