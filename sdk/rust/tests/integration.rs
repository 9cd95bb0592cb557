//! Against connector-service + processor-sim (sdk/testing/stack.sh), started once for this test
//! binary (tests/common). CS_SKIP_INTEGRATION=1 skips them; a stack that cannot start fails them.
mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{adyen_item, adyen_notification, psp, stack, uniq};
use connectorservice_client::proto::*;
use connectorservice_client::{
    parse_relay, CallInfo, CallOptions, Code, ConnectorClient, ErrorReason, WebhookInput, WebhookSignatureError,
    ERROR_DOMAIN,
};

const RETURN_URL: &str = "https://shop.example/return";

fn client() -> ConnectorClient {
    ConnectorClient::builder(stack().grpc()).default_timeout(Duration::from_secs(15)).build().unwrap()
}

fn money(minor: i64, currency: &str) -> Option<Money> {
    Some(Money { minor_amount: minor, currency_code: currency.into() })
}

fn card(number: &str, cvc: &str) -> Option<PaymentMethod> {
    Some(PaymentMethod {
        method: Some(payment_method::Method::Card(Card {
            number: number.into(),
            expiry_month: 3,
            expiry_year: 2030,
            cvc: cvc.into(),
            holder_name: "APPROVED".into(),
        })),
    })
}

macro_rules! integration {
    () => {
        if common::skip() {
            return;
        }
    };
}

#[tokio::test]
async fn stripe_authorize_manual_partial_capture_partial_refund_get() {
    integration!();
    let client = client();
    let stripe = CallOptions::new().merchant_account(stack().get("CS_STRIPE_ACCOUNT"));
    let info = Arc::new(Mutex::new(None::<CallInfo>));
    let sink = info.clone();
    let request_id = uniq("rs-req");
    let auth = client
        .authorize_with(
            AuthorizeRequest {
                connector: "stripe".into(),
                merchant_reference: uniq("rs-stripe"),
                amount: money(2000, "USD"),
                payment_method: card("4242424242424242", "123"),
                capture_method: CaptureMethod::Manual as i32,
                return_url: RETURN_URL.into(),
                ..Default::default()
            },
            &stripe.clone().request_id(&request_id).on_call_info(move |i| *sink.lock().unwrap() = Some(i.clone())),
        )
        .await
        .unwrap();
    assert_eq!(auth.status(), PaymentStatus::Authorized, "{auth:?}");
    assert!(auth.connector_payment_id.starts_with("pi_"), "{auth:?}");
    let info = info.lock().unwrap().clone().expect("call info reported");
    assert_eq!(info.request_id.as_deref(), Some(request_id.as_str()), "x-request-id echoed");
    assert!(info.processor_attempts.unwrap_or(0) >= 1, "{info:?}");
    assert_eq!(info.attempts, 1);
    let key = info.idempotency_key.expect("an automatic key");
    assert_eq!(uuid::Uuid::parse_str(&key).unwrap().get_version_num(), 4);

    let cap = client
        .capture_with(
            CaptureRequest {
                connector: "stripe".into(),
                connector_payment_id: auth.connector_payment_id.clone(),
                amount_to_capture: money(1500, "USD"),
                ..Default::default()
            },
            &stripe,
        )
        .await
        .unwrap();
    assert!(matches!(cap.status(), PaymentStatus::Charged | PaymentStatus::PartiallyCharged), "{:?}", cap.status());

    let refund = client
        .refund_with(
            RefundRequest {
                connector: "stripe".into(),
                connector_payment_id: auth.connector_payment_id.clone(),
                amount: money(500, "USD"),
                ..Default::default()
            },
            &stripe,
        )
        .await
        .unwrap();
    assert!(matches!(refund.status(), RefundStatus::Success | RefundStatus::Pending), "{refund:?}");
    assert!(!refund.connector_refund_id.is_empty());

    let got = client
        .get_payment_with(
            GetPaymentRequest {
                connector: "stripe".into(),
                connector_payment_id: auth.connector_payment_id.clone(),
                ..Default::default()
            },
            &stripe,
        )
        .await
        .unwrap();
    assert_eq!(got.connector_payment_id, auth.connector_payment_id);
    assert_eq!(got.captured_amount.as_ref().map(|m| m.minor_amount), Some(1500), "{got:?}");

    let got_refund = client
        .get_refund_with(
            GetRefundRequest {
                connector: "stripe".into(),
                connector_refund_id: refund.connector_refund_id.clone(),
                connector_payment_id: auth.connector_payment_id.clone(),
            },
            &stripe,
        )
        .await
        .unwrap();
    assert_eq!(got_refund.amount.as_ref().map(|m| m.minor_amount), Some(500));
}

