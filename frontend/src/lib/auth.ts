/**
 * The UI's bearer token. The demo runs the hub with its `dev` profile, whose development-only token
 * endpoint issues the token of a demo moderator; a deployment puts its identity provider here.
 * The token is reused until a minute before it expires.
 */
const DEV_TOKEN_ENDPOINT = '/api/v1/dev/tokens';
const DEMO_IDENTITY = { user: 'demo', roles: ['moderator'] };
const RENEW_BEFORE_MS = 60_000;

interface IssuedToken {
  token: string;
  expiresAt: number;
}

let current: Promise<IssuedToken> | null = null;

async function issue(): Promise<IssuedToken> {
  const response = await fetch(DEV_TOKEN_ENDPOINT, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(DEMO_IDENTITY),
  });
  if (!response.ok) {
    throw new Error(`POST ${DEV_TOKEN_ENDPOINT} answered ${response.status}`);
  }
  const body = (await response.json()) as { token: string; expires_at: string };
  return { token: body.token, expiresAt: Date.parse(body.expires_at) };
}

/** A valid bearer token, issued on first use and renewed shortly before it expires. */
export async function accessToken(): Promise<string> {
  const cached = current ? await current.catch(() => null) : null;
  if (!cached || cached.expiresAt - Date.now() < RENEW_BEFORE_MS) {
    current = issue();
    return (await current).token;
  }
  return cached.token;
}

/** `fetch` with the bearer token. */
export async function authorizedFetch(input: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('Authorization', `Bearer ${await accessToken()}`);
  return fetch(input, { ...init, headers });
}
