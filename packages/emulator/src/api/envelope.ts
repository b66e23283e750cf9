/** dbt Cloud's response envelope and its error bodies. */

/** A response before serialisation: a JSON value in the envelope, or a raw body (artifacts). */
export interface ApiResponse {
  status: number;
  /** JSON value to serialise, or a raw body (artifacts). */
  body?: unknown;
  raw?: { contentType: string; text: string };
  headers?: Record<string, string>;
}

interface ListExtra {
  filters: Record<string, unknown>;
  order_by: string;
  pagination: { count: number; total_count: number };
}

/** A 200 envelope around `data` (with `extra` for lists). */
export function ok(data: unknown, extra?: ListExtra): ApiResponse {
  const body: Record<string, unknown> = {
    status: { code: 200, is_success: true, user_message: "Success!", developer_message: "" },
    data,
  };
  if (extra) body.extra = extra;
  return { status: 200, body };
}

/** An error envelope with dbt Cloud's `status` fields. */
export function apiError(
  status: number,
  userMessage: string,
  data: unknown = null,
  developerMessage: string | null = "",
): ApiResponse {
  return {
    status,
    body: {
      status: {
        code: status,
        is_success: false,
        user_message: userMessage,
        developer_message: developerMessage,
      },
      data,
      ...(status === 400 ? { extra: {}, error_code: null } : {}),
    },
  };
}

/** A 400 whose `data` names the problem, as dbt Cloud's validation errors do. */
export const badRequest = (detail: string): ApiResponse =>
  apiError(400, "The request was invalid. Please double check the provided data and try again.", detail);

/** The 401 dbt Cloud answers for a missing or unknown token. */
export const unauthorized = (): ApiResponse => apiError(401, "Invalid token.", null, null);

/** The 403 dbt Cloud answers when the token belongs to another account. */
export const forbidden = (): ApiResponse =>
  apiError(403, "Access denied: Token is not scoped to account.", null, null);

/** The 404 dbt Cloud answers for unknown ids (and ids the token may not see). */
export const notFound = (): ApiResponse =>
  apiError(404, "The requested resource was not found. Please check that you have the proper permissions.");

/** The 405 for a known path with another method. */
export const methodNotAllowed = (method: string): ApiResponse =>
  apiError(405, `Method "${method}" not allowed.`, null);

/** Thrown by handlers to answer with an error envelope. */
export class ApiFailure extends Error {
  override name = "ApiFailure";
  constructor(readonly response: ApiResponse) {
    super(`API error ${response.status}`);
  }
}
