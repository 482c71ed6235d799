import { builtinEnvironments } from "vitest/runtime";
import type { Environment } from "vitest/runtime";

// happy-dom replaces fetch, Request, Response and Headers with browser versions that drop the
// cookie header, as a browser must. Here the "browser" is the test itself calling a real Better
// Auth in-process, so those keep Node's own; everything else (the DOM, FormData, the clipboard) is happy-dom's.
const NODE_OWN = ["fetch", "Request", "Response", "Headers", "AbortController", "AbortSignal", "URL", "URLSearchParams"] as const;

export default {
  name: "happy-dom-node-fetch",
  viteEnvironment: "client",
  async setup(global, options) {
    const own = NODE_OWN.map((key) => [key, global[key]] as const);
    const happy = await builtinEnvironments["happy-dom"].setup(global, options);
    for (const [key, value] of own) global[key] = value;
    return happy;
  },
} satisfies Environment;
