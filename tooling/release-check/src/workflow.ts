import { readFileSync } from "node:fs";
import { join } from "node:path";
import { load } from "js-yaml";
import { repoRoot } from "./repo-root";

/** The parts of a GitHub workflow these checks read; the schema check covers the rest. */
export interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string | number | boolean>;
  env?: Record<string, string | number | boolean>;
}

export interface Job {
  "runs-on": string;
  "timeout-minutes"?: number;
  container?: string | { image: string };
  permissions?: Record<string, string>;
  services?: Record<string, { image: string; env?: Record<string, string> }>;
  env?: Record<string, string>;
  steps: Step[];
}

export interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  concurrency?: { group: string; "cancel-in-progress"?: boolean | string };
  env?: Record<string, string>;
  jobs: Record<string, Job>;
}

export interface LoadedWorkflow {
  file: string;
  text: string;
  workflow: Workflow;
  /** Every step of every job, in order. */
  steps: Step[];
}

export function loadWorkflow(file: string): LoadedWorkflow {
  const text = readFileSync(join(repoRoot, ".github/workflows", file), "utf8");
  // js-yaml 4 reads YAML 1.2 booleans, so `on:` stays a key (YAML 1.1 would make it `true`).
  const workflow = load(text) as Workflow;
  return { file, text, workflow, steps: Object.values(workflow.jobs).flatMap((job) => job.steps) };
}

/** The one step that uses `action` (without its `@ref`); fails when there is none or more than one. */
export function stepUsing(loaded: LoadedWorkflow, action: string): Step {
  const matches = loaded.steps.filter((step) => step.uses?.split("@")[0] === action);
  if (matches.length !== 1) throw new Error(`${loaded.file}: expected one step using ${action}, found ${matches.length}`);
  return matches[0]!;
}
