export { DbtCloudSensorError } from "./errors.js";
