/**
 * The actions our workflows may use, at the commits we pinned, with the inputs each version declares
 * (read from its action.yml at that commit). A workflow that passes an input the pinned version does
 * not know fails here: changesets/action v2, for one, renamed `version` and `publish`.
 * Bumping an action means adding its new commit here after reading its action.yml.
 */
export const pinnedActions: Record<string, { version: string; inputs: readonly string[] }> = {
  "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1": {
    version: "v7.0.1",
    inputs: [
      "repository", "ref", "token", "ssh-key", "ssh-known-hosts", "ssh-strict", "ssh-user", "persist-credentials",
      "path", "clean", "filter", "sparse-checkout", "sparse-checkout-cone-mode", "fetch-depth", "fetch-tags",
      "show-progress", "lfs", "submodules", "set-safe-directory", "github-server-url", "allow-unsafe-pr-checkout",
    ],
  },
  "actions/setup-node@820762786026740c76f36085b0efc47a31fe5020": {
    version: "v7.0.0",
    inputs: [
      "node-version", "node-version-file", "architecture", "check-latest", "registry-url", "scope", "token",
      "cache", "package-manager-cache", "cache-dependency-path", "mirror", "mirror-token",
    ],
  },
  // v1, not v2: changesets/action v2 requires @changesets/cli 3, which needs Node >= 22.11.
  "changesets/action@a45c4d594aa4e2c509dc14a9f2b3b67ba3780d0d": {
    version: "v1.9.0",
    inputs: [
      "github-token", "publish", "version", "cwd", "commit", "title", "setupGitUser", "createGithubReleases",
      "commitMode", "branch", "prDraft",
    ],
  },
};
