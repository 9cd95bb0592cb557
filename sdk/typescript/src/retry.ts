// Retries of calls the server marked retryable, with the same idempotency key each time.
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { ConnectorServiceError } from "./errors";

export interface RetryOptions {
  /** Attempts in all, the first included (default 3). 1 = no retry. */
  maxAttempts?: number;
  /** The first backoff (default 100 ms); doubled each attempt, with full jitter. */
  initialDelayMs?: number;
  /** The largest backoff (default 5000 ms). A longer RetryInfo delay is still honoured. */
  maxDelayMs?: number;
  /** Give up when the next attempt would start after this many ms since the first (default: no limit). */
  totalTimeoutMs?: number;
  /** Stop waiting and rethrow the last error when aborted. */
  signal?: AbortSignal;
  /** Called before each wait. */
  onRetry?: (info: { attempt: number; delayMs: number; error: ConnectorServiceError }) => void;
  /** Replaces the rule (default: err is a ConnectorServiceError with retryable = true). */
  shouldRetry?: (err: unknown) => boolean;
  /** Jitter source (tests): a number in [0, 1). */
  random?: () => number;
}

export interface RetryContext {
  /** 1 for the first attempt. */
  attempt: number;
  /** The same for every attempt: pass it as the call's idempotencyKey. */
  idempotencyKey: string;
}

export const DEFAULT_RETRY: Required<Pick<RetryOptions, "maxAttempts" | "initialDelayMs" | "maxDelayMs">> = {
  maxAttempts: 3,
  initialDelayMs: 100,
  maxDelayMs: 5000,
};

/** The server's verdict: ErrorInfo metadata retryable == "true". */
export function isRetryable(err: unknown): boolean {
  return err instanceof ConnectorServiceError && err.retryable;
}

/** The wait before attempt `attempt + 1`: RetryInfo's delay when sent, else exponential backoff with full jitter. */
export function backoffDelayMs(attempt: number, err: unknown, opts: RetryOptions = {}): number {
  const initial = opts.initialDelayMs ?? DEFAULT_RETRY.initialDelayMs;
  const max = opts.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs;
  const random = opts.random ?? Math.random;
  const exp = Math.min(max, initial * 2 ** (attempt - 1));
  const jittered = Math.round(exp / 2 + (random() * exp) / 2);
  const hinted = err instanceof ConnectorServiceError ? err.retryDelayMs : undefined;
  return hinted !== undefined ? Math.max(hinted, 0) : jittered;
}

/**
 * Runs `fn` until it succeeds, fails with an error the server did not mark retryable, or the
 * attempts run out. `fn` gets the same idempotency key every time (`opts.idempotencyKey`, else a
 * new UUIDv4): give it to the call, e.g.
 *
 *   await withRetry(({ idempotencyKey }) => client.capture(req, { idempotencyKey }));
 */
export async function withRetry<T>(
  fn: (ctx: RetryContext) => Promise<T>,
  opts: RetryOptions & { idempotencyKey?: string } = {},
): Promise<T> {
  const maxAttempts = Math.max(1, opts.maxAttempts ?? DEFAULT_RETRY.maxAttempts);
  const idempotencyKey = opts.idempotencyKey ?? randomUUID();
  const shouldRetry = opts.shouldRetry ?? isRetryable;
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn({ attempt, idempotencyKey });
    } catch (err) {
      if (attempt >= maxAttempts || !shouldRetry(err) || opts.signal?.aborted) throw err;
      const delayMs = backoffDelayMs(attempt, err, opts);
      if (opts.totalTimeoutMs !== undefined && Date.now() - started + delayMs > opts.totalTimeoutMs) throw err;
      if (err instanceof ConnectorServiceError) opts.onRetry?.({ attempt, delayMs, error: err });
      try {
        await sleep(delayMs, undefined, opts.signal ? { signal: opts.signal } : undefined);
      } catch {
        throw err; // aborted while waiting
      }
    }
  }
}
