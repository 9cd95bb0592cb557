//! 3-D Secure: authorize with a card that needs a challenge, follow `next_action.redirect` as the
//! shopper's browser would, and finish with `complete_authorize` and what came back to the
//! return URL.
//!
//! ```sh
//! cargo run --example three_ds -- --connector stripe          # starts its own stack
//! cargo run --example three_ds -- --connector adyen --fail     # the shopper fails the challenge
//! ```
//!
//! 1. authorize → `PAYMENT_STATUS_AUTHENTICATION_PENDING` with `next_action.redirect` (url,
//!    method, form fields).
//! 2. The shopper: here the example fetches the redirect URL from the simulator itself (hyper over
//!    rustls, trusting only the simulator's CA, `CS_SIM_CA`) and reads where the page sends the
//!    browser: a 302 to the `return_url` with the result in the query (Adyen `redirectResult`;
//!    Stripe `payment_intent`, `payment_intent_client_secret`, `redirect_status`). In a shop the
//!    browser goes there and your return page receives those parameters.
//! 3. `complete_authorize` with those parameters as `redirect_payload` → AUTHORIZED (or FAILURE).
//!
//! Test cards: Adyen holder name `3DS_CHALLENGE` (`3DS_FAIL` fails), Stripe 4000 0000 0000 3220
//! (`&result=failed` on the page fails).
mod common;

use std::collections::HashMap;
use std::process::ExitCode;

use common::{eur, BoxError, Stack};
use connectorservice_client::proto::*;
use connectorservice_client::ConnectorClient;

/// What a browser does with the redirect: request the page; answer where it sends us next.
async fn shopper_visits(
    env: &HashMap<String, String>,
    redirect: &RedirectData,
    fail: bool,
) -> Result<String, BoxError> {
    let mut url = redirect.url.clone();
    if fail && url.contains("/stripe/3ds/") {
        url += "&result=failed"; // Stripe's page: the shopper fails the challenge
    }
    let res = if redirect.method() == HttpMethod::Post {
        let form = common::form_encode(&redirect.form_fields);
        let ct = [("content-type", "application/x-www-form-urlencoded")];
        common::sim_request(env, "POST", &url, &ct, form.into_bytes()).await?
    } else {
        common::sim_request(env, "GET", &url, &[], Vec::new()).await?
    };
    if !matches!(res.status, 301 | 302 | 303 | 307) {
        return Err(format!("the 3DS page answered {}, not a redirect", res.status).into());
    }
    Ok(res.location().unwrap_or_default().to_string())
}

async fn run(
    client: &ConnectorClient,
    env: &HashMap<String, String>,
    connector: &str,
    fail: bool,
) -> Result<(), BoxError> {
    let reference = common::reference("3ds");
    let payment = client
        .authorize(AuthorizeRequest {
            connector: connector.into(),
            merchant_reference: reference.clone(),
            amount: eur(3000),
            capture_method: CaptureMethod::Manual as i32,
            return_url: common::RETURN_URL.into(),
            payment_method: common::card(connector, if fail { "3ds-fail" } else { "3ds" }),
            ..Default::default()
        })
        .await
        .map_err(|e| common::failed("authorize", e))?;
    let id = if payment.connector_payment_id.is_empty() { "(not yet)" } else { &payment.connector_payment_id };
    println!("1. authorize          -> {} payment={id}", payment.status().as_str_name());
    let redirect = match payment.next_action.as_ref().and_then(|a| a.action.as_ref()) {
        Some(next_action::Action::Redirect(r)) if payment.status() == PaymentStatus::AuthenticationPending => r,
        _ => return Err("expected AUTHENTICATION_PENDING with next_action.redirect".into()),
    };
    let page = redirect.url.split('?').next().unwrap_or_default(); // the query may hold a client secret
    println!("2. shopper redirected -> {} {page}", redirect.method().as_str_name());

    let location = shopper_visits(env, redirect, fail).await?;
    if !location.starts_with(common::RETURN_URL) {
        return Err(format!("the 3DS page did not send the shopper back to the return URL: {location}").into());
    }
    let payload: HashMap<String, String> = common::query_pairs(&location).into_iter().collect();
    let mut keys: Vec<&str> = payload.keys().map(String::as_str).collect();
    keys.sort();
    println!("3. back at return_url -> {}", keys.join(", "));

    let done = client
        .complete_authorize(CompleteAuthorizeRequest {
            connector: connector.into(),
            connector_payment_id: payment.connector_payment_id.clone(),
            merchant_reference: reference,
            capture_method: CaptureMethod::Manual as i32,
            redirect_payload: payload, // every field the return page received
            ..Default::default()
        })
        .await
        .map_err(|e| common::failed("complete_authorize", e))?;
    let mut line =
        format!("4. complete_authorize -> {} payment={}", done.status().as_str_name(), done.connector_payment_id);
    if let Some(e) = &done.error {
        line += &format!(" ({} {})", e.processor_code, e.processor_message);
    }
    println!("{line}");
    let want = if fail { PaymentStatus::Failure } else { PaymentStatus::Authorized };
    if done.status() != want {
        return Err(format!("expected {}", want.as_str_name()).into());
    }
    Ok(())
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = common::parse_args("three_ds [--connector adyen|stripe] [--fail] [--target HOST:PORT]", &["fail"], &[]);
    let stack = Stack::open_or_exit(&args);
    let outcome = match stack.client(&args) {
        Ok(client) => run(&client, &stack.env, &args.connector, args.flag("fail")).await,
        Err(e) => Err(common::failed("connect", e)),
    };
    common::finish(stack, outcome)
}
