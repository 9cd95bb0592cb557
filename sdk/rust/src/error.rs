//! [`Error`]: a non-OK answer of Connector Service (or of the gRPC transport), decoded from the
//! `google.rpc.Status` in `grpc-status-details-bin` (`ErrorInfo`, `BadRequest`, `RetryInfo`,
//! read with `tonic-types`).
use std::collections::HashMap;
use std::fmt;
use std::time::Duration;

use tonic::metadata::MetadataMap;
use tonic::Code;
use tonic_types::StatusExt;

use crate::proto::ErrorReason;
use crate::redact::scrub;

/// `ErrorInfo.domain` of the errors this service raises.
pub const ERROR_DOMAIN: &str = "connectorservice.v1";

/// One `google.rpc.BadRequest.FieldViolation`: the request field and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldViolation {
    pub field: String,
    pub description: String,
}

/// A call that ended with a non-OK gRPC status (from the service, the transport, or this client:
/// a bad endpoint, invalid metadata, its own timeout).
///
/// `reason` is `ErrorInfo.reason` as sent (e.g. `"INVALID_FIELD"`; the gRPC code's name when no
/// `ErrorInfo` came). Reasons are an open set: [`Error::error_reason`] is the generated
/// [`ErrorReason`] for known ones and `None` for a reason this version does not know — match on
/// known ones, fall back to `code`.
#[derive(Clone, thiserror::Error)]
#[error("{} {reason}: {message}", code_name(*.code))]
pub struct Error {
    /// The gRPC status code.
    pub code: Code,
    /// The status message (scrubbed of card-number-like digits and the request's secrets).
    pub message: String,
    /// `ErrorInfo.reason`, or the code's name (`"UNAVAILABLE"`) when there was no `ErrorInfo`.
    pub reason: String,
    /// `reason` as the generated enum, `None` when unknown to this version (or no `ErrorInfo`).
    pub error_reason: Option<ErrorReason>,
    /// `ErrorInfo.domain` (`"connectorservice.v1"`).
    pub domain: Option<String>,
    /// `ErrorInfo.metadata`: `connector`, `flow`, `field`, `processorCode`, `processorMessage`,
    /// `retryable`.
    pub metadata: HashMap<String, String>,
    /// The offending request field (`ErrorInfo.metadata.field`, else the first violation's).
    pub field: Option<String>,
    /// `google.rpc.BadRequest` violations.
    pub field_violations: Vec<FieldViolation>,
    /// True only when the server said so: `ErrorInfo.metadata.retryable == "true"`.
    pub retryable: bool,
    /// `google.rpc.RetryInfo.retry_delay`, when sent.
    pub retry_delay: Option<Duration>,
    /// `x-request-id` the service answered with (else the one this call sent).
    pub request_id: Option<String>,
    /// `ErrorInfo.metadata.processorCode`.
    pub processor_code: Option<String>,
    /// `ErrorInfo.metadata.processorMessage`.
    pub processor_message: Option<String>,
    /// Trailing metadata `x-processor-attempts`, when the call reached its flow.
    pub processor_attempts: Option<u32>,
    /// The idempotency key the call sent (mutating calls).
    pub idempotency_key: Option<String>,
    /// The gRPC method, e.g. `/connectorservice.v1.PaymentService/Authorize`.
    pub method: Option<String>,
    has_error_info: bool,
}

fn code_name(code: Code) -> &'static str {
    match code {
        Code::Ok => "OK",
        Code::Cancelled => "CANCELLED",
        Code::Unknown => "UNKNOWN",
        Code::InvalidArgument => "INVALID_ARGUMENT",
        Code::DeadlineExceeded => "DEADLINE_EXCEEDED",
        Code::NotFound => "NOT_FOUND",
        Code::AlreadyExists => "ALREADY_EXISTS",
        Code::PermissionDenied => "PERMISSION_DENIED",
        Code::ResourceExhausted => "RESOURCE_EXHAUSTED",
        Code::FailedPrecondition => "FAILED_PRECONDITION",
        Code::Aborted => "ABORTED",
        Code::OutOfRange => "OUT_OF_RANGE",
        Code::Unimplemented => "UNIMPLEMENTED",
        Code::Internal => "INTERNAL",
        Code::Unavailable => "UNAVAILABLE",
        Code::DataLoss => "DATA_LOSS",
        Code::Unauthenticated => "UNAUTHENTICATED",
    }
}

