/**
 * A passkey authenticator in software, for tests: it answers a server's WebAuthn options with what a
 * platform authenticator and the browser (or native passkey API) around it would send, so a real
 * `@better-auth/passkey` verifies real signatures. One ES256 (P-256) credential, attestation "none".
 *
 * It does what the WebAuthn spec (Level 2) asks of the client data and authenticator data, and no
 * more: no extensions, no attestation statement, no user presence prompt.
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import { encodeCBOR, type CBORType } from "@levischuck/tiny-cbor";

/** The fields of PublicKeyCredentialCreationOptionsJSON the authenticator reads. */
export interface RegistrationOptions {
  challenge: string;
  rp: { id?: string; name: string };
  user: { id: string; name: string };
}

/** The fields of PublicKeyCredentialRequestOptionsJSON the authenticator reads. */
export interface AuthenticationOptions {
  challenge: string;
  rpId?: string;
  allowCredentials?: { id: string }[];
}

// Authenticator data flags (WebAuthn §6.1): user present, user verified, attested credential data.
const USER_PRESENT = 0x01;
const USER_VERIFIED = 0x04;
const ATTESTED_CREDENTIAL_DATA = 0x40;
// COSE (RFC 9053): key type EC2, algorithm ES256, curve P-256.
const COSE_KTY_EC2 = 2;
const COSE_ALG_ES256 = -7;
const COSE_CRV_P256 = 1;
/** Attestation "none" may report a zero AAGUID, as privacy-preserving platforms do. */
const ZERO_AAGUID = new Uint8Array(16);

/**
 * @param origin What the client puts in clientDataJSON: the web origin of the relying party (an
 *   iOS app tied to that domain reports the same). Its host is the rp id when options name none.
 */
export function createSoftwareAuthenticator(origin: string) {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const credentialId = randomBytes(32);
  let registered: { rpId: string; userHandle: string } | undefined;
  let signCount = 0;

  return {
    credentialId: credentialId.toString("base64url"),

    /** navigator.credentials.create(): a RegistrationResponseJSON for these options. */
    register(options: RegistrationOptions) {
      const rpId = options.rp.id ?? new URL(origin).hostname;
      registered = { rpId, userHandle: options.user.id };
      const clientDataJSON = clientData("webauthn.create", options.challenge, origin);
      const attestedCredential = concat(
        ZERO_AAGUID,
        uint16(credentialId.length),
        credentialId,
        encodeCBOR(coseKeyOf(publicKey)),
      );
      const authenticatorData = concat(
        authenticatorDataHeader(rpId, USER_PRESENT | USER_VERIFIED | ATTESTED_CREDENTIAL_DATA, signCount),
        attestedCredential,
      );
      const attestationObject = encodeCBOR(
        new Map<string, CBORType>([
          ["fmt", "none"],
          ["attStmt", new Map()],
          ["authData", authenticatorData],
        ]),
      );
      return {
        ...credentialFields(credentialId),
        response: {
          clientDataJSON: base64url(clientDataJSON),
          attestationObject: base64url(attestationObject),
          transports: ["internal"],
        },
      };
    },

    /** navigator.credentials.get(): an AuthenticationResponseJSON, signed with the credential's key. */
    authenticate(options: AuthenticationOptions) {
      if (!registered) throw new Error("software authenticator: no credential registered yet");
      const rpId = options.rpId ?? new URL(origin).hostname;
      if (rpId !== registered.rpId) throw new Error(`software authenticator: no credential for ${rpId}`);
      const allowed = options.allowCredentials ?? [];
      if (allowed.length > 0 && !allowed.some(({ id }) => id === base64url(credentialId))) {
        throw new Error("software authenticator: the server allows other credentials only");
      }
      signCount += 1;
      const clientDataJSON = clientData("webauthn.get", options.challenge, origin);
      const authenticatorData = authenticatorDataHeader(rpId, USER_PRESENT | USER_VERIFIED, signCount);
      const signature = signAssertion(privateKey, authenticatorData, clientDataJSON);
      return {
        ...credentialFields(credentialId),
        response: {
          clientDataJSON: base64url(clientDataJSON),
          authenticatorData: base64url(authenticatorData),
          signature: base64url(signature),
          userHandle: registered.userHandle,
        },
      };
    },
  };
}

/** The same signature with its last byte changed: still well-formed DER, no longer valid. */
export function tamperWithSignature(signature: string) {
  const bytes = Buffer.from(signature, "base64url");
  bytes[bytes.length - 1]! ^= 0x01;
  return bytes.toString("base64url");
}

function credentialFields(credentialId: Buffer) {
  return {
    id: base64url(credentialId),
    rawId: base64url(credentialId),
    type: "public-key" as const,
    authenticatorAttachment: "platform" as const,
    clientExtensionResults: {},
  };
}

/** CollectedClientData (§5.8.1), serialized as browsers do. */
function clientData(type: "webauthn.create" | "webauthn.get", challenge: string, origin: string) {
  return new TextEncoder().encode(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
}

/** rpIdHash (32) || flags (1) || signCount (4, big-endian): the part every authenticator data starts with. */
function authenticatorDataHeader(rpId: string, flags: number, count: number) {
  const counter = new Uint8Array(4);
  new DataView(counter.buffer).setUint32(0, count);
  return concat(sha256(new TextEncoder().encode(rpId)), Uint8Array.of(flags), counter);
}

/** The public key as a COSE_Key map with integer labels (RFC 9053 §7.1.1). */
function coseKeyOf(publicKey: KeyObject) {
  const jwk = publicKey.export({ format: "jwk" });
  return new Map<number, CBORType>([
    [1, COSE_KTY_EC2],
    [3, COSE_ALG_ES256],
    [-1, COSE_CRV_P256],
    [-2, new Uint8Array(Buffer.from(jwk.x!, "base64url"))],
    [-3, new Uint8Array(Buffer.from(jwk.y!, "base64url"))],
  ]);
}

/** ES256 over authenticatorData || SHA-256(clientDataJSON) (§6.3.3); node:crypto signs EC keys in DER. */
function signAssertion(privateKey: KeyObject, authenticatorData: Uint8Array, clientDataJSON: Uint8Array) {
  return sign("sha256", concat(authenticatorData, sha256(clientDataJSON)), privateKey);
}

function sha256(data: Uint8Array) {
  return new Uint8Array(createHash("sha256").update(data).digest());
}

function uint16(value: number) {
  return Uint8Array.of(value >> 8, value & 0xff);
}

function concat(...parts: Uint8Array[]) {
  return new Uint8Array(Buffer.concat(parts));
}

function base64url(bytes: Uint8Array) {
  return Buffer.from(bytes).toString("base64url");
}
