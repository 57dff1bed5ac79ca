// api.js: the dashboard's only way to the data: GET /api/... as JSON.

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

// Builds "api/<path>?k=v" from an object, skipping empty values. Relative to
// the page, so the dashboard also works behind a path prefix.
export function apiUrl(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
  }
  const qs = query.toString();
  return `api/${path}${qs ? `?${qs}` : ''}`;
}

export async function getJson(path, params = {}) {
  const response = await fetch(apiUrl(path, params), { headers: { Accept: 'application/json' } });
  let body = null;
  try {
    body = await response.json();
  } catch (_) {
    throw new ApiError(response.status, 'bad_response', `HTTP ${response.status}: the server did not answer JSON`);
  }
  if (!response.ok) {
    const err = body && body.error ? body.error : { code: 'http', message: `HTTP ${response.status}` };
    throw new ApiError(response.status, err.code, err.message);
  }
  return body;
}

// The CSV download link for a list with the same filters (every page).
export function csvUrl(path, params = {}) {
  const p = { ...params, format: 'csv', all: 'true' };
  delete p.cursor;
  delete p.limit;
  return apiUrl(path, p);
}
