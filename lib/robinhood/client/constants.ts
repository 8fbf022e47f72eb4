export const ROBINHOOD_API_BASE_URL = "https://api.robinhood.com";

/** The public web/app OAuth client id every library uses; there is no client secret (§1.1). */
export const ROBINHOOD_CLIENT_ID = "c82SH0WZOsabOXGP2sxqcj34FxkvfnWRZBKlBjFS";

/** Requested token lifetime. The server may grant a different one and the response says which. */
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 86_400;

/** Sent as `X-Robinhood-API-Version`; the server does not appear to check it (§5.2, §8.12). */
export const ROBINHOOD_API_VERSION = "1.431.4";
