import { isAPIError } from "better-auth/api";

/** The status of an `auth.api.*` call, or of its APIError: a call given a `request` answers with a Response. */
export async function statusOf(call: Promise<unknown> | undefined) {
  try {
    const result = await call;
    return result instanceof Response ? result.status : 200;
  } catch (error) {
    if (!isAPIError(error)) throw error;
    return error.statusCode;
  }
}
