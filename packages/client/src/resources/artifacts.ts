import type {
  ArtifactOptions,
  DownloadArtifactOptions,
  DownloadedArtifact,
  RequestOptions,
} from "../client-options.js";
import type { ApiCore } from "../core/api-core.js";
import { formatBytes, MAX_TEXT_BYTES, readBoundedText } from "../core/read-bounded-text.js";
import { checkId, encodeArtifactPath } from "../core/request-values.js";
import { streamToFile } from "../core/stream-to-file.js";
import type { RequestSpec } from "../core/transport.js";
import { DbtCloudResponseError, DbtCloudTooLargeError, DbtCloudValidationError } from "../errors.js";

/** Artifacts of runs and jobs (files under dbt's `target/`): list, read as JSON or text, stream to disk. */
export class ArtifactsResource {
  readonly #core: ApiCore;

  constructor(core: ApiCore) {
    this.#core = core;
  }

  async list(runId: number, options: RequestOptions): Promise<string[]> {
    checkId("runId", runId);
    const spec: RequestSpec = {
      method: "GET",
      path: `${this.#core.v2}/runs/${runId}/artifacts/`,
      retry: true,
      signal: options.signal,
    };
    const envelope = await this.#core.http.json(spec);
    if (envelope.data === null || envelope.data === undefined) return [];
    if (!Array.isArray(envelope.data) || envelope.data.some((p) => typeof p !== "string")) {
      throw this.#core.shapeError(spec, envelope.data, "a list of paths");
    }
    return envelope.data as string[];
  }

  async getRunArtifact(runId: number, path: string, options: ArtifactOptions): Promise<unknown> {
    checkId("runId", runId);
    return this.#read(`${this.#core.v2}/runs/${runId}/artifacts/${encodeArtifactPath(path)}`, path, options);
  }

  async getJobArtifact(jobId: number, path: string, options: ArtifactOptions): Promise<unknown> {
    checkId("jobId", jobId);
    return this.#read(`${this.#core.v2}/jobs/${jobId}/artifacts/${encodeArtifactPath(path)}`, path, options);
  }

  async download(runId: number, path: string, options: DownloadArtifactOptions): Promise<DownloadedArtifact> {
    checkId("runId", runId);
    if (!options?.toFile)
      throw new DbtCloudValidationError("toFile", "is missing; pass the destination file path.");
    const spec = this.#spec(`${this.#core.v2}/runs/${runId}/artifacts/${encodeArtifactPath(path)}`, options);
    const response = await this.#core.http.raw(spec);
    if (!response.body) throw this.#core.shapeError(spec, "", "a file body");
    const bytes = await streamToFile(
      response.body as ReadableStream<Uint8Array>,
      options.toFile,
      options.signal,
    );
    return { path: options.toFile, bytes };
  }

  #spec(path: string, options: ArtifactOptions): RequestSpec {
    if (options.step !== undefined) checkId("step", options.step);
    return { method: "GET", path, query: { step: options.step }, retry: true, signal: options.signal };
  }

  /** Parsed JSON for `.json` paths, text otherwise. */
  async #read(path: string, artifactPath: string, options: ArtifactOptions): Promise<unknown> {
    const maxBytes = options.maxBytes ?? MAX_TEXT_BYTES;
    if (!Number.isSafeInteger(maxBytes) || maxBytes < 0 || maxBytes > MAX_TEXT_BYTES) {
      throw new DbtCloudValidationError(
        "maxBytes",
        `${String(maxBytes)} is not an integer from 0 to ${MAX_TEXT_BYTES} (the longest string Node can hold).`,
      );
    }
    const spec = this.#spec(path, options);
    const response = await this.#core.http.raw(spec);
    const source = `GET ${this.#core.http.describe(spec)}`;
    const text = await readBoundedText(
      response,
      maxBytes,
      ({ bytes, declared }) =>
        new DbtCloudTooLargeError({
          message:
            `The artifact ${JSON.stringify(artifactPath)} is ${declared ? "" : "more than "}${formatBytes(bytes)}, ` +
            `more than the ${formatBytes(maxBytes)} that can be read into memory (${source}). ` +
            "Stream it to a file with downloadRunArtifact(runId, path, { toFile }) instead.",
          source,
          bytes,
          limitBytes: maxBytes,
        }),
    );
    if (!/\.json$/i.test(artifactPath)) return text;
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new DbtCloudResponseError({
        method: "GET",
        path: this.#core.http.describe(spec),
        status: response.status,
        contentType: response.headers.get("content-type") ?? undefined,
        bodyExcerpt: text.slice(0, 200),
        problem: "a .json artifact that is not valid JSON",
        cause: error,
      });
    }
  }
}
