/** The one page: its frame and the page's own styles; web/main.tsx renders the settings with @better-auth-tokens/react. */
export const INDEX_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>API keys and tokens · better-auth-tokens example</title>
<style>
  :root { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328; background: #f6f8fa; }
  body { margin: 0; }
  header { background: #24292f; color: white; padding: 12px 24px; display: flex; flex-wrap: wrap; gap: 8px; justify-content: space-between; align-items: center; }
  header .who { display: flex; gap: 12px; align-items: center; font-size: 14px; overflow-wrap: anywhere; }
  header button { color: white; background: transparent; border-color: #8c959f; }
  main { max-width: 880px; margin: 24px auto; padding: 0 16px; display: grid; gap: 20px; }
  h1 { margin: 0; font-size: 24px; }
  .panel { background: white; border: 1px solid #d1d9e0; border-radius: 12px; padding: 16px; }
  h2 { margin: 0 0 4px; font-size: 18px; }
  .hint { margin: 0; color: #59636e; font-size: 14px; }
  .panel .hint { margin-bottom: 12px; }
  form.row { display: flex; gap: 8px; flex-wrap: wrap; align-items: end; }
  .panel label { display: flex; flex-direction: column; font-size: 13px; gap: 4px; }
  .panel input { padding: 5px 8px; line-height: 1.5; border: 1px solid #d1d9e0; border-radius: 6px; font-size: 14px; }
  button { padding: 5px 12px; border-radius: 6px; border: 1px solid #d1d9e0; background: #f6f8fa; cursor: pointer; font-size: 14px; }
  button.primary { background: #1f883d; color: white; border-color: transparent; }
  code { font-family: ui-monospace, monospace; background: #eff1f3; padding: 2px 4px; border-radius: 4px; }
  .error { color: #cf222e; font-size: 14px; margin: 8px 0 0; }
  .error:empty { display: none; }
</style>
</head>
<body>
<div id="root"><noscript>The API keys page needs JavaScript.</noscript></div>
<script type="module" src="/app.js"></script>
</body>
</html>`;
