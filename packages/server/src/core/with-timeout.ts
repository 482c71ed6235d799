export class TimeoutError extends Error {
  override name = "TimeoutError";
}

/** A stalled dependency must not hold a request forever: past `ms` the promise rejects. */
export function withTimeout<T>(promise: Promise<T>, ms: number, timeout: () => Error = () => new TimeoutError()): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timeout()), ms);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}
