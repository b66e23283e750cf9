/** Base class of every error the sensor package throws; `cause` carries the underlying error. */
export class DbtCloudSensorError extends Error {
  override name = "DbtCloudSensorError";
}
