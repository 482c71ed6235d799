import { useState, type FormEvent } from "react";
import { authClient } from "./auth-client";

/** Email and password sign-up or sign-in; Better Auth's session hook re-renders the page after. */
export function SignInForm() {
  const [error, setError] = useState("");
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const email = String(form.get("email"));
    const password = String(form.get("password"));
    const { error } =
      submitter?.value === "sign-in"
        ? await authClient.signIn.email({ email, password })
        : await authClient.signUp.email({ email, password, name: String(form.get("name")) });
    setError(error ? `${error.message ?? "Something went wrong"}${error.code ? ` (${error.code})` : ""}` : "");
  }
  return (
    <section className="panel" aria-labelledby="sign-in-title">
      <h2 id="sign-in-title">Sign up or sign in</h2>
      <p className="hint">Email and password, stored in an embedded SQLite database.</p>
      <form className="row" id="auth-form" onSubmit={submit}>
        <label>
          Name <input name="name" defaultValue="Ada Lovelace" autoComplete="name" />
        </label>
        <label>
          Email <input name="email" type="email" required autoComplete="email" />
        </label>
        <label>
          Password <input name="password" type="password" minLength={8} required autoComplete="current-password" />
        </label>
        <button className="primary" name="action" value="sign-up">
          Sign up
        </button>
        <button name="action" value="sign-in">
          Sign in
        </button>
      </form>
      <p className="error" role="alert">
        {error}
      </p>
    </section>
  );
}
