export { CURSOR_FORMAT, CURSOR_VERSION, MAX_REPORTED } from "./cursor.js";
export {
  DbtCloudCursorStoreError,
  DbtCloudSensorConfigError,
  DbtCloudSensorCursorError,
  DbtCloudSensorError,
  DbtCloudSensorRunError,
} from "./errors.js";
export { buildDbtCloudPollingSensor } from "./polling-sensor.js";
export type { CursorStore, LeaseRequest, SaveResult, StoredCursor } from "./stores/cursor-store.js";
export { FileCursorStore } from "./stores/file-cursor-store.js";
export { MemoryCursorStore } from "./stores/memory-cursor-store.js";
export {
  type PgQuery,
  PostgresCursorStore,
  type PostgresCursorStoreOptions,
} from "./stores/postgres-cursor-store.js";
export type {
  DbtCloudPollingSensor,
  DbtCloudPollingSensorOptions,
  ProcessWebhookOptions,
  RunOptions,
  SensorEvent,
  SensorRun,
  TickOptions,
  TickResult,
  WebhookInput,
  WebhookResult,
} from "./types.js";
export * from "./webhooks/index.js";
