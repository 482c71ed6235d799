#!/usr/bin/env node
// Who does this token belong to? A CI job or terminal calls the example app's API with an API key
// or personal token from API_TOKEN and prints the answer, or a clear error and a non-zero exit.
//
//   API_TOKEN=ba_… node examples/cli/whoami.mjs
//   API_URL=https://example.com API_TOKEN=bat_… node examples/cli/whoami.mjs

const token = process.env.API_TOKEN;
const baseUrl = process.env.API_URL ?? "http://localhost:3000";

if (!token) {
  console.error("API_TOKEN is not set. Create an API key or personal token in the app, then: API_TOKEN=<token> node whoami.mjs");
  process.exit(2);
}

let response;
try {
  response = await fetch(new URL("/api/me", baseUrl), { headers: { authorization: `Bearer ${token}` } });
} catch (error) {
  console.error(`Could not reach ${baseUrl}: ${error.cause?.code ?? error.message}. Is the app running (pnpm dev)?`);
  process.exit(3);
}

const body = await response.json().catch(() => ({}));
if (response.ok) {
  console.log(`${body.user.name} <${body.user.email}> via ${body.authMethod} ${body.credential}… (permissions: ${JSON.stringify(body.permissions)})`);
  process.exit(0);
}

// Never print the token itself: error output ends up in CI logs.
const reasons = {
  401: "the token was refused: it is unknown, revoked, expired or disabled",
  403: "the token is valid but lacks the permission this call needs",
  429: `too many requests with this token; retry in ${response.headers.get("retry-after") ?? "a few"} seconds`,
};
console.error(`${response.status} ${body.code ?? ""}: ${reasons[response.status] ?? body.message ?? "unexpected error"}`);
process.exit(1);
