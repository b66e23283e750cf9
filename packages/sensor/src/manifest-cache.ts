import type { DbtManifest } from "@dbt-cloud-kit/assets";

/**
 * Manifests by job and git sha, least recently used dropped first, so a tick over many runs of a few
 * jobs downloads each manifest once and memory stays bounded. Concurrent loads of one key share a promise.
 */
export class ManifestCache {
  readonly #size: number;
  readonly #entries = new Map<string, Promise<DbtManifest | undefined>>();

  constructor(size: number) {
    this.#size = size;
  }

  get(
    jobId: number,
    gitSha: string | undefined,
    load: () => Promise<DbtManifest | undefined>,
  ): Promise<DbtManifest | undefined> {
    // Without a git sha two runs of a job may differ: no sharing.
    if (!gitSha || this.#size === 0) return load();
    const key = `${jobId}\u0000${gitSha}`;
    const hit = this.#entries.get(key);
    if (hit) {
      this.#entries.delete(key);
      this.#entries.set(key, hit);
      return hit;
    }
    const loading = load();
    this.#entries.set(key, loading);
    loading.then(
      (manifest) => {
        if (manifest === undefined && this.#entries.get(key) === loading) this.#entries.delete(key);
      },
      () => {
        if (this.#entries.get(key) === loading) this.#entries.delete(key);
      },
    );
    while (this.#entries.size > this.#size) {
      const oldest = this.#entries.keys().next().value as string;
      this.#entries.delete(oldest);
    }
    return loading;
  }
}
