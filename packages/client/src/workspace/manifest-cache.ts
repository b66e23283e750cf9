import { createHash } from "node:crypto";
import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { formatBytes, MAX_TEXT_BYTES } from "../core/read-bounded-text.js";
import { DbtCloudTooLargeError } from "../errors.js";

export interface ManifestCacheKey {
  accountId: number;
  projectId: number;
  environmentId: number;
  gitSha: string;
}

/**
 * A git sha (or ref) as it can appear in a file name: kept when it is 1-64 of `A-Za-z0-9._-` (a real
 * sha, a plain ref), otherwise `+` and a hash of it (`+` never occurs in a kept value, so the two forms
 * cannot meet). Mapping other characters to `_` made `a/b` and `a_b` share a file, and a long value
 * (the sha can come from the API) overflowed the file name limit.
 */
function shaPart(gitSha: string): string {
  if (/^[A-Za-z0-9._-]{1,64}$/.test(gitSha)) return gitSha;
  return `+${createHash("sha256").update(gitSha).digest("hex").slice(0, 40)}`;
}

function fileName(key: ManifestCacheKey): string {
  return `manifest-${key.accountId}-${key.projectId}-${key.environmentId}-${shaPart(key.gitSha)}.json`;
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

  /**
   * The cached manifest, or undefined when absent or unreadable (a corrupt file is ignored). A file too
   * large to read as one string is a `DbtCloudTooLargeError` naming it and its size (parsing it again
   * would not fit either), never a silent miss or "Invalid string length".
   */
  async read(key: ManifestCacheKey): Promise<Record<string, unknown> | undefined> {
    const path = this.pathFor(key);
    let text: string;
    try {
      const { size } = await stat(path);
      if (size > MAX_TEXT_BYTES) {
        throw new DbtCloudTooLargeError({
          message: `The cached manifest ${path} is ${formatBytes(size)}, more than the ${formatBytes(
            MAX_TEXT_BYTES,
          )} that can be read into memory as one string.`,
          source: path,
          bytes: size,
          limitBytes: MAX_TEXT_BYTES,
        });
      }
      text = await readFile(path, "utf8");
    } catch (error) {
      if (error instanceof DbtCloudTooLargeError) throw error;
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
