import { checkedHashOutput } from "./hashing-probe";

/** A pepper shorter than this is refused: it would be brute-forced before the keys are. */
export const MIN_PEPPER_LENGTH = 32;

/** How credentials are hashed before they touch the database. There is no plaintext option. */
export type HashingOption =
  | "sha256"
  | { algorithm: "hmac-sha256"; pepper: string }
  | { hash: (credential: string) => string | Promise<string> };

/** Synchronous once Node's crypto has loaded: the hot path then awaits nothing for the hash. */
export type HashCredential = (credential: string) => string | Promise<string>;

type NodeCrypto = typeof import("node:crypto");

/**
 * Node's synchronous hashing, where the runtime has it: Web Crypto's digest is asynchronous and
 * about 20× slower per call here, and every request pays for one hash. Loaded lazily so the
 * module still imports on runtimes without `node:crypto`, which fall back to Web Crypto.
 */
function loadNodeCrypto(): Promise<NodeCrypto | null> {
  return import("node:crypto").then(
    (module) => (typeof module.createHash === "function" ? module : null),
    () => null,
  );
}

/**
 * Resolves the `hashing` option once, at plugin construction, so a bad pepper fails at startup
 * rather than on the first request. Both built-in hashes produce unpadded base64url, the
 * encoding upstream's `defaultKeyHasher` stores.
 */
export function resolveHasher(option: HashingOption | undefined, optionName: string): HashCredential {
  if (option !== undefined && option !== "sha256" && "hash" in option) {
    if (typeof option.hash !== "function") {
      throw new TypeError(`"${optionName}.hash" must be a function (credential) => string`);
    }
    const hash = option.hash;
    // Checked on every call too: the startup probe cannot see a hash that breaks later.
    return async (credential) => checkedHashOutput(await hash(credential), credential, `${optionName}.hash`);
  }
  if (option !== undefined && option !== "sha256" && option.algorithm !== "hmac-sha256") {
    throw new TypeError(`"${optionName}" must be "sha256", { algorithm: "hmac-sha256", pepper } or { hash }`);
  }
  const pepper = option === undefined || option === "sha256" ? null : option.pepper;
  // Never defaulted to the auth secret: rotating that secret would lock every key out.
  if (pepper !== null && (typeof pepper !== "string" || pepper.length < MIN_PEPPER_LENGTH)) {
    throw new TypeError(
      `"${optionName}.pepper" is required for "hmac-sha256" and must be at least ${MIN_PEPPER_LENGTH} characters; keep it outside the database (e.g. an environment variable)`,
    );
  }
  const webHash = pepper === null ? webSha256 : webHmac(pepper);
  let node: NodeCrypto | null | undefined;
  const loading = loadNodeCrypto().then((module) => (node = module));
  const nodeHash = (crypto: NodeCrypto, credential: string) =>
    // `crypto.hash` (Node 20.12+) digests in one call, without a Hash object per request.
    pepper === null && typeof crypto.hash === "function"
      ? crypto.hash("sha256", credential, "base64url")
      : (pepper === null ? crypto.createHash("sha256") : crypto.createHmac("sha256", pepper)).update(credential, "utf8").digest("base64url");
  return (credential) => {
    if (node) return nodeHash(node, credential);
    if (node === null) return webHash(credential);
    return loading.then((module) => (module ? nodeHash(module, credential) : webHash(credential)));
  };
}

/** SHA-256 in unpadded base64url, byte for byte what upstream's `defaultKeyHasher` stores. */
async function webSha256(credential: string): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(credential))));
}

function webHmac(pepper: string): HashCredential {
  const key = crypto.subtle.importKey("raw", new TextEncoder().encode(pepper), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  return async (credential) => {
    return toBase64Url(new Uint8Array(await crypto.subtle.sign("HMAC", await key, new TextEncoder().encode(credential))));
  };
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
