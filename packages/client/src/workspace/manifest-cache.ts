import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";

export interface ManifestCacheKey {
  accountId: number;
  projectId: number;
  environmentId: number;
  gitSha: string;
}

function fileName(key: ManifestCacheKey): string {
  const sha = key.gitSha.replace(/[^A-Za-z0-9._-]/g, "_");
  return `manifest-${key.accountId}-${key.projectId}-${key.environmentId}-${sha}.json`;
}

/** On-disk manifest cache: one file per account, project, environment and git sha. */
export class ManifestDiskCache {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  pathFor(key: ManifestCacheKey): string {
    return join(this.dir, fileName(key));
  }

  /** The cached manifest, or undefined when absent or unreadable (a corrupt file is ignored). */
  async read(key: ManifestCacheKey): Promise<Record<string, unknown> | undefined> {
    let text: string;
    try {
      text = await readFile(this.pathFor(key), "utf8");
    } catch {
      return undefined;
    }
    try {
      const value: unknown = JSON.parse(text);
      return typeof value === "object" && value !== null && !Array.isArray(value)
        ? (value as Record<string, unknown>)
        : undefined;
    } catch {
      return undefined;
    }
  }

  /** Moves an already written file (e.g. a streamed download) into the cache. */
  async adopt(key: ManifestCacheKey, file: string): Promise<string> {
    await mkdir(this.dir, { recursive: true });
    const target = this.pathFor(key);
    await rename(file, target);
    return target;
  }

  async write(key: ManifestCacheKey, text: string): Promise<string> {
    await mkdir(this.dir, { recursive: true });
    const target = this.pathFor(key);
    const partial = `${target}.partial-${process.pid}`;
    await writeFile(partial, text);
    await rename(partial, target);
    return target;
  }
}
