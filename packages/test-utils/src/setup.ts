import { afterAll } from "vitest";
import { closeAllSecondaryStorage } from "./secondary-storage";
import { leakedSecrets, recordSaid } from "./secret-sink";
import { closeAllTestStorage } from "./storage";

// Console output goes to the secret sink too (Better Auth logs some errors outside its logger).
for (const method of ["log", "info", "warn", "error", "debug"] as const) {
  const original = console[method].bind(console);
  console[method] = (...args: unknown[]) => {
    recordSaid(`console.${method}`, args.map((arg) => (typeof arg === "string" ? arg : safeJson(arg))).join(" "));
    original(...args);
  };
}

afterAll(async () => {
  // Every database, schema and Redis prefix a test file opened is dropped when the file ends.
  await closeAllTestStorage();
  await closeAllSecondaryStorage();
  const leaks = leakedSecrets();
  if (leaks.length > 0) throw new Error(`secret material was logged or returned in an error:\n${leaks.join("\n")}`);
});

function safeJson(value: unknown) {
  try {
    return value instanceof Error ? `${value.name}: ${value.message}\n${value.stack ?? ""}` : JSON.stringify(value);
  } catch {
    return String(value);
  }
}
