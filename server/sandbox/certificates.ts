// Platform-certificate mode in the sandbox (PAYSCORE_API.md §5.2, Decision 23). Each identity answers
// in one of two modes: `public_key` (the default: signed with the platform key, Wechatpay-Serial the
// 微信支付公钥 id) or `certificate` (signed with the current platform certificate's key,
// Wechatpay-Serial that certificate's serial), which is how merchants that never moved to the public
// key see WeChat Pay. Only identities in certificate mode may call GET /v3/certificates; its answer
// lists every certificate the sandbox issued, each PEM encrypted with the caller's APIv3 key
// (AEAD_AES_256_GCM, associated_data "certificate"), and is signed like every answer.
//
// The first certificate and the root that signed it come from the key folder
// (server/config/sandbox-certificates.ts), made lazily: only when an identity is put in certificate
// mode, so sandboxes that never use it never pay for the key generation. A rotation issues another
// certificate for a new key pair, by default signed by the same root and put to work at once, so the
// next answer carries a serial the console has not seen; for tests it can also be issued by an
// impostor root (same name, other key), already expired or not yet valid, or only listed
// (`activate: false`: answers keep their signer). Rotations live in memory; reset forgets them.
//
// Control API (see control.ts):
//   GET  /__sandbox/certificates          modes per identity, the certificates (PEM) and the signer
//   POST /__sandbox/certificates          {identities: {"demo-merchant": "certificate", …}}
//   POST /__sandbox/certificates/rotate   {issuer?: "sandbox_root" | "impostor_root",
//                                          validity?: "current" | "expired" | "not_yet_valid",
//                                          activate?: boolean} → 201 {certificate}
//   POST /__sandbox/certificates/activate {serial_no}: sign with a certificate issued before
import "server-only";
import { randomBytes, type KeyObject } from "node:crypto";
import { z } from "zod";
import type { SandboxKeys } from "@/server/config/sandbox-keys";
import type { CertificateAuthority, IssuedCertificate, SandboxPki } from "@/server/config/sandbox-certificates";
import { encryptAead } from "@/server/wechatpay/aead";
import { loadPrivateKey } from "@/server/wechatpay/crypto";
import { newPrivateKeyPem } from "@/server/config/sandbox-keys";
import { beijingRfc3339 } from "@/server/sandbox/notifier";
import { errorAnswer } from "@/server/sandbox/operations";
import { SANDBOX_IDENTITIES, SANDBOX_PLATFORM_PUBLIC_KEY_ID, type SandboxIdentity } from "@/server/sandbox/world";
import type { ApiAnswer } from "@/server/sandbox/types";

export type SigningMode = "public_key" | "certificate";

/** What signs an answer or a notification, and the Wechatpay-Serial that names it. */
export interface AnswerSigner {
  serial: string;
  privateKey: KeyObject;
}

interface SandboxCertificate extends IssuedCertificate {
  issuer: "sandbox_root" | "impostor_root";
}

export const ZSigningModesInput = z.strictObject({
  identities: z.record(z.string().min(1).max(64), z.enum(["public_key", "certificate"])),
});

export const ZRotateInput = z.strictObject({
  issuer: z.enum(["sandbox_root", "impostor_root"]).optional(),
  validity: z.enum(["current", "expired", "not_yet_valid"]).optional(),
  activate: z.boolean().optional(),
});
export type RotateInput = z.infer<typeof ZRotateInput>;

export const ZActivateInput = z.strictObject({ serial_no: z.string().min(1).max(64) });

const DAY_MS = 86_400_000;

export class UnknownIdentityError extends Error {
  override name = "UnknownIdentityError";
}

export class SandboxCertificates {
  private pki: Promise<SandboxPki> | null = null;
  private loaded: SandboxPki | null = null;
  /** Issued by this process, newest last; the first is the key folder's. */
  private issued: SandboxCertificate[] = [];
  /** Signs the answers of identities in certificate mode. */
  private signer: SandboxCertificate | null = null;
  private modes = new Map<string, SigningMode>();

  constructor(
    private readonly keys: SandboxKeys,
    private readonly initialCertificateIdentities: readonly string[],
    private readonly now: () => Date,
  ) {
    for (const id of initialCertificateIdentities) {
      if (!SANDBOX_IDENTITIES.some((identity) => identity.id === id)) throw new UnknownIdentityError(`unknown sandbox identity ${id} (certificate mode)`);
    }
    this.resetModes();
  }

  /** Loads (or makes) the root and the first platform certificate. */
  async ready(): Promise<SandboxPki> {
    if (!this.pki) {
      const loading = (async () => {
        const { ensureSandboxCertificates } = await import("@/server/config/sandbox-certificates");
        const pki = await ensureSandboxCertificates(this.keys, this.now());
        this.loaded = pki;
        this.forgetRotations();
        return pki;
      })();
      // A failure is not kept: the next call tries again.
      loading.catch(() => {
        if (this.pki === loading) this.pki = null;
      });
      this.pki = loading;
    }
    return this.pki;
  }

  /** Whether any identity answers in certificate mode (then `ready()` must have run before answering). */
  get isInUse(): boolean {
    return [...this.modes.values()].includes("certificate");
  }

