//! The examples' flows end to end against connector-service + processor-sim (tests/common: one
//! stack for this binary): every example as a process (`target/debug/examples/*`, built by
//! `cargo test`) for Adyen and Stripe — the same code, only `--connector` changes — with the
//! simulator's state checked afterwards; one example starting its own stack; and a missing
//! credential. The unknown-outcome tests are in tests/unknown_outcome.rs (their faults would
//! disturb these).
mod common;
#[path = "../examples/common/mod.rs"]
mod excommon;

use std::collections::HashMap;
use std::time::Duration;

use common::{stack, uniq};
use connectorservice_client::proto::*;
use connectorservice_client::{CallOptions, Code, ConnectorClient, ErrorReason, ERROR_DOMAIN};

macro_rules! integration {
    () => {
        if common::skip() {
            return;
        }
    };
}

struct Run {
    ok: bool,
    stdout: String,
    stderr: String,
}

impl Run {
    /// The stdout line starting with `prefix`, with runs of spaces folded (labels are padded).
    fn line(&self, prefix: &str) -> String {
        self.stdout
            .lines()
            .map(|l| l.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" "))
            .find(|l| l.starts_with(prefix))
            .unwrap_or_else(|| panic!("no line {prefix:?} in:\n{}\n{}", self.stdout, self.stderr))
    }
}

/// Runs an example against the shared stack (its CS_* env), or with `env` instead when given.
async fn example(name: &str, args: &[&str], env: Option<HashMap<String, String>>) -> Run {
    let exe = std::env::current_exe().unwrap();
    let path = exe.parent().unwrap().parent().unwrap().join("examples").join(name);
    assert!(path.exists(), "{} was not built (cargo test builds examples)", path.display());
    let mut cmd = tokio::process::Command::new(&path);
    cmd.args(args).kill_on_drop(true);
    for k in ["CS_MERCHANT_ACCOUNT", "CS_API_KEY", "CS_STACK_ENV", "CS_GRPC_ADDRESS"] {
        cmd.env_remove(k);
    }
    cmd.envs(env.unwrap_or_else(|| stack().env.clone()));
    let out =
        tokio::time::timeout(Duration::from_secs(60), cmd.output()).await.expect("the example timed out").unwrap();
    let run = Run {
        ok: out.status.success(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    for card in ["4242424242424242", "4111111111111111", "4000000000003220"] {
        assert!(!run.stdout.contains(card) && !run.stderr.contains(card), "{name} printed a card number");
    }
    run
}

fn ok(run: Run) -> Run {
    assert!(run.ok, "the example failed:\n{}\n{}", run.stdout, run.stderr);
    run
}

async fn sim(path: &str) -> serde_json::Value {
    excommon::sim_json(&stack().env, "GET", path, None).await.unwrap_or_else(|e| panic!("GET {path}: {e}"))
}

fn field<'a>(line: &'a str, name: &str) -> &'a str {
    line.split(&format!("{name}="))
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .unwrap_or_else(|| panic!("no {name}= in {line}"))
}

#[tokio::test]
async fn checkout_adyen_lookups_are_not_supported_by_processor() {
    integration!();
    let run = ok(example("checkout", &["--connector", "adyen"], None).await);
    assert!(run.line("1. authorize 25.00 EUR ->").contains("PAYMENT_STATUS_AUTHORIZED"));
    assert!(run.line("2. capture 15.00 EUR ->").contains("PAYMENT_STATUS_CAPTURE_PENDING"));
    assert!(run.line("3. refund 5.00 EUR ->").contains("REFUND_STATUS_PENDING"));
    for step in ["4. refund status ->", "5. get the payment ->"] {
        assert!(run.line(step).contains("error FAILED_PRECONDITION/NOT_SUPPORTED_BY_PROCESSOR"), "{}", run.stdout);
    }
    let psp = field(&run.line("1. authorize"), "payment").to_string();
    let state = sim(&format!("/_sim/adyen/payments/{psp}")).await;
    assert_eq!(state["captured"], 1500, "{state}");
    assert_eq!(state["refunded"], 500, "{state}");
}

