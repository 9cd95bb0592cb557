//! Webhook helpers.
//!
//! * [`WebhookInput`] for [`ConnectorClient::handle_webhook`](crate::ConnectorClient::handle_webhook):
//!   your own receiver forwards a processor's webhook (headers + raw body); the secret travels as
//!   `x-webhook-secret` metadata, never in the body.
//! * [`parse_relay`]: the service's HTTP receiver POSTs verified events to `webhooks.sink_url` as
//!   the proto3 JSON of `WebhookRelay`, signed `X-Connector-Signature: t=<unix>,v1=<hex
//!   HMAC-SHA256(key, "<t>.<body>")>`. Check it over the raw bytes, then parse into the same
//!   generated [`Event`](crate::proto::Event) type `handle_webhook` returns.
use std::collections::HashMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::proto::WebhookRelay;

/// The relay's signature header (HTTP header names are case-insensitive).
pub const SIGNATURE_HEADER: &str = "X-Connector-Signature";
/// The default bound on the age of a relay's timestamp, both ways.
pub const DEFAULT_TOLERANCE: Duration = Duration::from_secs(300);

type HmacSha256 = Hmac<Sha256>;

/// A processor's webhook as your receiver got it, for `handle_webhook`.
#[derive(Clone, Default)]
pub struct WebhookInput {
    /// The processor that sent it (`adyen`, `stripe`, …).
    pub connector: String,
    /// The headers as received (one value per name; repeated ones joined with ", ").
    pub headers: HashMap<String, String>,
    /// The raw body, byte for byte.
    pub body: Vec<u8>,
    /// Verify with this merchant account's configured secret (`x-merchant-account`).
    pub merchant_account: Option<String>,
    /// Or with this secret (Adyen HMAC key in hex, Stripe `whsec_…`), sent as `x-webhook-secret`.
    pub secret: Option<String>,
}

impl WebhookInput {
    pub fn new(connector: impl Into<String>, body: impl Into<Vec<u8>>) -> Self {
        WebhookInput { connector: connector.into(), body: body.into(), ..Default::default() }
    }
    /// Adds a header (a repeated name is joined with ", ").
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        let (name, value) = (name.into(), value.into());
        self.headers
            .entry(name)
            .and_modify(|v| {
                v.push_str(", ");
                v.push_str(&value)
            })
            .or_insert(value);
        self
    }
    pub fn secret(mut self, secret: impl Into<String>) -> Self {
        self.secret = Some(secret.into());
        self
    }
    pub fn merchant_account(mut self, account: impl Into<String>) -> Self {
        self.merchant_account = Some(account.into());
        self
    }
}

impl std::fmt::Debug for WebhookInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WebhookInput")
            .field("connector", &self.connector)
            .field("headers", &self.headers)
            .field("body_len", &self.body.len())
            .field("merchant_account", &self.merchant_account)
            .field("secret", &self.secret.as_ref().map(|_| crate::redact::REDACTED))
            .finish()
    }
}

/// Why a relay was refused; nothing from its body was returned. Answer 401 (400 for `BadBody`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WebhookSignatureError {
    #[error("the X-Connector-Signature header is missing")]
    MissingHeader,
    #[error("X-Connector-Signature is not t=<unix>,v1=<hex>")]
    MalformedHeader,
    #[error("X-Connector-Signature does not match the body")]
    BadSignature,
    #[error("the X-Connector-Signature timestamp is more than {0:?} from now")]
    Stale(Duration),
    #[error("no signing key given")]
    NoKey,
    #[error("the relay body is not a WebhookRelay: {0}")]
    BadBody(String),
}

fn mac_for(key: &[u8], t: &str, body: &[u8]) -> HmacSha256 {
    let mut mac = HmacSha256::new_from_slice(key).expect("HMAC takes a key of any length");
    mac.update(t.as_bytes());
    mac.update(b".");
    mac.update(body);
    mac
}

fn now_unix() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

/// The `X-Connector-Signature` value the service sends for `body` at `unix_time` (tests, tools).
pub fn sign_relay(body: &[u8], signing_key: &[u8], unix_time: u64) -> String {
    let t = unix_time.to_string();
    let sig = mac_for(signing_key, &t, body).finalize().into_bytes();
    format!("t={t},v1={}", hex::encode(sig))
}

