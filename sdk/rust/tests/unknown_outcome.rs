//! An unknown outcome made with the simulator's fault injection (sim/README.md "Faults"): the
//! processor applies the payment, then the connection resets before it answers — on each of the
//! service's 3 attempts (retry.max_attempts = 3) — so the call ends UNKNOWN / OUTCOME_UNKNOWN.
//! README "Errors": retry with the same idempotency key; the simulator must hold exactly one
//! payment for it. Its own binary, so its own stack: queued faults are global to the simulator.
mod common;
#[path = "../examples/common/mod.rs"]
mod excommon;

use std::sync::{Arc, Mutex};

use std::time::Duration;
use tokio::sync::Mutex as AsyncMutex;

use common::{stack, uniq};
use connectorservice_client::proto::*;
use connectorservice_client::{CallInfo, CallOptions, Code, ConnectorClient, ErrorReason};

/// The tests here queue and clear faults: one at a time.
static FAULTS: AsyncMutex<()> = AsyncMutex::const_new(());

async fn sim(method: &str, path: &str, body: Option<serde_json::Value>) -> serde_json::Value {
    excommon::sim_json(&stack().env, method, path, body).await.unwrap_or_else(|e| panic!("{method} {path}: {e}"))
}

/// (connector, account variable, faulted path, its counter in /_sim/stats, state path, status)
async fn reset_after_apply_then_same_key(connector: &str, account: &str, path: &str, counter: &str, state: &str) {
    if common::skip() {
        return;
    }
    let _one_at_a_time = FAULTS.lock().await;
    // No client retries: the caller sees the error.
    let client = ConnectorClient::builder(stack().grpc())
        .merchant_account(stack().get(account))
        .default_timeout(Duration::from_secs(20))
        .build()
        .unwrap();
    let req = AuthorizeRequest {
        connector: connector.into(),
        merchant_reference: uniq(&format!("rs-unknown-{connector}")),
        amount: excommon::eur(1500),
        payment_method: excommon::card(connector, "ok"),
        capture_method: CaptureMethod::Manual as i32,
        return_url: excommon::RETURN_URL.into(),
        ..Default::default()
    };
    let before = sim("GET", "/_sim/stats", None).await;
    let queued = sim(
        "POST",
        "/_sim/faults",
        Some(serde_json::json!({"fault": "reset-after-apply", "path_prefix": path, "count": 3})),
    )
    .await;
    assert!(queued["queued"].as_i64().unwrap_or(0) >= 3, "{queued}");
    let info = Arc::new(Mutex::new(None::<CallInfo>));
    let sink = info.clone();
    let outcome = client
        .authorize_with(req.clone(), &CallOptions::new().on_call_info(move |i| *sink.lock().unwrap() = Some(i.clone())))
        .await;
    sim("DELETE", "/_sim/faults", None).await;
    let err = outcome.expect_err("the faulted authorize fails");
    assert!(err.is_outcome_unknown(), "{err:?}");
    assert_eq!(err.code, Code::Unknown, "{err:?}");
    assert_eq!(err.reason, "OUTCOME_UNKNOWN");
    assert_eq!(err.error_reason, Some(ErrorReason::OutcomeUnknown));
    assert_eq!(err.connector(), Some(connector));
    assert!(err.retryable, "the server marks it retryable: {err:?}");
    let info = info.lock().unwrap().clone().expect("call info");
    assert_eq!(info.attempts, 1, "no client retries");
    assert!(info.processor_attempts.unwrap_or(0) >= 3, "the service tried 3 times: {info:?}");
    let key = err.idempotency_key.clone().expect("the automatic key the call used");
    assert_eq!(info.idempotency_key.as_deref(), Some(key.as_str()));

    // What README "Errors" says to do: the same request with the same key, twice.
    let same_key = CallOptions::new().idempotency_key(&key);
    let again = client.authorize_with(req.clone(), &same_key).await.unwrap();
    assert_eq!(again.status(), PaymentStatus::Authorized, "{again:?}");
    let replay = client.authorize_with(req, &same_key).await.unwrap();
    assert_eq!(replay.connector_payment_id, again.connector_payment_id);

    let payment = sim("GET", &format!("{state}/{}", again.connector_payment_id), None).await;
    assert_eq!(payment["chargesForIdempotencyKey"], 1, "one payment for the key: {payment}");
    let after = sim("GET", "/_sim/stats", None).await;
    assert_eq!(
        after[connector][counter].as_i64().unwrap(),
        before[connector][counter].as_i64().unwrap() + 1,
        "one {counter} made, not two: {before} → {after}"
    );
    assert_eq!(after["double_charges"], before["double_charges"], "no double charge");
}

#[tokio::test]
async fn stripe_reset_after_apply_is_outcome_unknown_and_the_same_key_makes_one_payment() {
    reset_after_apply_then_same_key(
        "stripe",
        "CS_STRIPE_ACCOUNT",
        "/stripe/v1/payment_intents",
        "payment_intents",
        "/_sim/stripe/payment_intents",
    )
    .await;
}

#[tokio::test]
async fn adyen_reset_after_apply_is_outcome_unknown_and_the_same_key_makes_one_payment() {
    reset_after_apply_then_same_key(
        "adyen",
        "CS_ADYEN_ACCOUNT",
        "/adyen/v71/payments",
        "payments",
        "/_sim/adyen/payments",
    )
    .await;
}
