/** The fields `admin()` adds to a user; absent when it is not installed. */
interface MaybeBannedUser {
  banned?: unknown;
  banExpires?: unknown;
}

/**
 * True while `admin()`'s ban holds: `banned`, with no expiry or one still ahead. Read on every
 * verification, cached or not, so a timed ban lifts on time without a write.
 */
export function isBanned(user: object, now?: number): boolean {
  const { banned, banExpires } = user as MaybeBannedUser;
  if (banned !== true && banned !== 1) return false;
  if (banExpires === null || banExpires === undefined) return true;
  const expires = new Date(banExpires as string | number | Date).getTime();
  // An unreadable expiry is treated as no expiry: fail closed. The clock is read only here, for
  // a timed ban: every request passes through this function.
  return Number.isNaN(expires) || expires > (now ?? Date.now());
}