/// Checks `signature_header` against the raw `body`: one of its `v1` entries must be the
/// HMAC-SHA256 (compared in constant time by `hmac`'s `verify_slice`) and `t` within `tolerance`
/// of `now` (`None`: no age bound). Returns the timestamp.
pub fn verify_relay_signature_at(
    body: &[u8],
    signature_header: Option<&str>,
    signing_key: &[u8],
    tolerance: Option<Duration>,
    now_unix_secs: u64,
) -> Result<u64, WebhookSignatureError> {
    let header = signature_header.filter(|h| !h.trim().is_empty()).ok_or(WebhookSignatureError::MissingHeader)?;
    if signing_key.is_empty() {
        return Err(WebhookSignatureError::NoKey);
    }
    let mut t: Option<&str> = None;
    let mut candidates: Vec<&str> = Vec::new();
    for part in header.split(',') {
        let Some((k, v)) = part.split_once('=') else { continue };
        match k.trim() {
            "t" => t = Some(v.trim()),
            "v1" => candidates.push(v.trim()),
            _ => {}
        }
    }
    let t = t
        .filter(|t| !t.is_empty() && t.len() <= 12 && t.bytes().all(|b| b.is_ascii_digit()))
        .ok_or(WebhookSignatureError::MalformedHeader)?;
    if candidates.is_empty() {
        return Err(WebhookSignatureError::MalformedHeader);
    }
    let mac = mac_for(signing_key, t, body);
    let mut ok = false;
    for c in candidates {
        // A v1 that is not hex, or not 32 bytes, is a mismatch (verify_slice checks the length).
        if let Ok(sig) = hex::decode(c) {
            ok |= mac.clone().verify_slice(&sig).is_ok();
        }
    }
    if !ok {
        return Err(WebhookSignatureError::BadSignature);
    }
    let ts: u64 = t.parse().map_err(|_| WebhookSignatureError::MalformedHeader)?;
    if let Some(tol) = tolerance.filter(|d| !d.is_zero()) {
        if now_unix_secs.abs_diff(ts) > tol.as_secs() {
            return Err(WebhookSignatureError::Stale(tol));
        }
    }
    Ok(ts)
}

/// [`verify_relay_signature_at`] now.
pub fn verify_relay_signature(
    body: &[u8],
    signature_header: Option<&str>,
    signing_key: &[u8],
    tolerance: Option<Duration>,
) -> Result<u64, WebhookSignatureError> {
    verify_relay_signature_at(body, signature_header, signing_key, tolerance, now_unix())
}

/// Verifies a relay POST from the service's webhook receiver and parses its body (proto3 JSON of
/// `WebhookRelay`; unknown fields and enum values ignored): `relay.events` are the same
/// [`Event`](crate::proto::Event)s `handle_webhook` returns. Relays arrive at least once:
/// de-duplicate on `event_id`.
///
/// `tolerance`: the largest accepted |now − t| ([`DEFAULT_TOLERANCE`] is 300 s; `None`: any age).
pub fn parse_relay(
    body: &[u8],
    signature_header: Option<&str>,
    signing_key: &[u8],
    tolerance: Option<Duration>,
) -> Result<WebhookRelay, WebhookSignatureError> {
    parse_relay_at(body, signature_header, signing_key, tolerance, now_unix())
}

