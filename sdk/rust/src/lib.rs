//! Rust client of **Connector Service**, the gRPC payments gateway (`connectorservice.v1`:
//! PaymentService, RefundService, RecurringService, DisputeService, EventService).
//!
//! * [`ConnectorClient`]: async (tokio + tonic), one method per RPC, per-call [`CallOptions`],
//!   automatic UUIDv4 idempotency keys for mutating calls, optional retries.
//! * [`Error`]: the decoded `google.rpc.Status` (`ErrorInfo`, `BadRequest`, `RetryInfo`).
//! * [`with_retry`] / [`RetryPolicy`]: retries only errors the server marks retryable, with the
//!   same idempotency key.
//! * [`webhooks`]: [`WebhookInput`] for `handle_webhook`, [`parse_relay`] for the service's
//!   signed relays.
//! * [`redact`](redact()): masks card numbers, CVCs and wallet tokens; the generated `Debug` of
//!   every message already does.
//!
//! The message types are generated at build time from `proto/connectorservice/v1/*.proto` into
//! [`proto`] (prost; proto3 JSON serde via pbjson).

// `Error` keeps its decoded fields inline (public fields are the API, as in tonic::Status).
#![allow(clippy::result_large_err)]

/// The generated `connectorservice.v1` messages, enums, and tonic clients and servers.
#[allow(clippy::all, missing_docs)]
pub mod proto {
    tonic::include_proto!("connectorservice.v1");
    include!(concat!(env!("OUT_DIR"), "/connectorservice.v1.serde.rs"));
}

mod client;
mod error;
pub mod redact;
mod retry;
pub mod webhooks;

pub use client::{CallInfo, CallOptions, ClientBuilder, ConnectorClient, IdempotentRequest, DEFAULT_TIMEOUT};
pub use error::{Error, FieldViolation, ERROR_DOMAIN};
pub use proto::ErrorReason;
pub use redact::{redact, Redact};
pub use retry::{is_retryable, with_retry, RetryContext, RetryPolicy};
pub use tonic::Code;
pub use webhooks::{parse_relay, sign_relay, verify_relay_signature, WebhookInput, WebhookSignatureError};

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
