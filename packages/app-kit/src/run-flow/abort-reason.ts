/** The text of an abort signal's reason ("received SIGTERM"). */
export function abortReasonText(signal: AbortSignal): string {
  return signal.reason instanceof Error ? signal.reason.message : String(signal.reason);
}