/// [`parse_relay`] at a given time (unix seconds), for tests.
pub fn parse_relay_at(
    body: &[u8],
    signature_header: Option<&str>,
    signing_key: &[u8],
    tolerance: Option<Duration>,
    now_unix_secs: u64,
) -> Result<WebhookRelay, WebhookSignatureError> {
    verify_relay_signature_at(body, signature_header, signing_key, tolerance, now_unix_secs)?;
    let value: serde_json::Value =
        serde_json::from_slice(body).map_err(|e| WebhookSignatureError::BadBody(e.to_string()))?;
    if !value.is_object() {
        return Err(WebhookSignatureError::BadBody("not a JSON object".into()));
    }
    serde_json::from_value(value).map_err(|e| WebhookSignatureError::BadBody(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proto::{DeclineCode, EventType, PaymentStatus};

    const KEY: &[u8] = b"sink_signing_key_for_tests";
    const NOW: u64 = 1_714_550_400;

    /// The relay body of docs/api.md §7, on one line as the service sends it, plus a field and an
    /// enum value this version does not know.
    const BODY: &str = concat!(
        r#"{"connector":"adyen","merchantAccount":"demo","events":["#,
        r#"{"type":"EVENT_TYPE_PAYMENT","eventId":"PSP0000000000001:CAPTURE:true","processorEventCode":"CAPTURE","#,
        r#""connectorPaymentId":"PSP0000000000000","merchantReference":"order-7","amount":{"minorAmount":"1500","currencyCode":"EUR"},"#,
        r#""paymentStatus":"PAYMENT_STATUS_CHARGED","connectorOperationId":"PSP0000000000001"},"#,
        r#"{"type":"EVENT_TYPE_PAYMENT","eventId":"PSP0000000000002:AUTHORISATION:false","processorEventCode":"AUTHORISATION","#,
        r#""connectorPaymentId":"PSP0000000000002","merchantReference":"order-8","amount":{"minorAmount":"2500","currencyCode":"EUR"},"#,
        r#""paymentStatus":"PAYMENT_STATUS_FAILURE","error":{"declineCode":"DECLINE_CODE_INSUFFICIENT_FUNDS","processorCode":"12","processorMessage":"Not enough balance"},"#,
        r#""eventTime":"2024-05-01T10:00:00Z"},"#,
        r#"{"type":"EVENT_TYPE_FROM_THE_FUTURE","eventId":"x"}]}"#
    );

    #[test]
    fn accepts_a_good_signature_and_parses_the_events() {
        let sig = sign_relay(BODY.as_bytes(), KEY, NOW);
        let relay = parse_relay_at(BODY.as_bytes(), Some(&sig), KEY, Some(DEFAULT_TOLERANCE), NOW + 10).unwrap();
        assert_eq!(relay.connector, "adyen");
        assert_eq!(relay.merchant_account, "demo");
        assert_eq!(relay.events.len(), 3);
        let (cap, refused) = (&relay.events[0], &relay.events[1]);
        assert_eq!(cap.r#type(), EventType::Payment);
        assert_eq!(cap.payment_status(), PaymentStatus::Charged);
        assert_eq!(cap.amount.as_ref().unwrap().minor_amount, 1500);
        assert_eq!(cap.amount.as_ref().unwrap().currency_code, "EUR");
        assert_eq!(cap.connector_operation_id, "PSP0000000000001");
        assert_eq!(refused.payment_status(), PaymentStatus::Failure);
        let err = refused.error.as_ref().unwrap();
        assert_eq!(err.decline_code(), DeclineCode::InsufficientFunds);
        assert_eq!(err.processor_code, "12");
        assert_eq!(relay.events[2].r#type(), EventType::Unspecified, "unknown enum value ignored");
    }

    #[test]
    fn serializes_canonical_proto3_json() {
        let sig = sign_relay(BODY.as_bytes(), KEY, NOW);
        let mut relay = parse_relay_at(BODY.as_bytes(), Some(&sig), KEY, None, NOW).unwrap();
        relay.events.truncate(2);
        let json = serde_json::to_string(&relay).unwrap();
        // lowerCamelCase names, enum names, int64 as strings, defaults left out.
        assert!(json.contains(r#""merchantAccount":"demo""#), "{json}");
        assert!(json.contains(r#""paymentStatus":"PAYMENT_STATUS_CHARGED""#), "{json}");
        assert!(json.contains(r#""minorAmount":"1500""#), "{json}");
        assert!(json.contains(r#""declineCode":"DECLINE_CODE_INSUFFICIENT_FUNDS""#), "{json}");
        assert!(!json.contains("refundStatus") && !json.contains("retryable"), "{json}");
        let expected: serde_json::Value = serde_json::from_str(BODY).unwrap();
        let mut expected_events = expected["events"].as_array().unwrap()[..2].to_vec();
        expected_events[1].as_object_mut().unwrap().remove("eventTime");
        let got: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(got["events"], serde_json::Value::Array(expected_events));
    }

    #[test]
    fn refuses_a_tampered_body() {
        let sig = sign_relay(BODY.as_bytes(), KEY, NOW);
        let tampered = BODY.replace(r#""1500""#, r#""9500""#);
        assert_ne!(tampered, BODY);
        assert_eq!(
            parse_relay_at(tampered.as_bytes(), Some(&sig), KEY, None, NOW).unwrap_err(),
            WebhookSignatureError::BadSignature
        );
    }

    #[test]
    fn refuses_the_wrong_key() {
        let sig = sign_relay(BODY.as_bytes(), b"another_key", NOW);
        assert_eq!(
            parse_relay_at(BODY.as_bytes(), Some(&sig), KEY, None, NOW).unwrap_err(),
            WebhookSignatureError::BadSignature
        );
    }

    #[test]
    fn refuses_a_stale_or_future_timestamp() {
        let sig = sign_relay(BODY.as_bytes(), KEY, NOW);
        for now in [NOW + 301, NOW - 301] {
            assert_eq!(
                parse_relay_at(BODY.as_bytes(), Some(&sig), KEY, Some(DEFAULT_TOLERANCE), now).unwrap_err(),
                WebhookSignatureError::Stale(DEFAULT_TOLERANCE)
            );
        }
        assert!(parse_relay_at(BODY.as_bytes(), Some(&sig), KEY, Some(DEFAULT_TOLERANCE), NOW + 300).is_ok());
        // A real-clock check: signed an hour ago.
        let old = sign_relay(BODY.as_bytes(), KEY, now_unix() - 3600);
        assert!(matches!(
            parse_relay(BODY.as_bytes(), Some(&old), KEY, Some(DEFAULT_TOLERANCE)),
            Err(WebhookSignatureError::Stale(_))
        ));
        let fresh = sign_relay(BODY.as_bytes(), KEY, now_unix());
        assert!(parse_relay(BODY.as_bytes(), Some(&fresh), KEY, Some(DEFAULT_TOLERANCE)).is_ok());
    }

    #[test]
    fn header_forms() {
        let good = sign_relay(BODY.as_bytes(), KEY, NOW);
        let v1 = good.split("v1=").nth(1).unwrap();
        let b = BODY.as_bytes();
        let check = |h: Option<&str>| verify_relay_signature_at(b, h, KEY, None, NOW);
        assert_eq!(check(None), Err(WebhookSignatureError::MissingHeader));
        assert_eq!(check(Some("")), Err(WebhookSignatureError::MissingHeader));
        assert_eq!(check(Some("garbage")), Err(WebhookSignatureError::MalformedHeader));
        assert_eq!(check(Some(&format!("v1={v1}"))), Err(WebhookSignatureError::MalformedHeader));
        assert_eq!(check(Some(&format!("t=abc,v1={v1}"))), Err(WebhookSignatureError::MalformedHeader));
        assert_eq!(check(Some(&format!("t={NOW}"))), Err(WebhookSignatureError::MalformedHeader));
        assert_eq!(check(Some(&format!("t={NOW},v1=zz{}", &v1[2..]))), Err(WebhookSignatureError::BadSignature));
        assert_eq!(check(Some(&format!("t={NOW},v1={}", &v1[..62]))), Err(WebhookSignatureError::BadSignature));
        // Upper-case hex, spaces and a second (rotated-key) v1 entry are fine.
        let rotated = format!("t={NOW}, v1={}, v1={}", "00".repeat(32), v1.to_uppercase());
        assert_eq!(check(Some(&rotated)), Ok(NOW));
        assert_eq!(verify_relay_signature_at(b, Some(&good), b"", None, NOW), Err(WebhookSignatureError::NoKey));
    }

    #[test]
    fn a_signed_body_that_is_not_a_relay() {
        for body in ["[1,2]", "not json", r#"{"events":"nope"}"#] {
            let sig = sign_relay(body.as_bytes(), KEY, NOW);
            assert!(matches!(
                parse_relay_at(body.as_bytes(), Some(&sig), KEY, None, NOW),
                Err(WebhookSignatureError::BadBody(_))
            ));
        }
    }

    #[test]
    fn webhook_input_debug_hides_the_secret() {
        let input = WebhookInput::new("adyen", b"{}".to_vec()).header("a", "1").header("a", "2").secret("44782DEF");
        assert_eq!(input.headers["a"], "1, 2");
        assert!(!format!("{input:?}").contains("44782DEF"));
    }
}
