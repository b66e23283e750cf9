/** Base class of every error the emulator throws. */
export class EmulatorError extends Error {
  override name = "EmulatorError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The configuration (file, CLI flags or `startEmulator` options) is invalid. */
export class EmulatorConfigError extends EmulatorError {
  override name = "EmulatorConfigError";
  /** One line per problem: `<field path>: <problem>. <fix>` */
  readonly problems: readonly string[];
  constructor(problems: readonly string[], options?: { cause?: unknown }) {
    super(`Invalid emulator config:\n${problems.map((p) => `  - ${p}`).join("\n")}`, options);
    this.problems = problems;
  }
}
