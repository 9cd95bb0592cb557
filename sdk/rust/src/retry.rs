//! Retries of calls the server marked retryable (`ErrorInfo.metadata.retryable == "true"`), each
//! with the **same** idempotency key; the wait is `RetryInfo`'s delay when the server sent one,
//! else exponential backoff with jitter.
use std::future::Future;
use std::time::{Duration, Instant};

use crate::Error;

/// When and how often to retry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included (default 3). 1 = no retry.
    pub max_attempts: u32,
    /// The first backoff (default 100 ms), doubled each attempt, with jitter (half to full).
    pub initial_delay: Duration,
    /// The largest backoff (default 5 s). A longer `RetryInfo` delay is still honoured.
    pub max_delay: Duration,
    /// Give up when the next attempt would start later than this after the first (default none).
    pub total_timeout: Option<Duration>,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            initial_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(5),
            total_timeout: None,
        }
    }
}

impl RetryPolicy {
    /// The default policy with `max_attempts` attempts.
    pub fn attempts(max_attempts: u32) -> Self {
        RetryPolicy { max_attempts, ..Default::default() }
    }

    /// No retries.
    pub fn none() -> Self {
        Self::attempts(1)
    }

    /// The wait before attempt `attempt + 1` (`attempt` ≥ 1): `RetryInfo`'s delay when `err`
    /// carries one, else `min(max_delay, initial_delay·2^(attempt−1))` scaled by `0.5 + jitter/2`
    /// (`jitter` in [0, 1)).
    pub fn backoff(&self, attempt: u32, err: &Error, jitter: f64) -> Duration {
        if let Some(hint) = err.retry_delay {
            return hint;
        }
        let exp = self
            .initial_delay
            .saturating_mul(2u32.saturating_pow(attempt.saturating_sub(1).min(30)))
            .min(self.max_delay);
        exp.mul_f64(0.5 + jitter.clamp(0.0, 1.0) / 2.0)
    }
}

/// What every attempt of [`with_retry`] gets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryContext {
    /// 1 for the first attempt.
    pub attempt: u32,
    /// The same for every attempt: pass it as the call's idempotency key.
    pub idempotency_key: String,
}

/// The server's verdict: the error says `retryable` (`"true"` in `ErrorInfo.metadata`).
pub fn is_retryable(err: &Error) -> bool {
    err.retryable
}

pub(crate) fn jitter() -> f64 {
    // 53 random bits from a UUIDv4 (uuid's RNG): jitter needs no cryptographic quality.
    (uuid::Uuid::new_v4().as_u128() >> 75) as f64 / (1u64 << 53) as f64
}

/// Runs `f` until it succeeds, fails with an error the server did not mark retryable, or the
/// attempts run out; the last error is returned. Every attempt gets the same idempotency key
/// (`idempotency_key`, else a new UUIDv4):
///
/// ```no_run
/// # async fn demo(client: connectorservice_client::ConnectorClient, req: connectorservice_client::proto::CaptureRequest) -> Result<(), connectorservice_client::Error> {
/// use connectorservice_client::{with_retry, CallOptions, RetryPolicy};
/// let payment = with_retry(&RetryPolicy::attempts(4), None, |ctx| {
///     let opts = CallOptions::new().idempotency_key(ctx.idempotency_key);
///     let (client, req) = (client.clone(), req.clone());
///     async move { client.capture_with(req, &opts).await }
/// })
/// .await?;
/// # Ok(()) }
/// ```
pub async fn with_retry<T, F, Fut>(policy: &RetryPolicy, idempotency_key: Option<String>, mut f: F) -> Result<T, Error>
where
    F: FnMut(RetryContext) -> Fut,
    Fut: Future<Output = Result<T, Error>>,
{
    let key = idempotency_key.filter(|k| !k.is_empty()).unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    let max_attempts = policy.max_attempts.max(1);
    let started = Instant::now();
    let mut attempt = 1;
    loop {
        match f(RetryContext { attempt, idempotency_key: key.clone() }).await {
            Ok(v) => return Ok(v),
            Err(err) => {
                if attempt >= max_attempts || !is_retryable(&err) {
                    return Err(err);
                }
                let delay = policy.backoff(attempt, &err, jitter());
                if let Some(total) = policy.total_timeout {
                    if started.elapsed() + delay > total {
                        return Err(err);
                    }
                }
                tokio::time::sleep(delay).await;
                attempt += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};
    use tonic::Code;
    use tonic_types::{ErrorDetails, StatusExt};

    fn err(reason: &str, retryable: bool, delay: Option<Duration>) -> Error {
        let mut d = ErrorDetails::with_error_info(
            reason,
            crate::ERROR_DOMAIN,
            [("retryable".to_string(), retryable.to_string())],
        );
        if delay.is_some() {
            d.set_retry_info(delay);
        }
        Error::from_status(&tonic::Status::with_error_details(Code::Unavailable, "x", d), &[])
    }

    #[tokio::test(start_paused = true)]
    async fn same_key_on_every_attempt_and_retry_info_honoured() {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let started = tokio::time::Instant::now();
        let out = with_retry(&RetryPolicy::attempts(4), None, |ctx| {
            let seen = seen.clone();
            async move {
                seen.lock().unwrap().push((ctx.attempt, ctx.idempotency_key.clone()));
                if ctx.attempt < 3 {
                    Err(err("CIRCUIT_OPEN", true, Some(Duration::from_millis(700))))
                } else {
                    Ok(ctx.idempotency_key)
                }
            }
        })
        .await
        .unwrap();
        let seen = seen.lock().unwrap();
        assert_eq!(seen.len(), 3);
        assert!(seen.iter().all(|(_, k)| k == &out));
        assert_eq!(uuid::Uuid::parse_str(&out).unwrap().get_version_num(), 4);
        assert_eq!(started.elapsed(), Duration::from_millis(1400), "two RetryInfo waits of 700 ms");
    }

    #[tokio::test(start_paused = true)]
    async fn only_retryable_errors_are_retried() {
        let mut calls = 0;
        let e = with_retry(&RetryPolicy::attempts(5), Some("my-key".into()), |ctx| {
            calls += 1;
            assert_eq!(ctx.idempotency_key, "my-key");
            async { Err::<(), _>(err("PROCESSOR_REJECTED", false, None)) }
        })
        .await
        .unwrap_err();
        assert_eq!(calls, 1);
        assert_eq!(e.reason, "PROCESSOR_REJECTED");

        let mut calls = 0;
        let e = with_retry(&RetryPolicy::attempts(3), None, |_| {
            calls += 1;
            async { Err::<(), _>(err("OVERLOADED", true, None)) }
        })
        .await
        .unwrap_err();
        assert_eq!(calls, 3, "gives up after max_attempts");
        assert!(e.retryable);
    }

    #[test]
    fn backoff_doubles_caps_and_jitters() {
        let p = RetryPolicy::default();
        let e = err("OVERLOADED", true, None);
        assert_eq!(p.backoff(1, &e, 0.999_999).as_millis(), 99);
        assert_eq!(p.backoff(1, &e, 0.0), Duration::from_millis(50));
        assert_eq!(p.backoff(3, &e, 0.0), Duration::from_millis(200));
        assert_eq!(p.backoff(20, &e, 0.0), Duration::from_millis(2500));
        let hinted = err("RATE_LIMITED", true, Some(Duration::from_secs(9)));
        assert_eq!(p.backoff(1, &hinted, 0.5), Duration::from_secs(9));
        for _ in 0..100 {
            let j = jitter();
            assert!((0.0..1.0).contains(&j));
        }
    }
}