  modeOf(identity: SandboxIdentity): SigningMode {
    return this.modes.get(identity.id) ?? "public_key";
  }

  /** The signer for an answer to `mchid` (the caller named in Authorization; null or unknown → the public key). */
  signerFor(mchid: string | null): AnswerSigner {
    const identity = mchid === null ? undefined : SANDBOX_IDENTITIES.find((candidate) => candidate.mchid === mchid);
    if (identity && this.modeOf(identity) === "certificate" && this.signer) return { serial: this.signer.serial, privateKey: this.signer.privateKey };
    return { serial: SANDBOX_PLATFORM_PUBLIC_KEY_ID, privateKey: this.keys.platformPrivateKey };
  }

  async setModes(modes: Record<string, SigningMode>): Promise<void> {
    for (const id of Object.keys(modes)) {
      if (!SANDBOX_IDENTITIES.some((identity) => identity.id === id)) throw new UnknownIdentityError(`unknown sandbox identity ${id}`);
    }
    if (Object.values(modes).includes("certificate")) await this.ready();
    for (const [id, mode] of Object.entries(modes)) this.modes.set(id, mode);
  }

  /** Issues another platform certificate for a new key pair and (unless `activate: false`) signs with it from now on. */
  async rotate(input: RotateInput = {}): Promise<SandboxCertificate> {
    const pki = await this.ready();
    const { createImpostorRoot, issueCertificate } = await import("@/server/config/sandbox-certificates");
    const now = this.now();
    const issuerKind = input.issuer ?? "sandbox_root";
    const issuer: CertificateAuthority = issuerKind === "sandbox_root" ? pki.root : await createImpostorRoot(now);
    const validity = input.validity ?? "current";
    const notBefore =
      validity === "expired" ? new Date(now.getTime() - 800 * DAY_MS) : validity === "not_yet_valid" ? new Date(now.getTime() + 30 * DAY_MS) : new Date(now.getTime() - 60_000);
    const notAfter = validity === "expired" ? new Date(now.getTime() - DAY_MS) : undefined;
    const issued = await issueCertificate({ issuer, subjectKey: loadPrivateKey(newPrivateKeyPem()), notBefore, notAfter });
    const certificate: SandboxCertificate = { ...issued, issuer: issuerKind };
    this.issued.push(certificate);
    if (input.activate ?? true) this.signer = certificate;
    return certificate;
  }

  /** Signs with a certificate issued before (listed with `activate: false`); false when there is none. */
  async activate(serial: string): Promise<boolean> {
    await this.ready();
    const found = this.issued.find((certificate) => certificate.serial === serial.toUpperCase());
    if (found) this.signer = found;
    return found !== undefined;
  }

  /** GET /v3/certificates for a verified caller. */
  answerFor(identity: SandboxIdentity): ApiAnswer {
    if (this.modeOf(identity) !== "certificate" || !this.loaded) {
      return errorAnswer(403, "NO_AUTH", `商户号 ${identity.mchid} 使用微信支付公钥验签，没有平台证书`);
    }
    const apiV3Key = this.keys.apiV3Keys.get(identity.mchid);
    if (!apiV3Key) return errorAnswer(500, "SYSTEM_ERROR", "沙箱缺少该商户的 APIv3 密钥");
    const data = [...this.issued].reverse().map((certificate) => {
      const nonce = randomBytes(9).toString("base64url");
      return {
        serial_no: certificate.serial,
        effective_time: beijingRfc3339(certificate.notBefore),
        expire_time: beijingRfc3339(certificate.notAfter),
        encrypt_certificate: {
          algorithm: "AEAD_AES_256_GCM",
          nonce,
          associated_data: "certificate",
          ciphertext: encryptAead(apiV3Key, nonce, "certificate", certificate.pem),
        },
      };
    });
    return { status: 200, body: { data } };
  }

  describe(): unknown {
    return {
      identities: Object.fromEntries(SANDBOX_IDENTITIES.map((identity) => [identity.id, this.modeOf(identity)])),
      signer: this.signer?.serial ?? null,
      rootCertificatePath: this.loaded?.rootCertificatePath ?? null,
      platformCertificatePath: this.loaded?.platformCertificatePath ?? null,
      root: this.loaded?.root.pem ?? null,
      certificates: this.issued.map((certificate) => ({
        serial_no: certificate.serial,
        issuer: certificate.issuer,
        effective_time: beijingRfc3339(certificate.notBefore),
        expire_time: beijingRfc3339(certificate.notAfter),
        signing: certificate === this.signer,
        pem: certificate.pem,
      })),
    };
  }

  /** Back to the start: the initial modes, only the key folder's certificate, which signs again. */
  reset(): void {
    this.resetModes();
    this.forgetRotations();
  }

  private resetModes(): void {
    this.modes = new Map(SANDBOX_IDENTITIES.map((identity) => [identity.id, this.initialCertificateIdentities.includes(identity.id) ? "certificate" : "public_key"]));
  }

  private forgetRotations(): void {
    if (!this.loaded) return;
    const first: SandboxCertificate = { ...this.loaded.platform, issuer: "sandbox_root" };
    this.issued = [first];
    this.signer = first;
  }
}
