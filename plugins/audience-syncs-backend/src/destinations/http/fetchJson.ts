import { fetchWithTimeout } from './fetchWithTimeout';

/** An HTTP answer with its body parsed as JSON. */
export interface JsonAnswer {
  status: number;
  headers: Headers;
  /** The parsed body; `{}` for an empty body, `undefined` for one that is not JSON. */
  body: unknown;
}

/**
 * One JSON request (see `fetchWithTimeout`): `body`, when given, is sent as JSON with its content
 * type; the whole answer is read before returning. Network failures, time-outs and aborts are thrown
 * as `fetch` throws them.
 */
export async function fetchJson(
  url: string | URL,
  request: {
    method: string;
    headers: Record<string, string>;
    body?: unknown;
    timeoutMs: number;
    signal?: AbortSignal;
  },
): Promise<JsonAnswer> {
  const { method, headers, body, timeoutMs, signal } = request;
  const response = await fetchWithTimeout(
    url,
    {
      method,
      headers: {
        ...headers,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    },
    { timeoutMs, signal },
  );
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: parseJson(text),
  };
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    return undefined;
  }
}
