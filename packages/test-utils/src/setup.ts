import { afterAll } from "vitest";
import { closeAllSecondaryStorage } from "./secondary-storage";
import { closeAllTestStorage } from "./storage";

// Every database, schema and Redis prefix a test file opened is dropped when the file ends.
afterAll(async () => {
  await closeAllTestStorage();
  await closeAllSecondaryStorage();
});
