/**
 * The components' own look, on CSS variables: set `--bat-*` on any ancestor to theme them.
 * Shipped as `@better-auth-tokens/react/styles.css` too; `<TokensProvider>` renders it unless
 * `injectStyles={false}`. Low specificity (single classes) so an app's classes win.
 */
export const TOKENS_CSS = `
.bat-card{--bat-fg:#1f2328;--bat-muted:#59636e;--bat-bg:#fff;--bat-subtle:#f6f8fa;--bat-border:#d1d9e0;--bat-primary:#1f883d;--bat-primary-fg:#fff;--bat-danger:#cf222e;--bat-warning-bg:#fff8c5;--bat-warning-border:#d4a72c;--bat-focus:#0969da;--bat-radius:6px;
color:var(--bat-fg);background:var(--bat-bg);border:1px solid var(--bat-border);border-radius:calc(var(--bat-radius)*2);padding:16px;font:14px/1.5 var(--bat-font,system-ui,-apple-system,"Segoe UI",sans-serif);box-sizing:border-box;min-width:0}
.bat-card *,.bat-card *::before,.bat-card *::after{box-sizing:border-box}
.bat-header{display:flex;flex-wrap:wrap;gap:12px;justify-content:space-between;align-items:flex-start;margin-bottom:12px}
.bat-header>div{flex:1 1 240px;min-width:0}
.bat-title{margin:0;font-size:18px;font-weight:600}
.bat-title:focus{outline:none}
.bat-description{margin:4px 0 0;color:var(--bat-muted)}
.bat-button{font:inherit;font-weight:500;padding:5px 14px;border:1px solid var(--bat-border);border-radius:var(--bat-radius);background:var(--bat-subtle);color:var(--bat-fg);cursor:pointer;white-space:nowrap}
.bat-button:hover{filter:brightness(.96)}
.bat-button:disabled{opacity:.6;cursor:default}
.bat-small{padding:3px 10px;font-size:13px}
.bat-primary{background:var(--bat-primary);color:var(--bat-primary-fg);border-color:transparent}
.bat-danger{color:var(--bat-danger)}
.bat-danger-solid{background:var(--bat-danger);color:#fff;border-color:transparent}
.bat-card :focus-visible,.bat-dialog :focus-visible{outline:2px solid var(--bat-focus);outline-offset:2px}
.bat-list{list-style:none;margin:0;padding:0;border:1px solid var(--bat-border);border-radius:var(--bat-radius)}
.bat-item{display:flex;flex-wrap:wrap;gap:8px 16px;justify-content:space-between;align-items:center;padding:12px 14px;border-top:1px solid var(--bat-border)}
.bat-item:first-child{border-top:0}
.bat-item[data-enabled=false]{background:var(--bat-subtle)}
.bat-item-main{flex:1 1 260px;min-width:0}
.bat-item-head{display:flex;flex-wrap:wrap;gap:6px 10px;align-items:center}
.bat-item-name{font-weight:600;overflow-wrap:anywhere}
.bat-start{font:12px ui-monospace,SFMono-Regular,Menlo,monospace;background:var(--bat-subtle);border:1px solid var(--bat-border);border-radius:4px;padding:1px 6px}
.bat-badge{font-size:12px;border:1px solid currentColor;border-radius:999px;padding:0 8px}
.bat-badge-danger{color:var(--bat-danger)}
.bat-meta{display:flex;flex-wrap:wrap;gap:2px 16px;margin:4px 0 0;color:var(--bat-muted);font-size:13px}
.bat-meta div{display:flex;gap:4px}
.bat-meta dt::after{content:":"}
.bat-meta dd{margin:0;color:var(--bat-fg)}
.bat-note{margin:4px 0 0;color:var(--bat-muted);font-size:13px}
.bat-item-actions{display:flex;flex-wrap:wrap;gap:8px;align-items:center}
.bat-toggle{display:inline-flex;flex-direction:row;gap:6px;align-items:center;font-size:13px;cursor:pointer}
.bat-toggle input{appearance:none;width:32px;height:18px;border-radius:9px;background:#8c959f;position:relative;margin:0;cursor:pointer;transition:background .15s}
.bat-toggle input::before{content:"";position:absolute;top:2px;left:2px;width:14px;height:14px;border-radius:50%;background:#fff;transition:transform .15s}
.bat-toggle input:checked{background:var(--bat-primary)}
.bat-toggle input:checked::before{transform:translateX(14px)}
.bat-empty{margin:0;padding:24px;text-align:center;color:var(--bat-muted);border:1px dashed var(--bat-border);border-radius:var(--bat-radius)}
.bat-error{margin:0 0 12px;padding:8px 12px;color:var(--bat-danger);background:#ffebe9;border:1px solid #ff818266;border-radius:var(--bat-radius)}
.bat-error[hidden]{display:none}
.bat-skeleton{display:block}
.bat-skeleton-line{display:block;height:12px;width:40%;margin:4px 0;border-radius:4px;background:linear-gradient(90deg,#eaeef2,#f6f8fa,#eaeef2);background-size:200% 100%;animation:bat-shimmer 1.2s infinite}
.bat-skeleton-short{width:70%}
@keyframes bat-shimmer{to{background-position:-200% 0}}
@media (prefers-reduced-motion:reduce){.bat-skeleton-line{animation:none}}
.bat-dialog{color:var(--bat-fg,#1f2328);background:var(--bat-bg,#fff);border:1px solid var(--bat-border,#d1d9e0);border-radius:12px;padding:20px;width:min(520px,calc(100vw - 32px));max-width:none;font:14px/1.5 var(--bat-font,system-ui,-apple-system,"Segoe UI",sans-serif);box-shadow:0 8px 24px #1f232833}
.bat-dialog::backdrop{background:#1f232866}
.bat-dialog-title{margin:0 0 12px;font-size:18px;overflow-wrap:anywhere}
.bat-dialog-text{margin:0 0 12px}
.bat-form{display:grid;gap:12px}
.bat-field{display:grid;gap:4px;margin:0 0 12px;border:0;padding:0;min-width:0}
.bat-form .bat-field{margin:0}
.bat-field label,.bat-field legend{font-weight:600}
.bat-field legend{padding:0;margin-bottom:4px}
.bat-input{font:inherit;padding:5px 10px;border:1px solid var(--bat-border,#d1d9e0);border-radius:var(--bat-radius,6px);background:var(--bat-bg,#fff);color:inherit;width:100%;min-width:0}
.bat-hint{color:var(--bat-muted,#59636e);font-size:13px}
.bat-check{display:flex;gap:6px;align-items:center;font-weight:400!important}
.bat-dialog-actions{display:flex;flex-wrap:wrap;gap:8px;justify-content:flex-end;margin-top:8px}
.bat-secret-dialog{border-top:4px solid var(--bat-primary,#1f883d)}
.bat-warning{display:flex;gap:10px;align-items:flex-start;margin:0 0 16px;padding:10px 12px;background:var(--bat-warning-bg,#fff8c5);border:1px solid var(--bat-warning-border,#d4a72c);border-radius:var(--bat-radius,6px)}
.bat-warning strong{font-weight:600}
.bat-warning-icon{flex:none;display:inline-grid;place-items:center;width:20px;height:20px;border-radius:50%;background:#9a6700;color:#fff;font-weight:700;font-size:13px}
.bat-secret-label{display:block;font-weight:600;margin-bottom:4px;overflow-wrap:anywhere}
.bat-secret{display:flex;gap:8px}
.bat-mono{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:13px;background:var(--bat-subtle,#f6f8fa)}
@media (max-width:480px){.bat-secret{flex-direction:column}}
.bat-secret textarea{resize:none;field-sizing:content;word-break:break-all;overflow:hidden}
.bat-status{min-height:1.5em;margin:4px 0 0;color:var(--bat-primary,#1f883d);font-size:13px}
`;
