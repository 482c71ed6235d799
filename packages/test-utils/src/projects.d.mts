import type { TestProjectInlineConfiguration } from "vitest/config";

export declare function adapterProjects(
  test: NonNullable<TestProjectInlineConfiguration["test"]>,
): TestProjectInlineConfiguration[];

export declare function databaseSuiteConfig(): import("vitest/config").ViteUserConfig;