#[tokio::test]
async fn checkout_stripe_partial_capture_partial_refund_get_refund() {
    integration!();
    let run = ok(example("checkout", &["--connector", "stripe"], None).await);
    assert!(run.line("1. authorize 25.00 EUR ->").contains("PAYMENT_STATUS_AUTHORIZED payment=pi_"));
    let cap = run.line("2. capture 15.00 EUR ->");
    assert!(cap.contains("PAYMENT_STATUS_PARTIALLY_CHARGED") && cap.contains("captured=15.00 EUR"), "{cap}");
    let refund = run.line("3. refund 5.00 EUR ->");
    let refund_id = field(&refund, "refund").to_string();
    assert!(refund.contains("REFUND_STATUS_SUCCESS") && refund_id.starts_with("re_"), "{refund}");
    let status = run.line("4. refund status ->");
    assert!(status.contains(&format!("REFUND_STATUS_SUCCESS refund={refund_id} amount=5.00 EUR")), "{status}");
    assert!(run.line("5. get the payment ->").contains("PAYMENT_STATUS_PARTIALLY_CHARGED"));
    let pi = sim(&format!("/_sim/stripe/payment_intents/{}", field(&cap, "payment"))).await;
    assert_eq!((pi["amount_received"].as_i64(), pi["amount_refunded"].as_i64()), (Some(1500), Some(500)), "{pi}");
}

#[tokio::test]
async fn subscription_setup_charge_revoke_for_both_processors() {
    integration!();
    for connector in ["adyen", "stripe"] {
        let run = ok(example("subscription", &["--connector", connector], None).await);
        let setup = run.line("1. setup_mandate ->");
        assert!(setup.contains("MANDATE_STATUS_ACTIVE"), "{setup}");
        if connector == "stripe" {
            assert!(
                field(&setup, "mandate").starts_with("pm_") && field(&setup, "customer").starts_with("cus_"),
                "{setup}"
            );
        }
        let charge = run.line("2. recurring_charge ->");
        assert!(charge.contains("PAYMENT_STATUS_CHARGED") && charge.contains("amount=12.00 EUR"), "{charge}");
        assert!(run.line("3. revoke_mandate ->").contains("MANDATE_STATUS_REVOKED"));
        assert!(
            run.line("4. charge after revoke ->").contains("INVALID_ARGUMENT/PROCESSOR_REJECTED"),
            "{}",
            run.stdout
        );
        let id = field(&charge, "payment");
        if connector == "stripe" {
            let pi = sim(&format!("/_sim/stripe/payment_intents/{id}")).await;
            assert_eq!((pi["amount_received"].as_i64(), pi["off_session"].as_bool()), (Some(1200), Some(true)), "{pi}");
        } else {
            assert_eq!(sim(&format!("/_sim/adyen/payments/{id}")).await["captured"], 1200);
        }
    }
}

#[tokio::test]
async fn three_ds_redirect_page_complete_authorize() {
    integration!();
    let sim_url = stack().get("CS_SIM_URL").to_string();
    for (connector, fail) in [("adyen", false), ("stripe", false), ("stripe", true)] {
        let mut args = vec!["--connector", connector];
        if fail {
            args.push("--fail");
        }
        let run = ok(example("three_ds", &args, None).await);
        assert!(run.line("1. authorize ->").contains("PAYMENT_STATUS_AUTHENTICATION_PENDING"));
        let page = if connector == "adyen" { "/adyen/hpp/3ds" } else { "/stripe/3ds/pi_" };
        assert!(
            run.line("2. shopper redirected ->").contains(&format!("HTTP_METHOD_GET {sim_url}{page}")),
            "{}",
            run.stdout
        );
        assert!(!run.stdout.contains("client_secret="), "the page's query is not printed");
        let back = run.line("3. back at return_url ->");
        assert!(back.contains(if connector == "adyen" { "redirectResult" } else { "redirect_status" }), "{back}");
        let done = run.line("4. complete_authorize ->");
        let id = field(&done, "payment");
        if fail {
            assert!(
                done.contains("PAYMENT_STATUS_FAILURE") && done.contains("payment_intent_authentication_failure"),
                "{done}"
            );
        } else if connector == "stripe" {
            assert!(done.contains("PAYMENT_STATUS_AUTHORIZED"), "{done}");
            assert_eq!(sim(&format!("/_sim/stripe/payment_intents/{id}")).await["status"], "requires_capture");
        } else {
            assert!(done.contains("PAYMENT_STATUS_AUTHORIZED"), "{done}");
            assert_eq!(sim(&format!("/_sim/adyen/payments/{id}")).await["resultCode"], "Authorised");
        }
    }
}

