//! A payment's life over Connector Service, step by step: authorize (manual capture), partial
//! capture, partial refund, a read of the payment, and a declined card.
//!
//! ```sh
//! cargo run --example payment_lifecycle -- --target 127.0.0.1:50051 --merchant-account adyen_demo
//! cargo run --example payment_lifecycle -- --connector stripe --merchant-account stripe_demo
//! ```
//!
//! Defaults come from the environment: CS_GRPC_ADDRESS, CS_MERCHANT_ACCOUNT, CS_API_KEY.
//! Adyen has no lookup API: its "get" step prints FAILED_PRECONDITION / NOT_SUPPORTED_BY_PROCESSOR
//! (outcomes arrive by webhook); Stripe answers it.
use std::time::{SystemTime, UNIX_EPOCH};

use connectorservice_client::proto::*;
use connectorservice_client::{ConnectorClient, Error, RetryPolicy};

fn eur(minor: i64) -> Option<Money> {
    Some(Money { minor_amount: minor, currency_code: "EUR".into() })
}

fn money(m: &Money) -> String {
    format!("{}.{:02} {}", m.minor_amount / 100, m.minor_amount % 100, m.currency_code)
}

fn authorize_request(connector: &str, reference: &str, number: &str, holder: &str) -> AuthorizeRequest {
    AuthorizeRequest {
        connector: connector.into(),
        merchant_reference: reference.into(),
        amount: eur(2500),
        capture_method: CaptureMethod::Manual as i32,
        return_url: "https://shop.example/return".into(),
        payment_method: Some(PaymentMethod {
            // A public test card.
            method: Some(payment_method::Method::Card(Card {
                number: number.into(),
                expiry_month: 3,
                expiry_year: 2030,
                cvc: "737".into(),
                holder_name: holder.into(),
            })),
        }),
        ..Default::default()
    }
}

fn describe_payment(p: &Payment) -> String {
    let mut out = format!("{} payment={}", p.status().as_str_name(), p.connector_payment_id);
    if let Some(c) = &p.captured_amount {
        out += &format!(" captured={}", money(c));
    }
    if let Some(e) = &p.error {
        out += &format!(" decline={} ({} {})", e.decline_code().as_str_name(), e.processor_code, e.processor_message);
    }
    out
}

fn describe_error(e: &Error) -> String {
    format!("error {}/{}: {} (request {})", e.code_name(), e.reason, e.message, e.request_id.as_deref().unwrap_or("-"))
}

fn print(label: &str, outcome: Result<String, Error>) {
    match outcome {
        Ok(s) => println!("{label:<24} -> {s}"),
        Err(e) => println!("{label:<24} -> {}", describe_error(&e)),
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut target = std::env::var("CS_GRPC_ADDRESS").unwrap_or_else(|_| "127.0.0.1:50051".into());
    let mut account = std::env::var("CS_MERCHANT_ACCOUNT").unwrap_or_else(|_| "adyen_demo".into());
    let mut connector = "adyen".to_string();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--target" => target = value()?,
            "--merchant-account" => account = value()?,
            "--connector" => connector = value()?,
            "-h" | "--help" => {
                println!("payment_lifecycle [--target HOST:PORT] [--merchant-account NAME] [--connector adyen|stripe]");
                return Ok(());
            }
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    let (ok_card, declined_card, declined_holder) = match connector.as_str() {
        "adyen" => ("4111111111111111", "4111111111111111", "NOT_ENOUGH_BALANCE"),
        "stripe" => ("4242424242424242", "4000000000009995", ""),
        other => return Err(format!("--connector {other}: adyen or stripe").into()),
    };
    let reference = format!("rs-demo-{}", SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs());

    let mut builder = ConnectorClient::builder(target).merchant_account(account).retry(RetryPolicy::attempts(3));
    if let Ok(key) = std::env::var("CS_API_KEY") {
        builder = builder.api_key(key);
    }
    let client = builder.build()?;

    let auth = match client.authorize(authorize_request(&connector, &reference, ok_card, "APPROVED")).await {
        Ok(p) => p,
        Err(e) => {
            print("1. authorize 25.00 EUR", Err(e.clone()));
            return Err(e.into());
        }
    };
    print("1. authorize 25.00 EUR", Ok(describe_payment(&auth)));
    let id = auth.connector_payment_id.clone();

    let capture = client
        .capture(CaptureRequest {
            connector: connector.clone(),
            connector_payment_id: id.clone(),
            amount_to_capture: eur(1500),
            payment_amount: eur(2500),
            ..Default::default()
        })
        .await;
    print("2. capture 15.00 EUR", capture.map(|p| describe_payment(&p)));

    let refund = client
        .refund(RefundRequest {
            connector: connector.clone(),
            connector_payment_id: id.clone(),
            amount: eur(500),
            payment_amount: eur(2500),
            ..Default::default()
        })
        .await;
    print(
        "3. refund 5.00 EUR",
        refund.map(|r| format!("{} refund={}", r.status().as_str_name(), r.connector_refund_id)),
    );

    let got = client
        .get_payment(GetPaymentRequest { connector: connector.clone(), connector_payment_id: id, ..Default::default() })
        .await;
    print("4. get the payment", got.map(|p| describe_payment(&p)));

    let declined = client
        .authorize(authorize_request(&connector, &format!("{reference}-declined"), declined_card, declined_holder))
        .await;
    print("5. a declined card", declined.map(|p| describe_payment(&p)));
    Ok(())
}
