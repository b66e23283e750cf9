import type { DbtCloudJob } from "@dbt-cloud-kit/client";
import { DbtCloudAuthError, DbtCloudNotFoundError, DbtCloudValidationError } from "@dbt-cloud-kit/client";
import { describe, expect, it } from "vitest";
import { flagSpelling, inputSpelling } from "../src/run-flow/flow-log.js";
import { JobSelectionError, resolveJob } from "../src/run-flow/resolve-job.js";

const signal = new AbortController().signal;
const notFound = () => new DbtCloudNotFoundError({ method: "GET", path: "/jobs/7/", status: 404 });
const job = { id: 7, name: "Daily" } as DbtCloudJob;

function client(answer: { job?: DbtCloudJob; error?: Error }) {
  const calls: unknown[][] = [];
  const reply = async (...args: unknown[]) => {
    calls.push(args);
    if (answer.error) throw answer.error;
    return answer.job as DbtCloudJob;
  };
  return { calls, getJob: reply, findJobByName: reply };
}

async function rejection(promise: Promise<unknown>): Promise<JobSelectionError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(JobSelectionError);
  return error as JobSelectionError;
}

describe("resolveJob", () => {
  it("reads a job by id, and by exact name with the project / environment filters", async () => {
    const c = client({ job });
    await expect(resolveJob(c, { kind: "id", jobId: 7 }, flagSpelling, signal)).resolves.toBe(job);
    await resolveJob(
      c,
      { kind: "name", name: "Daily", projectId: 3, environmentId: 4 },
      flagSpelling,
      signal,
    );
    expect(c.calls).toEqual([
      [7, { signal }],
      ["Daily", { projectId: 3, environmentId: 4, signal }],
    ]);
  });

  it("a 404 for the id names the options in the app's spelling", async () => {
    const action = await rejection(
      resolveJob(client({ error: notFound() }), { kind: "id", jobId: 7 }, inputSpelling, signal),
    );
    expect(action.kind).toBe("id-not-found");
    expect(action.cause).toBeInstanceOf(DbtCloudNotFoundError);
    expect(action.message).toBe(
      "Job 7 was not found in this dbt Cloud account. Check job-id (the number in the job's URL), account-id, and that the token has access to the job's project.",
    );
    const cli = await rejection(
      resolveJob(client({ error: notFound() }), { kind: "id", jobId: 7 }, flagSpelling, signal),
    );
    expect(cli.message).toContain("Check --job-id (the number in the job's URL), --account-id, and");
  });

  it("no job (or several) with the name is a name-not-matched error carrying the client's message", async () => {
    for (const error of [notFound(), new DbtCloudValidationError("name", 'two jobs are named "Daily".')]) {
      const e = await rejection(
        resolveJob(client({ error }), { kind: "name", name: "Daily" }, inputSpelling, signal),
      );
      expect(e.kind).toBe("name-not-matched");
      expect(e.detail).toBe(error.message);
      expect(e.message).toBe(`job-name: ${error.message}`);
      expect(e.cause).toBe(error);
    }
  });

  it("other errors pass through unchanged", async () => {
    const auth = new DbtCloudAuthError({ method: "GET", path: "/jobs/7/", status: 401 });
    await expect(
      resolveJob(client({ error: auth }), { kind: "id", jobId: 7 }, flagSpelling, signal),
    ).rejects.toBe(auth);
    await expect(
      resolveJob(client({ error: auth }), { kind: "name", name: "x" }, flagSpelling, signal),
    ).rejects.toBe(auth);
  });
});
