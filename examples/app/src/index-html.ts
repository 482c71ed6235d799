/** The one page: markup and styles; web/main.ts brings it to life. */
export const INDEX_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>better-auth-tokens example</title>
<style>
  :root { font-family: system-ui, sans-serif; color: #1f2328; background: #f6f8fa; }
  body { margin: 0; }
  header { background: #24292f; color: white; padding: 12px 24px; display: flex; justify-content: space-between; align-items: center; }
  main { max-width: 880px; margin: 24px auto; padding: 0 16px; }
  section { background: white; border: 1px solid #d0d7de; border-radius: 8px; padding: 16px 20px; margin-bottom: 20px; }
  h2 { margin: 0 0 4px; font-size: 18px; }
  p.hint { margin: 0 0 12px; color: #57606a; font-size: 14px; }
  form.row { display: flex; gap: 8px; flex-wrap: wrap; align-items: end; margin-bottom: 12px; }
  label { display: flex; flex-direction: column; font-size: 13px; gap: 4px; }
  input, select { padding: 6px 8px; line-height: 1.5; border: 1px solid #d0d7de; border-radius: 6px; font-size: 14px; }
  button { padding: 6px 12px; border-radius: 6px; border: 1px solid #d0d7de; background: #f6f8fa; cursor: pointer; font-size: 14px; }
  button.primary { background: #1f883d; color: white; border-color: #1a7f37; }
  button.danger { color: #cf222e; }
  table { width: 100%; border-collapse: collapse; font-size: 14px; }
  th, td { text-align: left; padding: 6px 8px; border-top: 1px solid #d8dee4; }
  th { color: #57606a; font-weight: 600; }
  code { font-family: ui-monospace, monospace; background: #eff1f3; padding: 2px 4px; border-radius: 4px; }
  .empty { color: #57606a; font-size: 14px; }
  .error { color: #cf222e; font-size: 14px; min-height: 1em; }
  dialog { border: 1px solid #d0d7de; border-radius: 8px; max-width: 560px; }
  dialog .secret { display: flex; gap: 8px; margin: 12px 0; }
  dialog .secret input { flex: 1; font-family: ui-monospace, monospace; }
  .warning { background: #fff8c5; border: 1px solid #d4a72c; padding: 8px; border-radius: 6px; font-size: 14px; }
  [hidden] { display: none !important; }
</style>
</head>
<body>
<header><strong>better-auth-tokens example</strong><span id="who"></span></header>
<main>
  <section id="signed-out">
    <h2>Sign up or sign in</h2>
    <p class="hint">Email and password, stored in an embedded SQLite database.</p>
    <form class="row" id="auth-form">
      <label>Name <input name="name" value="Ada Lovelace"></label>
      <label>Email <input name="email" type="email" required></label>
      <label>Password <input name="password" type="password" minlength="8" required></label>
      <button class="primary" name="action" value="sign-up">Sign up</button>
      <button name="action" value="sign-in">Sign in</button>
    </form>
    <div class="error" id="auth-error"></div>
  </section>

  <div id="signed-in" hidden>
    <section>
      <h2>API keys</h2>
      <p class="hint">For scripts and integrations. Send as <code>X-API-Key</code> or <code>Authorization: Bearer</code> to <code>/api/me</code> and <code>/api/projects</code>.</p>
      <form class="row" id="key-form">
        <label>Name <input name="name" required placeholder="CI pipeline"></label>
        <label>Expires
          <select name="expiresIn"><option value="604800">in 7 days</option><option value="2592000" selected>in 30 days</option><option value="31536000">in 1 year</option><option value="never">never</option></select>
        </label>
        <label>Permissions
          <select name="permissions"><option value="read">read</option><option value="read,write">read + write</option></select>
        </label>
        <button class="primary">Create API key</button>
      </form>
      <div class="error" id="key-error"></div>
      <table id="key-table"><thead><tr><th>Name</th><th>Key</th><th>Permissions</th><th>Created</th><th>Last used</th><th>Expires</th><th>Enabled</th><th></th></tr></thead><tbody></tbody></table>
      <p class="empty" id="key-empty">No API keys yet.</p>
    </section>

    <section>
      <h2>Personal tokens</h2>
      <p class="hint">For your own CLI or mobile app. Send as <code>Authorization: Bearer</code>.</p>
      <form class="row" id="token-form">
        <label>Name <input name="name" required placeholder="laptop CLI"></label>
        <label>Expires
          <select name="expiresIn"><option value="86400">in 1 day</option><option value="2592000" selected>in 30 days</option><option value="never">never</option></select>
        </label>
        <button class="primary">Create token</button>
      </form>
      <div class="error" id="token-error"></div>
      <table id="token-table"><thead><tr><th>Name</th><th>Created</th><th>Last used</th><th>Expires</th><th></th></tr></thead><tbody></tbody></table>
      <p class="empty" id="token-empty">No personal tokens yet.</p>
    </section>
    <section>
      <h2>Organization keys</h2>
      <p class="hint">Keys that belong to a team, not to you: they act for the organization (see <code>/api/whoami</code>), keep working when their creator leaves, and are deleted with the organization.</p>
      <form class="row" id="org-form">
        <label>Organization <input name="name" required placeholder="Acme"></label>
        <button class="primary">Create organization</button>
      </form>
      <div id="org-keys" hidden>
        <p class="hint">Keys of <strong id="org-name"></strong>.</p>
        <form class="row" id="org-key-form">
          <label>Name <input name="name" required placeholder="deploy bot"></label>
          <label>Permissions
            <select name="permissions"><option value="read">read</option><option value="read,write">read + write</option></select>
          </label>
          <button class="primary">Create team key</button>
        </form>
        <table id="org-key-table"><thead><tr><th>Name</th><th>Key</th><th>Permissions</th><th>Created by</th><th>Created</th><th></th></tr></thead><tbody></tbody></table>
        <p class="empty" id="org-key-empty">No keys for this organization yet.</p>
      </div>
      <div class="error" id="org-error"></div>
    </section>
    <button id="sign-out">Sign out</button>
  </div>
</main>

<dialog id="secret-dialog">
  <h2 id="secret-title">Your new API key</h2>
  <p class="warning">Copy it now: <strong>you will not see it again.</strong> It is stored only as a hash.</p>
  <div class="secret"><input id="secret-value" readonly aria-label="secret"><button id="copy-secret">Copy</button></div>
  <form method="dialog"><button class="primary" id="secret-done">I have copied it</button></form>
</dialog>

<dialog id="confirm-dialog">
  <h2>Revoke <span id="confirm-name"></span>?</h2>
  <p>Anything using it stops working on its next request. This cannot be undone.</p>
  <form method="dialog" class="row"><button value="cancel">Cancel</button><button class="danger" value="confirm" id="confirm-revoke">Revoke</button></form>
</dialog>
<script type="module" src="/app.js"></script>
</body>
</html>`;