impl Error {
    /// An error raised by this client itself (no `ErrorInfo`): `reason` is the code's name.
    pub fn client(code: Code, message: impl Into<String>) -> Self {
        Self::build(code, message.into(), None, Vec::new(), None, &[])
    }

    /// Decodes a `tonic::Status` (its `google.rpc.Status` details, `x-request-id` and
    /// `x-processor-attempts` metadata). `secrets` are scrubbed from every text kept.
    pub fn from_status(status: &tonic::Status, secrets: &[String]) -> Self {
        let (info, violations, retry_delay) = match status.check_error_details() {
            Ok(d) => (
                d.error_info().cloned(),
                d.bad_request()
                    .map(|b| {
                        b.field_violations
                            .iter()
                            .map(|v| FieldViolation { field: v.field.clone(), description: v.description.clone() })
                            .collect()
                    })
                    .unwrap_or_default(),
                d.retry_info().and_then(|r| r.retry_delay),
            ),
            // Unreadable details: fall back to the code and message.
            Err(_) => (None, Vec::new(), None),
        };
        let mut err = Self::build(
            status.code(),
            status.message().to_string(),
            info.map(|i| (i.reason, i.domain, i.metadata)),
            violations,
            retry_delay,
            secrets,
        );
        err.request_id = md_str(status.metadata(), "x-request-id");
        err.processor_attempts = md_str(status.metadata(), "x-processor-attempts").and_then(|s| s.parse().ok());
        err
    }

    /// Decodes a serialized `google.rpc.Status` (the bytes of `grpc-status-details-bin`) on its own.
    pub fn from_status_details(bytes: &[u8]) -> Result<Self, prost::DecodeError> {
        use prost::Message;
        let pb = tonic_types::pb::Status::decode(bytes)?;
        let status = tonic::Status::with_details(Code::from_i32(pb.code), pb.message.clone(), bytes.to_vec().into());
        Ok(Self::from_status(&status, &[]))
    }

    fn build(
        code: Code,
        message: String,
        info: Option<(String, String, HashMap<String, String>)>,
        violations: Vec<FieldViolation>,
        retry_delay: Option<Duration>,
        secrets: &[String],
    ) -> Self {
        let has_error_info = info.is_some();
        let (reason, domain, metadata) = match info {
            Some((r, d, m)) => (r, Some(d), m),
            None => (String::new(), None, HashMap::new()),
        };
        let reason = if reason.is_empty() { code_name(code).to_string() } else { reason };
        let metadata: HashMap<String, String> = metadata.into_iter().map(|(k, v)| (k, scrub(&v, secrets))).collect();
        let field_violations: Vec<FieldViolation> = violations
            .into_iter()
            .map(|v| FieldViolation { field: v.field, description: scrub(&v.description, secrets) })
            .collect();
        let error_reason =
            if has_error_info { ErrorReason::from_str_name(&format!("ERROR_REASON_{reason}")) } else { None };
        let get = |k: &str| metadata.get(k).filter(|v| !v.is_empty()).cloned();
        Error {
            code,
            message: scrub(&message, secrets),
            error_reason,
            domain: domain.filter(|d| !d.is_empty()),
            field: get("field").or_else(|| field_violations.first().map(|v| v.field.clone())),
            retryable: metadata.get("retryable").is_some_and(|v| v == "true"),
            processor_code: get("processorCode"),
            processor_message: get("processorMessage"),
            reason,
            metadata,
            field_violations,
            retry_delay,
            request_id: None,
            processor_attempts: None,
            idempotency_key: None,
            method: None,
            has_error_info,
        }
    }

