import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runQuickstart } from "./quickstart";

const file = join(tmpdir(), `better-auth-tokens-quickstart-${process.pid}.db`);
try {
  await runQuickstart(`file:${file}`, (line) => console.log(line));
  console.log("\nDone. The database was a file in your temp folder, removed now.");
} finally {
  rmSync(file, { force: true });
}
