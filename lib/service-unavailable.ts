// How a page that failed because the console's database cannot be reached is told apart in the
// browser: Next hands an error boundary only the error's `digest` (never its message in production),
// and server/db/errors sets this one on every "database unavailable" DbError.
export const DATABASE_UNAVAILABLE_DIGEST = "PAYSCORE_DATABASE_UNAVAILABLE";

export function isDatabaseUnavailableDigest(digest: string | undefined): boolean {
  return digest === DATABASE_UNAVAILABLE_DIGEST;
}
