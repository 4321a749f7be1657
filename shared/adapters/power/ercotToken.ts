/**
 * ERCOT's public API wants two credentials on every call: the subscription key of the owner's API
 * Explorer product (`Ocp-Apim-Subscription-Key`) and an ID token from ERCOT's Azure AD B2C login
 * (`Authorization: Bearer <id_token>`). The token comes from the resource-owner password flow:
 * the owner's API Explorer username and password POSTed to the B2C token endpoint with ERCOT's
 * published client id; it lasts an hour and cannot be refreshed, so a new one is asked for when it
 * nears its end or when the API refuses it (401). Sources: ERCOT developer portal, "Registration and
 * authentication" (developer.ercot.com/applications/pubapi/user-guide/registration-and-authentication),
 * ercot/api-specs discussion #66; the client id and scope are ERCOT's, the same for every user.
 *
 * The form goes in the POST body (OAuth 2.0, RFC 6749 section 4.3.2), not in the URL as ERCOT's
 * curl example has it, so that the password never sits in a URL a proxy or a log could keep.
 */
import * as z from '../../schema/z';
import { PowerPriceError } from '../../domain/power/powerPriceError';
import { requestPowerData, type PowerHttp } from './powerRequest';

export const ERCOT_TOKEN_URL =
  'https://ercotb2c.b2clogin.com/ercotb2c.onmicrosoft.com/B2C_1_PUBAPI-ROPC-FLOW/oauth2/v2.0/token';
/** ERCOT's public client id for the API's login, published in its user guide (not a secret). */
export const ERCOT_CLIENT_ID = 'fec253ea-0d06-4272-a5e6-b478baeecd70';

/** What the owner holds for ERCOT (kept in SSM Parameter Store as SecureStrings). */
export interface ErcotCredentials {
  username: string;
  password: string;
  subscriptionKey: string;
}

const tokenAnswerSchema = z.object({
  id_token: z.string().check(z.minLength(1)),
  /** Seconds; ERCOT documents one hour. */
  expires_in: z.optional(z.union([z.number(), z.string()])),
});

/** Ask for a new token this long before the old one ends (a call must not start with a dying token). */
const RENEW_BEFORE_END_MS = 5 * 60_000;
const DEFAULT_LIFETIME_S = 3600;

export class ErcotTokenSource {
  private token: { idToken: string; validUntilMs: number } | undefined;

  constructor(
    private readonly site: string,
    private readonly http: PowerHttp,
    private readonly tokenUrl: string = ERCOT_TOKEN_URL,
    private readonly now: () => number = Date.now,
  ) {}

  /** A token valid for a few more minutes at least: the kept one, or a new one. */
  async idToken(credentials: ErcotCredentials): Promise<string> {
    if (this.token && this.now() < this.token.validUntilMs - RENEW_BEFORE_END_MS) return this.token.idToken;
    const form = new URLSearchParams({
      username: credentials.username,
      password: credentials.password,
      grant_type: 'password',
      scope: `openid ${ERCOT_CLIENT_ID} offline_access`,
      client_id: ERCOT_CLIENT_ID,
      response_type: 'id_token',
    });
    const body = await requestPowerData(this.site, 'ercot-login', this.tokenUrl, this.http, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      throw new PowerPriceError(this.site, 'ercot-login', 'not-data', 'the token answer is not JSON');
    }
    const parsed = tokenAnswerSchema.safeParse(json);
    if (!parsed.success)
      throw new PowerPriceError(
        this.site,
        `ercot-login.${parsed.error.issues[0]!.path.join('.') || '(root)'}`,
        'schema',
        parsed.error.issues[0]!.message,
      );
    const lifetimeS = Number(parsed.data.expires_in ?? DEFAULT_LIFETIME_S);
    this.token = {
      idToken: parsed.data.id_token,
      validUntilMs: this.now() + (Number.isFinite(lifetimeS) && lifetimeS > 0 ? lifetimeS : DEFAULT_LIFETIME_S) * 1000,
    };
    return this.token.idToken;
  }

  /** Forget the kept token (the API refused it). */
  forget(): void {
    this.token = undefined;
  }
}