#[tokio::test]
async fn adyen_lifecycle_and_get_payment_is_not_supported() {
    integration!();
    let client = ConnectorClient::builder(stack().get("CS_GRPC_ADDRESS"))
        .merchant_account(stack().get("CS_ADYEN_ACCOUNT"))
        .build()
        .unwrap();
    let reference = uniq("rs-adyen");
    let auth = client
        .authorize(AuthorizeRequest {
            connector: "adyen".into(),
            merchant_reference: reference.clone(),
            amount: money(1000, "EUR"),
            payment_method: card("4111111111111111", "737"),
            capture_method: CaptureMethod::Manual as i32,
            return_url: RETURN_URL.into(),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(auth.status(), PaymentStatus::Authorized, "{auth:?}");
    assert_eq!(auth.connector_payment_id.len(), 16, "{auth:?}");

    let cap = client
        .capture(CaptureRequest {
            connector: "adyen".into(),
            connector_payment_id: auth.connector_payment_id.clone(),
            merchant_reference: format!("{reference}-cap"),
            amount_to_capture: money(600, "EUR"),
            payment_amount: money(1000, "EUR"),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(cap.status(), PaymentStatus::CapturePending);
    assert!(!cap.connector_operation_id.is_empty());

    // Adyen has no lookup API: a typed FAILED_PRECONDITION / NOT_SUPPORTED_BY_PROCESSOR.
    let err = client
        .get_payment(GetPaymentRequest {
            connector: "adyen".into(),
            connector_payment_id: auth.connector_payment_id.clone(),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(err.code, Code::FailedPrecondition, "{err:?}");
    assert_eq!(err.reason, "NOT_SUPPORTED_BY_PROCESSOR");
    assert_eq!(err.error_reason, Some(ErrorReason::NotSupportedByProcessor));
    assert_eq!(err.domain.as_deref(), Some(ERROR_DOMAIN));
    assert_eq!(err.flow(), Some("get_payment"));
    assert_eq!(err.connector(), Some("adyen"));
    assert!(!err.retryable);
    assert!(!err.is_outcome_unknown());
    assert_eq!(err.method.as_deref(), Some("/connectorservice.v1.PaymentService/Get"));
}

#[tokio::test]
async fn stripe_decline_is_an_ok_reply_with_status_failure() {
    integration!();
    let res = client()
        .authorize_with(
            AuthorizeRequest {
                connector: "stripe".into(),
                merchant_reference: uniq("rs-decline"),
                amount: money(1000, "USD"),
                payment_method: card("4000000000009995", "123"),
                return_url: RETURN_URL.into(),
                ..Default::default()
            },
            &CallOptions::new().merchant_account(stack().get("CS_STRIPE_ACCOUNT")),
        )
        .await
        .unwrap();
    assert_eq!(res.status(), PaymentStatus::Failure, "{res:?}");
    let error = res.error.expect("a ProcessorError");
    assert_eq!(error.decline_code(), DeclineCode::InsufficientFunds);
    assert_eq!(error.processor_decline_code, "insufficient_funds");
}

#[tokio::test]
async fn a_luhn_invalid_card_is_invalid_field_naming_the_field() {
    integration!();
    let client = client();
    let adyen = CallOptions::new().merchant_account(stack().get("CS_ADYEN_ACCOUNT"));
    let base = AuthorizeRequest {
        connector: "adyen".into(),
        merchant_reference: uniq("rs-invalid"),
        amount: money(1000, "EUR"),
        payment_method: card("4111111111111112", "737"),
        return_url: RETURN_URL.into(),
        ..Default::default()
    };
    let err = client.authorize_with(base.clone(), &adyen).await.unwrap_err();
    assert_eq!(err.code, Code::InvalidArgument, "{err:?}");
    assert_eq!(err.reason, "INVALID_FIELD");
    assert_eq!(err.error_reason, Some(ErrorReason::InvalidField));
    assert_eq!(err.field.as_deref(), Some("payment_method.card.number"));
    assert_eq!(err.field_violations.first().map(|v| v.field.as_str()), Some("payment_method.card.number"));
    assert!(!err.retryable);
    assert!(err.idempotency_key.is_some());
    let text = format!("{err} {err:?} {:?}", err.metadata);
    assert!(!text.contains("4111111111111112"), "{text}");

    let missing = client
        .authorize_with(AuthorizeRequest { merchant_reference: String::new(), ..base }, &adyen)
        .await
        .unwrap_err();
    assert_eq!(missing.error_reason, Some(ErrorReason::MissingField), "{missing:?}");
    assert_eq!(missing.field.as_deref(), Some("merchant_reference"));
    assert!(missing.request_id.is_some(), "the service's request id: {missing:?}");
}

#[tokio::test]
async fn handle_webhook_signed_adyen_notification_and_bad_signatures() {
    integration!();
    let client = client();
    let key = stack().get("CS_ADYEN_HMAC_KEY").to_string();
    let (pay, refund) = (psp(), psp());
    let body = adyen_notification(vec![
        adyen_item(&pay, "", "AUTHORISATION", 1000, "rs-wh-order", &key),
        adyen_item(&refund, &pay, "REFUND", 400, "rs-wh-refund", &key),
    ]);
    for input in [
        WebhookInput::new("adyen", body.clone()).secret(&key),
        WebhookInput::new("adyen", body.clone()).merchant_account(stack().get("CS_ADYEN_ACCOUNT")),
    ] {
        let input = input.header("Content-Type", "application/json");
        let res = client.handle_webhook(input).await.unwrap();
        assert_eq!(res.acknowledgement, "[accepted]");
        assert_eq!(res.events.len(), 2, "{res:?}");
        let (a, r) = (&res.events[0], &res.events[1]);
        assert_eq!(a.r#type(), EventType::Payment);
        assert_eq!(a.payment_status(), PaymentStatus::Authorized);
        assert_eq!(a.connector_payment_id, pay);
        assert_eq!(a.merchant_reference, "rs-wh-order");
        assert_eq!(a.amount, money(1000, "EUR"));
        assert_eq!(a.event_id, format!("{pay}:AUTHORISATION:true"));
        assert_eq!(r.r#type(), EventType::Refund);
        assert_eq!(r.refund_status(), RefundStatus::Success);
        assert_eq!(r.connector_refund_id, refund);
        assert_eq!(r.connector_payment_id, pay);
    }

    let tampered = body.replace(r#""value":1000"#, r#""value":9000"#);
    assert_ne!(tampered, body);
    let wrong_key = "0F1E2D3C4B5A69788796A5B4C3D2E1F00F1E2D3C4B5A69788796A5B4C3D2E1F0";
    for (b, secret) in [(tampered.as_str(), key.as_str()), (body.as_str(), wrong_key)] {
        let err = client
            .handle_webhook(WebhookInput::new("adyen", b).header("content-type", "application/json").secret(secret))
            .await
            .unwrap_err();
        assert_eq!(err.code, Code::Unauthenticated, "{err:?}");
        assert_eq!(err.error_reason, Some(ErrorReason::BadSignature));
        assert!(!format!("{err} {err:?}").contains(secret), "the secret is not echoed");
    }
}

#[tokio::test]
async fn relay_from_the_http_receiver_parses_into_the_same_events() {
    integration!();
    let Some(_) = stack().relay_sink else {
        panic!("the stack runs without a relay sink (see the log above)");
    };
    let client = client();
    let key = stack().get("CS_ADYEN_HMAC_KEY").to_string();
    let pay = psp();
    let body = adyen_notification(vec![adyen_item(&pay, "", "AUTHORISATION", 1250, "rs-relay-order", &key)]);
    let via_grpc = client
        .handle_webhook(
            WebhookInput::new("adyen", body.clone()).header("content-type", "application/json").secret(&key),
        )
        .await
        .unwrap();

    let http = stack().get("CS_HTTP_ADDRESS").to_string();
    let path = format!("/webhooks/adyen/{}", stack().get("CS_ADYEN_ACCOUNT"));
    let body2 = body.clone();
    let (status, answer) =
        tokio::task::spawn_blocking(move || common::http_post(&http, &path, "application/json", body2.as_bytes()))
            .await
            .unwrap();
    assert_eq!((status, answer.as_str()), (200, "[accepted]"));

    let needle = pay.clone();
    let delivery = tokio::task::spawn_blocking(move || common::sink::wait_for(&needle, Duration::from_secs(5)))
        .await
        .unwrap()
        .expect("the sink got the relay");
    let sig = delivery.headers.get("x-connector-signature").map(String::as_str);
    let relay = parse_relay(&delivery.body, sig, common::SINK_KEY.as_bytes(), Some(Duration::from_secs(300))).unwrap();
    assert_eq!(relay.connector, "adyen");
    assert_eq!(relay.merchant_account, stack().get("CS_ADYEN_ACCOUNT"));
    assert_eq!(relay.events, via_grpc.events);
    assert_eq!(
        parse_relay(&delivery.body, sig, b"not_the_sink_key_123456", None).unwrap_err(),
        WebhookSignatureError::BadSignature
    );
}

#[tokio::test]
async fn example_payment_lifecycle_runs_against_stripe_and_adyen() {
    integration!();
    let exe = std::env::current_exe().unwrap();
    let example = exe.parent().unwrap().parent().unwrap().join("examples/payment_lifecycle");
    assert!(example.exists(), "{} was not built (cargo test builds examples)", example.display());
    for (connector, account, get) in [
        ("stripe", "CS_STRIPE_ACCOUNT", "get the payment -> PAYMENT_STATUS_PARTIALLY_CHARGED"),
        ("adyen", "CS_ADYEN_ACCOUNT", "get the payment -> error FAILED_PRECONDITION/NOT_SUPPORTED_BY_PROCESSOR"),
    ] {
        let out = tokio::process::Command::new(&example)
            .args(["--connector", connector, "--target", stack().get("CS_GRPC_ADDRESS")])
            .args(["--merchant-account", stack().get(account)])
            .output()
            .await
            .unwrap();
        let raw = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{raw}\n{}", String::from_utf8_lossy(&out.stderr));
        // The labels are padded: compare with single spaces.
        let stdout = raw.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
        for want in [
            "1. authorize 25.00 EUR -> PAYMENT_STATUS_AUTHORIZED",
            "2. capture 15.00 EUR -> PAYMENT_STATUS_",
            "3. refund 5.00 EUR -> REFUND_STATUS_",
            get,
            "5. a declined card -> PAYMENT_STATUS_FAILURE",
        ] {
            assert!(stdout.contains(want), "{connector}: missing {want:?} in:\n{raw}");
        }
        assert!(!raw.contains("4242424242424242") && !raw.contains("4111111111111111"), "{raw}");
    }
}
