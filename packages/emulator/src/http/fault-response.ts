import type { ApiResponse } from "../api/envelope.js";
import { apiError } from "../api/envelope.js";
import type { ActiveFault } from "./faults.js";

const HTML_502 = `<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>cloudflare</center>
</body>
</html>
`;

/** The response a status fault sends in place of (or over) the real one. */
export function faultResponse(
  fault: ActiveFault,
  real: { status: number; text: string } | undefined,
): {
  status: number;
  contentType: string;
  text: string;
  headers: Record<string, string>;
} {
  const headers: Record<string, string> = {};
  if (fault.retryAfterSeconds !== undefined) {
    headers["retry-after"] = String(fault.retryAfterSeconds);
    headers["x-rate-limit-retry-after-seconds"] = String(fault.retryAfterSeconds);
  }
  const body = fault.body ?? (fault.status === 502 ? "html" : "envelope");
  const status = fault.status ?? (body === "truncated-json" ? (real?.status ?? 200) : 502);
  if (body === "html") return { status, contentType: "text/html", text: HTML_502, headers };
  if (body === "empty") return { status, contentType: "application/json", text: "", headers };
  if (body === "truncated-json") {
    const full =
      real?.text && real.text.length > 2
        ? real.text
        : JSON.stringify({
            status: { code: status, is_success: status < 400, user_message: "", developer_message: "" },
            data: null,
          });
    return {
      status,
      contentType: "application/json",
      text: full.slice(0, Math.max(1, Math.floor(full.length / 2))),
      headers,
    };
  }
  const envelope: ApiResponse =
    status === 429
      ? apiError(429, "Too many requests. Please wait before retrying.")
      : apiError(
          status,
          status >= 500 ? "An unexpected error occurred. Please try again." : "The request failed.",
        );
  return { status, contentType: "application/json", text: JSON.stringify(envelope.body), headers };
}
