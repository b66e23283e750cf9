import { DbtCloudRunError } from "./dbt-cloud-run-error.js";

const plainInstanceOf = Function.prototype[Symbol.hasInstance];

/**
 * The base of every error this package throws, so callers can catch the family:
 * `if (error instanceof DbtCloudAssetsError)`. `DbtCloudRunError` extends the client's
 * `DbtCloudRunFailedError` instead (so code catching the client's error catches it too); `instanceof
 * DbtCloudAssetsError` counts it as a member of this family all the same.
 */
export class DbtCloudAssetsError extends Error {
  override readonly name: string = "DbtCloudAssetsError";

  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class `instanceof` was asked about (a subclass too)
    if (plainInstanceOf.call(this, value)) return true;
    // Only the base class also claims the run error; subclasses keep plain `instanceof`.
    // biome-ignore lint/complexity/noThisInStatic: only the base class itself also claims the run error
    return this === DbtCloudAssetsError && value instanceof DbtCloudRunError;
  }
}
