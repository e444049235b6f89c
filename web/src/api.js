// Talking to the HTTP API: JSON in, JSON out, errors as one line.

export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

export function query(params) {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value === null || value === undefined || value === '') continue;
    if (Array.isArray(value)) value.forEach((item) => out.append(key, item));
    else out.append(key, String(value));
  }
  const text = out.toString();
  return text ? `?${text}` : '';
}

async function parse(response) {
  let body = null;
  try { body = await response.json(); } catch (error) { body = null; }
  if (!response.ok) {
    const detail = body && typeof body.detail === 'string' ? body.detail : `${response.status} ${response.statusText}`;
    throw new ApiError(response.status, detail);
  }
  return body;
}

export async function get(path, params) {
  return parse(await fetch(`/api${path}${query(params)}`, {headers: {accept: 'application/json'}}));
}

export async function post(path, body, token) {
  const headers = {'content-type': 'application/json', accept: 'application/json'};
  if (token) headers.authorization = `Bearer ${token}`;
  return parse(await fetch(`/api${path}`, {method: 'POST', headers, body: JSON.stringify(body)}));
}
