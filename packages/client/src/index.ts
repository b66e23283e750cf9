export { type Logger, noopLogger } from "./logger.js";
