// Usage: node build/verify.js <sqlite|postgres>, after the CLI migrated that database.
// Nothing here migrates: a table or column the CLI missed fails the first call that needs it.
const database = process.argv[2];
const { auth } = database === "postgres" ? await import("./auth-postgres.js") : await import("./auth-sqlite.js");

function check(condition: unknown, step: string): asserts condition {
  if (!condition) throw new Error(`${database}: ${step}`);
}

const email = `migrate+${Date.now()}@example.com`;
const { user } = await auth.api.signUpEmail({ body: { email, password: "correct-horse-battery-staple", name: "Migrate" } });

const key = await auth.api.createApiKey({ body: { name: "CI", userId: user.id } });
const viaKey = await auth.api.getSession({ headers: new Headers({ "x-api-key": key.key }) });
check(viaKey?.user.id === user.id, "getSession with the new API key did not return its owner");

const token = await auth.api.createPersonalToken({ body: { name: "CLI", userId: user.id } });
const viaToken = await auth.api.getSession({ headers: new Headers({ authorization: `Bearer ${token.token}` }) });
check(viaToken?.user.id === user.id, "getSession with the new personal token did not return its owner");

console.log(`${database}: a user, a working key and a working personal token`);
process.exit(0); // the pool would keep the process alive
