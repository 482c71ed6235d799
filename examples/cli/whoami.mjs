#!/usr/bin/env node
// Who does this token belong to? A CI job or terminal calls the example app's API with an API key
// or personal token from API_TOKEN and prints the answer, or a clear error and a non-zero exit:
// 1 the server refused or answered unexpectedly, 2 bad input, 3 the server could not be reached.
//
//   API_TOKEN=ba_… node examples/cli/whoami.mjs
//   API_URL=https://example.com API_TOKEN=bat_… node examples/cli/whoami.mjs
//
// Never print the token itself, not even in an error: this output ends up in CI logs.

// Surrounding whitespace is a copy-paste or CRLF artefact, not part of a token.
const token = process.env.API_TOKEN?.trim();
const baseUrl = process.env.API_URL ?? "http://localhost:3000";

if (!token) {
  console.error("API_TOKEN is not set. Create an API key or personal token in the app, then: API_TOKEN=<token> node whoami.mjs");
  process.exit(2);
}
// RFC 6750's token68 alphabet. Checked here because fetch's own error for a bad header quotes the value.
if (!/^[A-Za-z0-9\-._~+/]+=*$/.test(token)) {
  console.error("API_TOKEN has spaces, line breaks or other characters no token has: copy it again.");
  process.exit(2);
}

let url;
try {
  url = new URL("/api/me", baseUrl);
} catch {
  console.error(`API_URL is not a URL: ${baseUrl}`);
  process.exit(2);
}

let response;
try {
  response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
} catch (error) {
  console.error(`Could not reach ${url.origin}: ${error.cause?.code ?? error.message}. Is the app running (pnpm dev)?`);
  process.exit(3);
}

const body = await response.json().catch(() => null);
if (response.ok && body?.user) {
  console.log(`${body.user.name} <${body.user.email}> via ${body.authMethod} ${body.credential}… (permissions: ${JSON.stringify(body.permissions)})`);
  process.exit(0);
}
if (response.ok) {
  console.error(`${response.status}: ${url} did not answer like the example app's /api/me. Is API_URL right?`);
  process.exit(1);
}

const reasons = {
  401: "the token was refused: it is unknown, revoked, expired or disabled",
  403: "the token is valid but lacks the permission this call needs",
  429: `too many requests with this token; retry in ${response.headers.get("retry-after") ?? "a few"} seconds`,
};
const code = typeof body?.code === "string" ? ` ${body.code}` : "";
console.error(`${response.status}${code}: ${reasons[response.status] ?? body?.message ?? "unexpected error from the server"}`);
process.exit(1);
