/** The CLI's exit codes: stable, documented in --help and the README. */
export const EXIT = {
  success: 0,
  /** The run failed or was cancelled (or `status` read a failed / cancelled run). */
  runFailed: 1,
  /** Bad usage: unknown command or flag, invalid value, missing credentials. Nothing was sent. */
  usage: 2,
  /** --timeout passed before the run finished. */
  timeout: 3,
  /** dbt Cloud refused or failed: authentication, permissions, not found, network, unexpected answer. */
  apiError: 4,
  /** Ctrl-C (SIGINT); 143 for SIGTERM. */
  interrupted: 130,
  terminated: 143,
} as const;

export const EXIT_CODES_HELP = `Exit codes:
  0    success
  1    the run failed or was cancelled
  2    usage error (unknown command or flag, invalid value, missing credentials); nothing was sent
  3    timeout: --timeout passed (the run is cancelled unless --no-cancel-on-timeout)
  4    authentication or API error (also network errors and other failures)
  130  interrupted by Ctrl-C, after cancelling the run (--cancel-on-abort, the default); 143 for SIGTERM`;
