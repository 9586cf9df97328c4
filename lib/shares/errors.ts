// The JSON error body every share endpoint answers with, as in the sandbox
// API: {"error":{"code","message"}}.
export interface ApiError { error: { code: string; message: string } }

export function apiError(code: string, message: string): ApiError {
  return { error: { code, message } };
}

export const NOT_FOUND_MESSAGE = 'No share has this link. It may have been mistyped or cut short when it was copied.';
