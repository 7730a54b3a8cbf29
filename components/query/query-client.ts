// The browser's one QueryClient (and a fresh one per server render, so no request ever sees
// another's cache), with the console's defaults: reads retried by the retry policy, refetched when
// the tab becomes visible again or the network comes back (only when older than STALE_MS), and
// mutations never retried.
import { QueryClient, isServer } from "@tanstack/react-query";
import { readRetryDelay, shouldRetryRead } from "./retry-policy";

/** Data younger than this is not refetched on focus, reconnect or mount. */
export const STALE_MS = 10_000;

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: STALE_MS,
        retry: shouldRetryRead,
        retryDelay: readRetryDelay,
        refetchOnWindowFocus: true,
        refetchOnReconnect: true,
        refetchIntervalInBackground: false,
      },
      // Money is never moved twice behind the agent's back.
      mutations: { retry: false },
    },
  });
}

let browserQueryClient: QueryClient | undefined;

export function getQueryClient(): QueryClient {
  if (isServer) return makeQueryClient();
  browserQueryClient ??= makeQueryClient();
  return browserQueryClient;
}
