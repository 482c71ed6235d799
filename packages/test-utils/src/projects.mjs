// Plain JavaScript: vitest loads its config with Node, which cannot import TypeScript from a workspace package.

/**
 * One vitest project per database: every suite runs on memory and SQLite always, on
 * PostgreSQL (and PostgreSQL + Redis secondary storage) when DATABASE_URL / REDIS_URL are set,
 * and on MySQL / MariaDB when MYSQL_URL is set.
 * A database that is not configured is skipped with the reason printed, never silently.
 *
 * @param {Record<string, unknown>} test the test options every project shares
 */
export function adapterProjects(test) {
  // A real database on a loaded 2-core CI machine can take seconds per test; a hang still fails.
  const project = (name, env, extra = {}) => ({ extends: true, test: { testTimeout: 20_000, ...test, ...extra, name, env } });
  // Type tests do not depend on the database: they run once, with the memory project.
  const noTypecheck = { typecheck: { enabled: false } };
  const projects = [project("memory", { TEST_ADAPTER: "memory" })];
  // CI's main run sets TEST_SQLITE=0 to stay within its time: its matrix leg runs SQLite, on the newest Better Auth.
  if (process.env.TEST_SQLITE === "0") {
    console.warn("[better-auth-tokens] skipping the sqlite project: TEST_SQLITE=0");
  } else {
    projects.push(project("sqlite", { TEST_ADAPTER: "sqlite" }, noTypecheck));
  }
  if (process.env.MYSQL_URL) {
    projects.push(project("mysql", { TEST_ADAPTER: "mysql" }, noTypecheck));
  } else {
    console.warn("[better-auth-tokens] skipping the mysql project: MYSQL_URL is not set");
  }
  if (process.env.DATABASE_URL) {
    projects.push(project("postgres", { TEST_ADAPTER: "postgres" }, noTypecheck));
    if (process.env.REDIS_URL) {
      projects.push(project("postgres+redis", { TEST_ADAPTER: "postgres", TEST_SECONDARY_STORAGE: "redis" }, noTypecheck));
    } else {
      console.warn("[better-auth-tokens] skipping the postgres+redis project: REDIS_URL is not set");
    }
  } else {
    console.warn("[better-auth-tokens] skipping the postgres and postgres+redis projects: DATABASE_URL is not set");
  }
  return projects;
}

/**
 * The whole vitest configuration of a package whose suites drive a real server: the workspace's
 * packages read from source, the harness's setup file, and one project per database.
 *
 * @returns {import("vitest/config").ViteUserConfig}
 */
export function databaseSuiteConfig() {
  const source = { conditions: ["better-auth-tokens-source"] };
  return {
    resolve: source,
    ssr: { resolve: source },
    test: {
      // vitest's default is one worker per core but one: a single worker on a 2-core CI machine,
      // idle while a test waits for its database. Two cut the wall time there.
      maxWorkers: 2,
      setupFiles: ["@better-auth-tokens/test-utils/setup"],
      projects: adapterProjects({
        include: ["src/**/*.test.ts", "test/**/*.test.ts"],
        typecheck: { enabled: true, include: ["src/**/*.test-d.ts", "test/**/*.test-d.ts"] },
      }),
    },
  };
}
