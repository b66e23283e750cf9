import type { JobBehaviour } from "../config/schema.js";
import type { Manifest } from "../manifest/types.js";

/** An account the emulator serves, with its token. */
export interface AccountEntity {
  id: number;
  name: string;
  token: string;
  plan: string;
  createdAt: number;
}

/** A project with its manifest (parsed, and serialised once without metadata). */
export interface ProjectEntity {
  id: number;
  accountId: number;
  name: string;
  description: string;
  manifest: Manifest;
  /** The manifest without metadata, serialised once (artifacts splice per-run metadata in). */
  manifestBody: string;
  createdAt: number;
}

/** An environment of a project. */
export interface EnvironmentEntity {
  id: number;
  accountId: number;
  projectId: number;
  name: string;
  type: "deployment" | "development";
  deploymentType: "production" | "staging" | undefined;
  dbtVersion: string;
  createdAt: number;
}

/** A job: what the API shows and the behaviour its next runs follow. */
export interface JobEntity {
  id: number;
  accountId: number;
  projectId: number;
  environmentId: number;
  name: string;
  description: string;
  jobType: "scheduled" | "ci" | "other" | "merge";
  executeSteps: string[];
  generateDocs: boolean;
  dbtVersion: string | undefined;
  threads: number;
  targetName: string;
  /** 1 active, 2 deleted (soft delete, as dbt Cloud does). */
  state: 1 | 2;
  behaviour: JobBehaviour;
  /** The request body last used to create or update the job (fields the emulator does not model). */
  extra: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
}
