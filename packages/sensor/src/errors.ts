/** Base class of every error the sensor package throws; `cause` carries the underlying error. */
export class DbtCloudSensorError extends Error {
  override name = "DbtCloudSensorError";
}

/** A sensor option is invalid; thrown before any request is sent. */
export class DbtCloudSensorConfigError extends DbtCloudSensorError {
  override name = "DbtCloudSensorConfigError";
  readonly field: string;

  constructor(field: string, problem: string) {
    super(`${field}: ${problem}`);
    this.field = field;
  }
}

/**
 * A cursor could not be used: not JSON, not a sensor cursor, a newer format, or the cursor of another
 * sensor (other account, project or environment). The message says how to reset. Never a silent restart.
 */
export class DbtCloudSensorCursorError extends DbtCloudSensorError {
  override name = "DbtCloudSensorCursorError";
  readonly reason: "unreadable" | "foreign" | "unsupported-version";

  constructor(reason: "unreadable" | "foreign" | "unsupported-version", problem: string, cause?: unknown) {
    super(
      `${problem} To start over, delete the stored cursor (or pass no cursor): the sensor then reports ` +
        "runs that finish from now on (plus lookbackSeconds).",
      cause === undefined ? undefined : { cause },
    );
    this.reason = reason;
  }
}

/** A cursor store failed (I/O, database) or was given bad input. */
export class DbtCloudCursorStoreError extends DbtCloudSensorError {
  override name = "DbtCloudCursorStoreError";
}

/** Fetching or reading a finished run failed in a way the client could not retry away. */
export class DbtCloudSensorRunError extends DbtCloudSensorError {
  override name = "DbtCloudSensorRunError";
  readonly runId: number;

  constructor(runId: number, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.runId = runId;
  }
}
