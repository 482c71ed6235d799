import * as z from "zod";

/** Printable, trimmed, 1–64 characters: names are shown in UIs and logs. */
export const nameSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[^\p{Cc}]+$/u, "no control characters");
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