#[tokio::test]
async fn webhook_receiver_demo_signed_then_forged() {
    integration!();
    for connector in ["adyen", "stripe"] {
        let run = ok(example("webhook_receiver", &["--connector", connector, "--demo"], None).await);
        let status = if connector == "adyen" {
            "PAYMENT_STATUS_AUTHORIZED (AUTHORISATION)"
        } else {
            "PAYMENT_STATUS_CHARGED (payment_intent.succeeded)"
        };
        let event = run.line(&format!("{connector}: EVENT_TYPE_PAYMENT"));
        assert!(event.contains(status) && event.contains("ref=demo-") && event.contains("amount=1000 EUR"), "{event}");
        let ack = if connector == "adyen" { r#"processor got: 200 "[accepted]""# } else { r#"processor got: 200 """# };
        run.line(ack);
        run.line(&format!("{connector}: refused UNAUTHENTICATED/BAD_SIGNATURE"));
        run.line("processor got for a forged body: 401");
        assert_eq!(run.stdout.matches("EVENT_TYPE_").count(), 1, "only the signed one was acted on:\n{}", run.stdout);
    }
}

#[tokio::test]
async fn an_example_starts_its_own_stack_without_cs_grpc_address() {
    integration!();
    if std::env::var("CS_STACK_ENV").is_ok() {
        eprintln!("skipped: CS_STACK_ENV (no binaries to start a stack of our own)");
        return;
    }
    // Only CS_BUILD_DIR (inherited): no address, no simulator URL.
    let run = ok(example("checkout", &["--connector", "stripe"], Some(HashMap::new())).await);
    assert!(run.stderr.contains("(starting processor-sim and connector-service in "), "{}", run.stderr);
    assert!(run.line("4. refund status ->").contains("REFUND_STATUS_SUCCESS"));
    let dir = run.stderr.split(" in ").nth(1).and_then(|r| r.split(')').next()).unwrap().to_string();
    assert!(!std::path::Path::new(&dir).exists(), "the stack's directory is removed after a clean run: {dir}");
}

#[tokio::test]
async fn missing_credentials_are_unauthenticated_missing_credentials() {
    integration!();
    let client = ConnectorClient::builder(stack().grpc()).default_timeout(Duration::from_secs(15)).build().unwrap();
    let req = AuthorizeRequest {
        connector: "stripe".into(),
        merchant_reference: uniq("rs-nocreds"),
        amount: excommon::eur(1000),
        payment_method: excommon::card("stripe", "ok"),
        return_url: excommon::RETURN_URL.into(),
        ..Default::default()
    };
    for (what, options) in [
        ("an unknown merchant account", CallOptions::new().merchant_account("no_such_account")),
        ("an account of another connector", CallOptions::new().merchant_account(stack().get("CS_ADYEN_ACCOUNT"))),
        ("no credentials at all", CallOptions::new()),
    ] {
        let err = client.authorize_with(req.clone(), &options).await.expect_err(what);
        assert_eq!(err.code, Code::Unauthenticated, "{what}: {err:?}");
        assert_eq!(err.code_name(), "UNAUTHENTICATED", "{what}");
        assert_eq!(err.reason, "MISSING_CREDENTIALS", "{what}");
        assert_eq!(err.error_reason, Some(ErrorReason::MissingCredentials), "{what}");
        assert_eq!(err.domain.as_deref(), Some(ERROR_DOMAIN), "{what}");
        assert!(!err.retryable, "{what}");
        assert!(!err.is_outcome_unknown(), "{what}");
        assert!(err.request_id.is_some(), "{what}: the service's request id");
    }
}