    /// The code's name, e.g. `"INVALID_ARGUMENT"`.
    pub fn code_name(&self) -> &'static str {
        code_name(self.code)
    }

    /// `ErrorInfo.metadata.connector`.
    pub fn connector(&self) -> Option<&str> {
        self.metadata.get("connector").map(String::as_str)
    }

    /// `ErrorInfo.metadata.flow` (e.g. `get_payment`).
    pub fn flow(&self) -> Option<&str> {
        self.metadata.get("flow").map(String::as_str)
    }

    /// Whether the service sent `ErrorInfo` (an error of the service rather than of the transport).
    pub fn has_error_info(&self) -> bool {
        self.has_error_info
    }

    /// The operation may have happened: `OUTCOME_UNKNOWN`, or the call ended with
    /// `DEADLINE_EXCEEDED` / `UNKNOWN` without an answer from the service (e.g. this client's own
    /// timeout). `get_…` it, or retry with the **same** idempotency key.
    pub fn is_outcome_unknown(&self) -> bool {
        if self.error_reason == Some(ErrorReason::OutcomeUnknown) || self.reason == "OUTCOME_UNKNOWN" {
            return true;
        }
        !self.has_error_info && matches!(self.code, Code::DeadlineExceeded | Code::Unknown)
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Error");
        d.field("code", &self.code_name()).field("reason", &self.reason).field("message", &self.message);
        if let Some(v) = &self.field {
            d.field("field", v);
        }
        d.field("retryable", &self.retryable);
        if let Some(v) = &self.retry_delay {
            d.field("retry_delay", v);
        }
        if let Some(v) = &self.request_id {
            d.field("request_id", v);
        }
        if let Some(v) = &self.processor_code {
            d.field("processor_code", v);
        }
        if let Some(v) = &self.processor_message {
            d.field("processor_message", v);
        }
        if let Some(v) = &self.method {
            d.field("method", v);
        }
        d.finish_non_exhaustive()
    }
}

