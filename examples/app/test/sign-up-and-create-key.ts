/** Signs a new user up over HTTP and creates an API key with `permissions`, as the page does. */
export async function signUpAndCreateKey(baseURL: string, permissions: string[], name = "Grace") {
  const headers = { "content-type": "application/json", origin: baseURL };
  const signUp = await fetch(`${baseURL}/api/auth/sign-up/email`, {
    method: "POST",
    headers,
    body: JSON.stringify({ email: `u${Date.now()}${Math.random()}@example.com`, password: "correct-horse-battery", name }),
  });
  const cookie = signUp.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const created = await fetch(`${baseURL}/api/auth/api-key/create`, {
    method: "POST",
    headers: { ...headers, cookie },
    body: JSON.stringify({ name: "test", permissions }),
  });
  if (created.status !== 200) throw new Error(`creating a key answered ${created.status}`);
  return (await created.json()) as { id: string; key: string; start: string };
}
