import * as z from "zod";

/** Shape only; the naming rule is policy, checked by `normalizeName` with its own error code. */
export const nameSchema = z.string().max(1024);
export const descriptionSchema = z.string().trim().max(512).nullable();
/** Seconds; `null` asks for a credential that never expires. */
export const expiresInSchema = z.number().int().positive().max(100 * 365 * 24 * 3600).nullable();
const identifierSchema = z.string().min(1).max(64).regex(/^[\w:.*-]+$/);
export const permissionsSchema = z.union([
  z.array(identifierSchema).max(64),
  z.record(identifierSchema, z.array(identifierSchema).max(64)),
]);
export const metadataSchema = z.record(z.string().max(64), z.unknown()).nullable();
/** Credential ids are opaque strings from the adapter; bounded so garbage is refused early. */
export const idSchema = z.string().min(1).max(128);
