// The README's story, run against the installed tarballs: sign up, create an API key, let
// getSession accept it, create a personal token, let getSession accept that too.
import { auth } from "./auth.js";
import { authClient } from "./auth-client.js";

function check(condition: unknown, step: string): asserts condition {
  if (!condition) throw new Error(`README flow failed: ${step}`);
}

const email = `smoke+${Date.now()}@example.com`;
const password = "correct-horse-battery-staple";

const signUp = await authClient.signUp.email({ email, password, name: "Smoke" });
check(!signUp.error, `sign up answered ${signUp.error?.status} ${signUp.error?.code}`);

// Node has no cookie jar: sign in for a session token and send it, as a CLI would.
const login = await authClient.bearer.login({ email, password });
check(login.data, `log in answered ${login.error?.status} ${login.error?.code}`);
const signedIn = { headers: { authorization: `Bearer ${login.data.token}` } };

const { data, error } = await authClient.apiKey.create({ name: "CI" }, signedIn); // data.key is shown this once
check(data, `apiKey.create answered ${error?.status} ${error?.code}`);
check(data.key.startsWith("ba_"), `the key ${data.key.slice(0, 3)}… does not start with the prefix ba_`);

const viaHeader = await auth.api.getSession({ headers: new Headers({ "x-api-key": data.key }) });
check(viaHeader?.user.email === email, "getSession with X-API-Key did not return the key's owner");
const viaBearer = await auth.api.getSession({ headers: new Headers({ authorization: `Bearer ${data.key}` }) });
check(viaBearer?.user.email === email, "getSession with Authorization: Bearer <API key> did not return the key's owner");

const personal = await authClient.bearer.createToken({ name: "CLI" }, signedIn);
check(personal.data, `bearer.createToken answered ${personal.error?.status} ${personal.error?.code}`);
check(personal.data.token.startsWith("bat_"), "the personal token does not start with the prefix bat_");
const viaToken = await auth.api.getSession({ headers: new Headers({ authorization: `Bearer ${personal.data.token}` }) });
check(viaToken?.user.email === email, "getSession with the personal token did not return its owner");

const wrong = await auth.api.getSession({ headers: new Headers({ "x-api-key": "ba_not-a-key" }) }).catch(() => null);
check(!wrong, "getSession accepted a made-up key");

console.log("README flow ok");
