import { databaseSuiteConfig } from "@better-auth-tokens/test-utils/projects";
import { defineConfig } from "vitest/config";

// Every suite runs on each database the machine offers (see test-utils/src/projects.mjs).
export default defineConfig(databaseSuiteConfig());
