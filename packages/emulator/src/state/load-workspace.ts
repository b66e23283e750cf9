import { randomBytes } from "node:crypto";
import { isAbsolute, resolve } from "node:path";
import { defaultWorkspace } from "../config/default-workspace.js";
import type { EmulatorConfig, JobBehaviour, ProjectConfig } from "../config/schema.js";
import { manifestBodyJson } from "../dbt/render-artifacts.js";
import { EmulatorConfigError } from "../errors.js";
import { generateProjectManifest } from "../manifest/generate-project.js";
import { loadManifestFile } from "../manifest/load-manifest.js";
import type { Manifest } from "../manifest/types.js";
import type { AccountEntity, EnvironmentEntity, JobEntity, ProjectEntity } from "./entities.js";
import { exampleNodeNames, resolveNodeRefs } from "./node-names.js";

/** The entities built from the config, before they go into the state. */
export interface Workspace {
  accounts: AccountEntity[];
  projects: ProjectEntity[];
  environments: EnvironmentEntity[];
  jobs: JobEntity[];
}

function generateToken(): string {
  return `dbtc_emu_${randomBytes(18).toString("base64url")}`;
}

/** Problems with a job behaviour's node references, as config error lines. */
export function behaviourProblems(manifest: Manifest, behaviour: JobBehaviour, path: string): string[] {
  const problems: string[] = [];
  for (const key of ["failNodes", "warnNodes"] as const) {
    const { unknown } = resolveNodeRefs(manifest, behaviour[key]);
    for (const ref of unknown) {
      const examples = exampleNodeNames(manifest)
        .map((n) => `"${n}"`)
        .join(", ");
      problems.push(
        `${path}.${key}[${behaviour[key].indexOf(ref)}]: "${ref}" is not a node in the project's manifest. Use a unique id or a node name, e.g. ${examples}.`,
      );
    }
  }
  return problems;
}

/**
 * Builds the accounts, projects (with their manifests), environments and jobs from the config, or the
 * default workspace. Collects every problem (duplicate ids and tokens, unknown nodes, jobs in
 * development environments) into one EmulatorConfigError naming each field.
 */
export async function loadWorkspace(
  config: EmulatorConfig,
  now: number,
  baseDir: string,
): Promise<Workspace> {
  const accounts = config.accounts ?? defaultWorkspace();
  const root = config.accounts ? "accounts" : "(default workspace) accounts";
  const problems: string[] = [];
  const out: Workspace = { accounts: [], projects: [], environments: [], jobs: [] };
  let generated: Manifest | undefined;
  const manifestFor = async (project: ProjectConfig, field: string): Promise<Manifest> => {
    const path = project.manifestPath ?? config.manifestPath;
    if (path) {
      return loadManifestFile(
        isAbsolute(path) ? path : resolve(baseDir, path),
        project.manifestPath ? field : "manifestPath",
      );
    }
    generated ??= generateProjectManifest();
    return generated;
  };

  // Explicit ids are reserved first so generated ones never collide with them.
  const next = { project: 1, environment: 1, job: 1 };
  for (const a of accounts) {
    for (const p of a.projects) {
      if (p.id) next.project = Math.max(next.project, p.id + 1);
      for (const e of p.environments) {
        if (e.id) next.environment = Math.max(next.environment, e.id + 1);
        for (const j of e.jobs) if (j.id) next.job = Math.max(next.job, j.id + 1);
      }
    }
  }
  const seen = {
    account: new Set<number>(),
    project: new Set<number>(),
    environment: new Set<number>(),
    job: new Set<number>(),
  };
  const unique = (kind: keyof typeof seen, id: number, path: string) => {
    if (seen[kind].has(id))
      problems.push(`${path}.id: ${kind} id ${id} is used twice. Give each ${kind} its own id.`);
    seen[kind].add(id);
  };
  const tokens = new Set<string>();

  for (const [ai, a] of accounts.entries()) {
    const aPath = `${root}[${ai}]`;
    unique("account", a.id, aPath);
    const token = a.token ?? generateToken();
    if (tokens.has(token)) {
      problems.push(
        `${aPath}.token: the same token is given to two accounts. Give each account its own token.`,
      );
    }
    tokens.add(token);
    out.accounts.push({ id: a.id, name: a.name, token, plan: a.plan, createdAt: now });

    for (const [pi, p] of a.projects.entries()) {
      const pPath = `${aPath}.projects[${pi}]`;
      const projectId = p.id ?? next.project++;
      unique("project", projectId, pPath);
      const manifest = await manifestFor(p, `${pPath}.manifestPath`);
      out.projects.push({
        id: projectId,
        accountId: a.id,
        name: p.name,
        description: p.description,
        manifest,
        manifestBody: manifestBodyJson(manifest),
        createdAt: now,
      });

      for (const [ei, e] of p.environments.entries()) {
        const ePath = `${pPath}.environments[${ei}]`;
        const environmentId = e.id ?? next.environment++;
        unique("environment", environmentId, ePath);
        out.environments.push({
          id: environmentId,
          accountId: a.id,
          projectId,
          name: e.name,
          type: e.type,
          deploymentType: e.type === "deployment" ? e.deploymentType : undefined,
          dbtVersion: e.dbtVersion,
          createdAt: now,
        });

        for (const [ji, j] of e.jobs.entries()) {
          const jPath = `${ePath}.jobs[${ji}]`;
          if (e.type === "development") {
            problems.push(
              `${jPath}: jobs cannot run in a development environment. Move the job to a deployment environment.`,
            );
          }
          const jobId = j.id ?? next.job++;
          unique("job", jobId, jPath);
          problems.push(...behaviourProblems(manifest, j.behaviour, `${jPath}.behaviour`));
          out.jobs.push({
            id: jobId,
            accountId: a.id,
            projectId,
            environmentId,
            name: j.name,
            description: j.description,
            jobType: j.jobType,
            executeSteps: j.executeSteps,
            generateDocs: j.generateDocs,
            dbtVersion: j.dbtVersion,
            threads: j.threads,
            targetName: j.targetName,
            state: 1,
            behaviour: j.behaviour,
            extra: {},
            createdAt: now,
            updatedAt: now,
          });
        }
      }
    }
  }
  if (problems.length > 0) throw new EmulatorConfigError(problems);
  return out;
}
