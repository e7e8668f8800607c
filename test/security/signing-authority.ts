import { generateKeyPairSync, type KeyObject, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';

/** Bot Framework's token issuer for channel traffic: what botbuilder insists on. */
export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';

/**
 * A stand-in for Bot Framework's token service: it publishes OpenID metadata and a JWKS on loopback, and
 * mints tokens with its key, so botbuilder's own validation runs against tokens a test shapes at will.
 */
export class SigningAuthority {
  readonly kid = randomUUID();
  private readonly keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  private server?: Server;
  url = '';

  get metadataUrl(): string {
    return `${this.url}/.well-known/openid-configuration`;
  }

  async start(): Promise<this> {
    const jwk = { ...this.keys.publicKey.export({ format: 'jwk' }), kid: this.kid, use: 'sig', alg: 'RS256', endorsements: ['msteams'] };
    this.server = createServer((req, res) => {
      const body =
        req.url === '/keys'
          ? { keys: [jwk] }
          : { issuer: BOT_FRAMEWORK_ISSUER, jwks_uri: `${this.url}/keys`, id_token_signing_alg_values_supported: ['RS256'] };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** A channel token as Bot Framework signs one; `claims` and `options` bend it for each case. */
  async token(
    claims: { aud: string; serviceurl?: string; iss?: string; [k: string]: unknown },
    options: { expiresInSeconds?: number; key?: KeyObject } = {},
  ): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const { aud, iss = BOT_FRAMEWORK_ISSUER, ...rest } = claims;
    return new SignJWT(rest)
      .setProtectedHeader({ alg: 'RS256', kid: this.kid, typ: 'JWT' })
      .setIssuer(iss)
      .setAudience(aud)
      .setIssuedAt(now - 60)
      .setNotBefore(now - 60)
      .setExpirationTime(now + (options.expiresInSeconds ?? 600))
      .sign(options.key ?? this.keys.privateKey);
  }

  /** The same claims with no signature at all ("alg": "none"). */
  unsigned(claims: Record<string, unknown>): string {
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    return `${part({ alg: 'none', typ: 'JWT', kid: this.kid })}.${part({ iss: BOT_FRAMEWORK_ISSUER, iat: now, exp: now + 600, ...claims })}.`;
  }
}
