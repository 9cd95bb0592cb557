//! Checkout: authorize 25.00 EUR (manual capture) → capture 15.00 → refund 5.00 → the refund's
//! status (`get_refund`) → the payment (`get_payment`).
//!
//! ```sh
//! cargo run --example checkout -- --connector stripe     # starts its own stack (CS_BUILD_DIR)
//! cargo run --example checkout -- --connector adyen --target 127.0.0.1:50051   # a running service
//! ```
//!
//! Only `--connector` changes between processors: the flow is the same code. Adyen has no lookup
//! API (the outcome of a capture or refund arrives by webhook: see `webhook_receiver`), which the
//! service says with a typed `FAILED_PRECONDITION` / `NOT_SUPPORTED_BY_PROCESSOR`; Stripe answers.
mod common;

use std::process::ExitCode;

use common::{eur, money, BoxError, Stack};
use connectorservice_client::proto::*;
use connectorservice_client::{ConnectorClient, Error, ErrorReason};

fn describe_payment(p: &Payment) -> String {
    let mut out = format!("{} payment={}", p.status().as_str_name(), p.connector_payment_id);
    if p.captured_amount.is_some() {
        out += &format!(" captured={}", money(p.captured_amount.as_ref()));
    }
    if let Some(e) = &p.error {
        out += &format!(" decline={} ({} {})", e.decline_code().as_str_name(), e.processor_code, e.processor_message);
    }
    out
}

fn describe_refund(r: &Refund) -> String {
    format!("{} refund={} amount={}", r.status().as_str_name(), r.connector_refund_id, money(r.amount.as_ref()))
}

fn step(label: &str, text: &str) {
    println!("{label:<22} -> {text}");
}

/// A lookup's answer; the processor not offering it is an answer too (printed, not a failure).
fn lookup<T>(label: &str, res: Result<T, Error>, describe: impl Fn(&T) -> String) -> Result<(), BoxError> {
    match res {
        Ok(v) => step(label, &describe(&v)),
        Err(e) if e.error_reason == Some(ErrorReason::NotSupportedByProcessor) => {
            step(label, &common::describe_error(&e)) // the message says where the outcome comes from
        }
        Err(e) => return Err(common::failed(label, e)),
    }
    Ok(())
}

async fn run(client: &ConnectorClient, connector: &str) -> Result<(), BoxError> {
    let reference = common::reference("checkout");
    let auth = client
        .authorize(AuthorizeRequest {
            connector: connector.into(),
            merchant_reference: reference.clone(),
            amount: eur(2500),
            capture_method: CaptureMethod::Manual as i32,
            return_url: common::RETURN_URL.into(),
            payment_method: common::card(connector, "ok"), // a public test card
            ..Default::default()
        })
        .await
        .map_err(|e| common::failed("authorize", e))?;
    step("1. authorize 25.00 EUR", &describe_payment(&auth));
    if auth.status() != PaymentStatus::Authorized {
        return Err("the payment was not authorized".into());
    }
    let id = auth.connector_payment_id.clone();

    let capture = client
        .capture(CaptureRequest {
            connector: connector.into(),
            connector_payment_id: id.clone(),
            merchant_reference: format!("{reference}-cap"),
            amount_to_capture: eur(1500),
            payment_amount: eur(2500),
            ..Default::default()
        })
        .await
        .map_err(|e| common::failed("capture", e))?;
    step("2. capture 15.00 EUR", &describe_payment(&capture));

    let refund = client
        .refund(RefundRequest {
            connector: connector.into(),
            connector_payment_id: id.clone(),
            merchant_reference: format!("{reference}-ref"),
            amount: eur(500),
            payment_amount: eur(2500),
            ..Default::default()
        })
        .await
        .map_err(|e| common::failed("refund", e))?;
    step("3. refund 5.00 EUR", &describe_refund(&refund));

    let got = client
        .get_refund(GetRefundRequest {
            connector: connector.into(),
            connector_refund_id: refund.connector_refund_id.clone(),
            connector_payment_id: id.clone(),
        })
        .await;
    lookup("4. refund status", got, describe_refund)?;

    let got = client
        .get_payment(GetPaymentRequest { connector: connector.into(), connector_payment_id: id, ..Default::default() })
        .await;
    lookup("5. get the payment", got, describe_payment)
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = common::parse_args(
        "checkout [--connector adyen|stripe] [--target HOST:PORT] [--merchant-account NAME]",
        &[],
        &[],
    );
    let stack = Stack::open_or_exit(&args);
    let outcome = match stack.client(&args) {
        Ok(client) => run(&client, &args.connector).await,
        Err(e) => Err(common::failed("connect", e)),
    };
    common::finish(stack, outcome)
}
