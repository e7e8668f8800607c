import type { TokenCredential } from '@azure/identity';
import type { Clock } from '../clock.js';

/** The audience of Microsoft Entra tokens for Azure Database for PostgreSQL. */
const POSTGRES_SCOPE = 'https://ossrdbms-aad.database.windows.net/.default';
/** A token is replaced this long before it expires, so no connection is opened with one about to lapse. */
const REFRESH_BEFORE_MS = 5 * 60_000;

/**
 * PostgreSQL's password as a Microsoft Entra access token, for a STORE_URL that names no password: the
 * bot's managed identity on Azure (AZURE_CLIENT_ID names the user-assigned one), a developer's `az login`
 * elsewhere, whichever DefaultAzureCredential finds. pg asks for it on every new connection and only when
 * the server wants a password, so a local server that trusts its clients never causes a token request.
 * A token lives about an hour; the same one serves every connection until shortly before it expires.
 */
export function entraPassword(clock: Clock): () => Promise<string> {
  let credential: TokenCredential | undefined;
  let cached: { token: string; expiresAt: number } | undefined;
  return async () => {
    if (cached && cached.expiresAt - REFRESH_BEFORE_MS > clock().getTime()) return cached.token;
    if (!credential) {
      // Loaded only when a server asks: local development and the tests never load it.
      const { DefaultAzureCredential } = await import('@azure/identity');
      credential = new DefaultAzureCredential();
    }
    let token: Awaited<ReturnType<TokenCredential['getToken']>>;
    try {
      token = await credential.getToken(POSTGRES_SCOPE);
    } catch (error) {
      throw new Error(`no Microsoft Entra token for PostgreSQL (STORE_URL names no password): ${(error as Error).message}`);
    }
    if (!token) throw new Error('no Microsoft Entra token for PostgreSQL (STORE_URL names no password)');
    cached = { token: token.token, expiresAt: token.expiresOnTimestamp };
    return token.token;
  };
}
