//! Subscription: store the shopper's card (`setup_mandate`), charge it later without the shopper
//! (`recurring_charge`), cancel it (`revoke_mandate`), after which a charge is refused.
//!
//! ```sh
//! cargo run --example subscription -- --connector stripe     # starts its own stack
//! cargo run --example subscription -- --connector adyen
//! ```
//!
//! `setup_mandate` answers the processor's token for the stored card (`mandate.connector_mandate_id`:
//! Adyen's recurringDetailReference, Stripe's `pm_…`) and the customer to charge it with
//! (`mandate.customer_id`: your shopper id for Adyen, Stripe's `cus_…`). Keep both; the card itself
//! is never needed again. A card that needs 3-D Secure at set-up answers `MANDATE_STATUS_PENDING`
//! with `next_action.redirect` (see `three_ds`).
mod common;

use std::process::ExitCode;

use common::{eur, money, BoxError, Stack};
use connectorservice_client::proto::*;
use connectorservice_client::{ConnectorClient, Error};

async fn charge(
    client: &ConnectorClient,
    connector: &str,
    mandate: &Mandate,
    reference: String,
) -> Result<Payment, Error> {
    client
        .recurring_charge(RecurringChargeRequest {
            connector: connector.into(),
            merchant_reference: reference,
            connector_mandate_id: mandate.connector_mandate_id.clone(),
            customer_id: mandate.customer_id.clone(),
            amount: eur(1200),
            capture_method: CaptureMethod::Automatic as i32,
            recurring_model: RecurringModel::Subscription as i32,
            return_url: common::RETURN_URL.into(), // Adyen wants one on every payment
            ..Default::default()
        })
        .await
}

async fn run(client: &ConnectorClient, connector: &str) -> Result<(), BoxError> {
    let reference = common::reference("sub");
    let setup = client
        .setup_mandate(SetupMandateRequest {
            connector: connector.into(),
            merchant_reference: reference.clone(),
            payment_method: common::card(connector, "ok"),
            customer: Some(Customer {
                id: format!("shopper-{reference}"),
                email: "jenny@example.com".into(),
                name: "Jenny Rosen".into(),
                ..Default::default()
            }),
            amount: eur(0), // nothing charged at set-up
            recurring_model: RecurringModel::Subscription as i32,
            return_url: common::RETURN_URL.into(),
            ..Default::default()
        })
        .await
        .map_err(|e| common::failed("setup_mandate", e))?;
    let mandate = setup.mandate.clone().unwrap_or_default();
    println!(
        "1. setup_mandate    -> {} mandate={} customer={}",
        setup.status().as_str_name(),
        mandate.connector_mandate_id,
        mandate.customer_id
    );
    if setup.status() != MandateStatus::Active {
        return Err("the mandate is not active".into());
    }

    let paid = charge(client, connector, &mandate, format!("{reference}-month-1"))
        .await
        .map_err(|e| common::failed("recurring_charge", e))?;
    println!(
        "2. recurring_charge -> {} payment={} amount={}",
        paid.status().as_str_name(),
        paid.connector_payment_id,
        money(paid.amount.as_ref())
    );

    let revoked = client
        .revoke_mandate(RevokeMandateRequest {
            connector: connector.into(),
            connector_mandate_id: mandate.connector_mandate_id.clone(),
            customer_id: mandate.customer_id.clone(),
            ..Default::default()
        })
        .await
        .map_err(|e| common::failed("revoke_mandate", e))?;
    println!("3. revoke_mandate   -> {}", revoked.status().as_str_name());

    match charge(client, connector, &mandate, format!("{reference}-month-2")).await {
        Ok(late) => println!("4. charge after revoke -> {} (unexpected)", late.status().as_str_name()),
        Err(e) => {
            let said = e.processor_code.as_deref().map(|c| format!(" (processor code {c})")).unwrap_or_default();
            println!("4. charge after revoke -> error {}/{}{said}", e.code_name(), e.reason);
        }
    }
    Ok(())
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = common::parse_args(
        "subscription [--connector adyen|stripe] [--target HOST:PORT] [--merchant-account NAME]",
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
