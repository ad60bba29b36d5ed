export const FRONTEND_URL = 'http://localhost:3000';
export const BACKEND_URL = 'http://localhost:7007';

let guestToken: Promise<string> | undefined;

/**
 * A guest user's token, as the app gets it when someone clicks "Enter". A failed sign-in is not kept: the
 * next call tries again, so one early answer from a backend still starting cannot fail every later call.
 */
function token(): Promise<string> {
  guestToken ??= fetch(`${BACKEND_URL}/api/auth/guest/refresh`, {
    method: 'POST',
  })
    .then(async res => {
      if (!res.ok)
        throw new Error(`guest sign-in: ${res.status} ${await res.text()}`);
      return (await res.json()).backstageIdentity.token as string;
    })
    .catch(error => {
      guestToken = undefined;
      throw error;
    });
  return guestToken;
}

/** GET a backend route as the guest user; throws with the server's answer on failure. */
export async function getJson<T = any>(path: string): Promise<T> {
  const res = await fetch(`${BACKEND_URL}${path}`, {
    headers: { Authorization: `Bearer ${await token()}` },
  });
  if (!res.ok)
    throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(
    `Timed out waiting for ${what}${lastError ? `: ${lastError}` : ''}`,
  );
}

/** The app answers, every demo audience has been evaluated once, and the catalog lists them. */
export async function waitForPortalReady(urls: {
  frontend: string;
  backend: string;
}): Promise<void> {
  // Installing, compiling the app and generating the demo warehouse can take minutes on a cold machine.
  const timeoutMs = 10 * 60_000;
  // Backstage's readiness answers 200 only once every plugin has started; a plugin's own routes answer
  // earlier, while sign-in may still be starting.
  await eventually(
    'the backend',
    async () =>
      (await fetch(`${urls.backend}/.backstage/health/v1/readiness`)).ok ||
      undefined,
    timeoutMs,
  );
  await eventually(
    'the app',
    async () => (await fetch(urls.frontend)).ok || undefined,
    timeoutMs,
  );
  await eventually(
    'the first audience evaluations',
    async () => {
      const { items } = await getJson('/api/audience-syncs/audiences');
      return items.every((a: any) => a.lastEvaluation?.finishedAt) || undefined;
    },
    timeoutMs,
  );
}

/** POST JSON to a backend route as the guest user; throws with the server's answer on failure. */
export async function postJson<T = any>(
  path: string,
  body: unknown,
): Promise<T> {
  const res = await fetch(`${BACKEND_URL}${path}`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${await token()}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify(body),
  });
  if (!res.ok)
    throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
