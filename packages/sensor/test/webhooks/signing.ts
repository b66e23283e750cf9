import { createHmac } from "node:crypto";

export const SECRET = "dbt-cloud-webhook-secret-for-tests";

export const sign = (body: string | Buffer, secret = SECRET) =>
  createHmac("sha256", secret).update(body).digest("hex");

/** The "completed" example from dbt's "Webhooks for your jobs" page, as dbt Cloud sends it. */
export function completedEvent(overrides: { eventId?: string; runId?: string; eventType?: string } = {}) {
  return {
    accountId: 1,
    webhooksID: "wsu_12345abcde",
    eventId: overrides.eventId ?? "wev_2L6ZDoilyiWzKkSA59Gmc2d7FDD",
    timestamp: "2023-01-31T19:29:35.789265936Z",
    eventType: overrides.eventType ?? "job.run.completed",
    webhookName: "test",
    data: {
      jobId: "123",
      jobName: "Daily Job (dbt build)",
      runId: overrides.runId ?? "12345",
      environmentId: "1234",
      environmentName: "Production",
      dbtVersion: "1.0.0",
      projectName: "Snowflake Github Demo",
      projectId: "167194",
      runStatus: "Success",
      runStatusCode: 10,
      runStatusMessage: "None",
      runReason: "Kicked off from UI by test@test.com",
      runStartedAt: "2023-01-31T19:28:07Z",
      runFinishedAt: "2023-01-31T19:29:32Z",
    },
  };
}

export function signed(value: unknown, secret = SECRET) {
  const rawBody = Buffer.from(JSON.stringify(value));
  return { rawBody, authorization: sign(rawBody, secret) };
}