fn md_str(md: &MetadataMap, key: &str) -> Option<String> {
    md.get(key).and_then(|v| v.to_str().ok()).map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tonic_types::{ErrorDetails, StatusExt};

    /// A google.rpc.Status serialized by the official Python protobuf runtime (googleapis-common-protos
    /// `status_pb2` / `error_details_pb2`), independent of this crate's decoder:
    /// INVALID_ARGUMENT "card number fails the Luhn check", ErrorInfo{reason INVALID_FIELD, domain
    /// connectorservice.v1, metadata {connector: adyen, flow: authorize, field:
    /// payment_method.card.number, retryable: false}}, BadRequest{payment_method.card.number}.
    const PY_STATUS_HEX: &str = include_str!("../tests/fixtures/status_invalid_field.hex");

    #[test]
    fn decodes_a_status_serialized_by_the_official_python_runtime() {
        let bytes = hex::decode(PY_STATUS_HEX.trim()).unwrap();
        let e = Error::from_status_details(&bytes).unwrap();
        assert_eq!(e.code, Code::InvalidArgument);
        assert_eq!(e.reason, "INVALID_FIELD");
        assert_eq!(e.error_reason, Some(ErrorReason::InvalidField));
        assert_eq!(e.domain.as_deref(), Some(ERROR_DOMAIN));
        assert_eq!(e.field.as_deref(), Some("payment_method.card.number"));
        assert_eq!(e.connector(), Some("adyen"));
        assert_eq!(e.flow(), Some("authorize"));
        assert_eq!(e.field_violations.len(), 1);
        assert_eq!(e.field_violations[0].field, "payment_method.card.number");
        assert!(!e.retryable);
        assert!(!e.is_outcome_unknown());
        assert!(e.message.contains("Luhn"), "{}", e.message);
    }

    fn status_with(code: Code, msg: &str, details: ErrorDetails) -> tonic::Status {
        // Encoded by tonic-types into the google.rpc.Status bytes of grpc-status-details-bin,
        // then carried through a real header map, as a client receives it.
        let st = tonic::Status::with_error_details(code, msg, details);
        let mut headers = http::HeaderMap::new();
        st.add_header(&mut headers).unwrap();
        headers.insert("x-request-id", "req-42".parse().unwrap());
        headers.insert("x-processor-attempts", "3".parse().unwrap());
        tonic::Status::from_header_map(&headers).expect("a status in the headers")
    }

    #[test]
    fn decodes_retryable_errors_with_retry_info_and_processor_fields() {
        let mut d = ErrorDetails::with_error_info(
            "PROCESSOR_RATE_LIMITED",
            ERROR_DOMAIN,
            [
                ("connector".to_string(), "stripe".to_string()),
                ("flow".to_string(), "capture".to_string()),
                ("processorCode".to_string(), "rate_limit".to_string()),
                ("processorMessage".to_string(), "Too many requests".to_string()),
                ("retryable".to_string(), "true".to_string()),
            ],
        );
        d.set_retry_info(Some(Duration::from_millis(1500)));
        let e = Error::from_status(&status_with(Code::ResourceExhausted, "slow down", d), &[]);
        assert_eq!(e.code, Code::ResourceExhausted);
        assert_eq!(e.error_reason, Some(ErrorReason::ProcessorRateLimited));
        assert!(e.retryable);
        assert_eq!(e.retry_delay, Some(Duration::from_millis(1500)));
        assert_eq!(e.processor_code.as_deref(), Some("rate_limit"));
        assert_eq!(e.processor_message.as_deref(), Some("Too many requests"));
        assert_eq!(e.request_id.as_deref(), Some("req-42"));
        assert_eq!(e.processor_attempts, Some(3));
        assert_eq!(e.field, None);
        assert_eq!(e.to_string(), "RESOURCE_EXHAUSTED PROCESSOR_RATE_LIMITED: slow down");
    }

    #[test]
    fn unknown_reasons_are_kept_and_only_true_is_retryable() {
        let d = ErrorDetails::with_error_info(
            "SOMETHING_NEW",
            ERROR_DOMAIN,
            [("retryable".to_string(), "yes".to_string())],
        );
        let e = Error::from_status(&status_with(Code::Unavailable, "new", d), &[]);
        assert_eq!(e.reason, "SOMETHING_NEW");
        assert_eq!(e.error_reason, None);
        assert!(!e.retryable, "only the exact string \"true\" counts");
        assert!(e.has_error_info());
    }

    #[test]
    fn outcome_unknown() {
        let d = ErrorDetails::with_error_info(
            "OUTCOME_UNKNOWN",
            ERROR_DOMAIN,
            [("retryable".to_string(), "true".to_string())],
        );
        let e = Error::from_status(&status_with(Code::Unknown, "timed out after sending", d), &[]);
        assert!(e.is_outcome_unknown());
        assert_eq!(e.error_reason, Some(ErrorReason::OutcomeUnknown));
        // No ErrorInfo, deadline: the request may have reached the service.
        let local = Error::client(Code::DeadlineExceeded, "deadline");
        assert!(local.is_outcome_unknown());
        assert_eq!(local.reason, "DEADLINE_EXCEEDED");
        assert_eq!(local.error_reason, None);
        assert!(!Error::client(Code::Unavailable, "connection refused").is_outcome_unknown());
    }

    #[test]
    fn secrets_and_card_numbers_are_scrubbed_from_texts() {
        let mut d = ErrorDetails::with_error_info(
            "PROCESSOR_REJECTED",
            ERROR_DOMAIN,
            [("processorMessage".to_string(), "card 4111111111111112 refused".to_string())],
        );
        d.set_bad_request(vec![tonic_types::FieldViolation::new("stripe.number", "bad 4111111111111112")]);
        let st = status_with(Code::InvalidArgument, "echo: 4111111111111112 tok_secret_xyz", d);
        let e = Error::from_status(&st, &["tok_secret_xyz".to_string()]);
        let all = format!("{e} {e:?} {:?} {:?}", e.metadata, e.field_violations);
        assert!(!all.contains("4111111111111112") && !all.contains("tok_secret_xyz"), "{all}");
        assert!(all.contains("411111…1112"), "{all}");
    }

    #[test]
    fn garbage_details_fall_back_to_code_and_message() {
        let st = tonic::Status::with_details(Code::Internal, "boom", vec![0xff, 0xff, 0xff].into());
        let e = Error::from_status(&st, &[]);
        assert_eq!(e.reason, "INTERNAL");
        assert!(!e.has_error_info());
        assert!(Error::from_status_details(&[0xff, 0xff]).is_err());
    }
}
