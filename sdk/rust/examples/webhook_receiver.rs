//! A webhook receiver of your own: an HTTP server (hyper) that takes a processor's POST on
//! `/webhooks/<connector>`, hands the raw body and the headers to Connector Service
//! (`handle_webhook`: signature check + the unified typed events), prints the events and answers
//! the acknowledgement the processor expects (`[accepted]` for Adyen, empty for Stripe).
//!
//! ```sh
//! cargo run --example webhook_receiver -- --connector stripe --demo   # one command: see it work
//! cargo run --example webhook_receiver -- --port 8098                 # serve until Ctrl-C
//! ```
//!
//! `--demo` plays the processor once — a notification signed with the merchant account's secret,
//! then the same one with a forged amount — prints what the receiver answered and exits (0 when
//! that was 200, then 401). Without `CS_GRPC_ADDRESS` the example starts its own stack. When
//! serving, point the processor's webhook URL at `http://HOST:PORT/webhooks/adyen` (or
//! `/stripe`); the secret that checks the signature is the merchant account's `webhook_secret`
//! in the service's config: nothing secret is in this program.
//!
//! Answers: 200 and the acknowledgement once verified; 401 on a bad signature and 400 on a body
//! that is not the processor's webhook (nothing acted on); 503 when the service could not be asked
//! (the processor delivers again later). Answer 2xx only once the events are safely stored, and
//! de-duplicate on `event_id`: deliveries are at least once.
mod common;

use std::collections::{HashMap, HashSet};
use std::convert::Infallible;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine;
use bytes::Bytes;
use common::{BoxError, Stack};
use connectorservice_client::proto::*;
use connectorservice_client::{Code, ConnectorClient, ErrorReason, WebhookInput};
use hmac::{Hmac, Mac};
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use sha2::Sha256;

struct Receiver {
    client: ConnectorClient,
    accounts: HashMap<String, String>,
    seen: Mutex<HashSet<String>>, // a real receiver keeps this in its database
}

fn status_of(ev: &Event) -> &'static str {
    match ev.r#type() {
        EventType::Payment => ev.payment_status().as_str_name(),
        EventType::Refund => ev.refund_status().as_str_name(),
        EventType::Dispute => ev.dispute_status().as_str_name(),
        _ => "-",
    }
}

fn describe(connector: &str, ev: &Event) -> String {
    let or_dash = |s: &str| if s.is_empty() { "-".to_string() } else { s.to_string() };
    let mut out = format!(
        "{connector}: {} {} ({}) payment={}",
        ev.r#type().as_str_name(),
        status_of(ev),
        ev.processor_event_code,
        or_dash(&ev.connector_payment_id)
    );
    for (name, v) in
        [("refund", &ev.connector_refund_id), ("mandate", &ev.connector_mandate_id), ("ref", &ev.merchant_reference)]
    {
        if !v.is_empty() {
            out += &format!(" {name}={v}");
        }
    }
    if let Some(m) = &ev.amount {
        out += &format!(" amount={} {}", m.minor_amount, m.currency_code);
    }
    out + &format!(" id={}", ev.event_id)
}

fn answer(status: u16, text: impl Into<String>) -> Response<Full<Bytes>> {
    let mut res = Response::new(Full::new(Bytes::from(text.into())));
    *res.status_mut() = hyper::StatusCode::from_u16(status).unwrap_or(hyper::StatusCode::INTERNAL_SERVER_ERROR);
    res.headers_mut().insert("content-type", "text/plain".parse().unwrap());
    res
}

async fn handle(rx: Arc<Receiver>, req: Request<Incoming>) -> Response<Full<Bytes>> {
    let path = req.uri().path().trim_matches('/').to_string();
    let connector = match path.split_once('/') {
        Some(("webhooks", c)) if req.method() == hyper::Method::POST => c.to_string(),
        _ => return answer(404, "POST /webhooks/<connector>"),
    };
    let Some(account) = rx.accounts.get(&connector).cloned() else {
        return answer(404, format!("no receiver for {connector:?}"));
    };
    // The raw body, byte for byte, and the headers as received: the signature covers them.
    let headers: Vec<(String, String)> = req
        .headers()
        .iter()
        .filter_map(|(k, v)| v.to_str().ok().map(|v| (k.as_str().to_string(), v.to_string())))
        .collect();
    let body = match req.into_body().collect().await {
        Ok(b) => b.to_bytes(),
        Err(_) => return answer(400, "unreadable body"),
    };
    let mut input = WebhookInput::new(&connector, body.to_vec()).merchant_account(account);
    for (k, v) in headers {
        input = input.header(k, v);
    }
    match rx.client.handle_webhook(input).await {
        Ok(res) => {
            for ev in &res.events {
                if !ev.event_id.is_empty() && !rx.seen.lock().unwrap().insert(ev.event_id.clone()) {
                    continue; // a redelivery: already acted on
                }
                println!("{}", describe(&connector, ev));
            }
            answer(200, res.acknowledgement)
        }
        Err(e) => {
            println!("{connector}: refused {}/{}: {}", e.code_name(), e.reason, e.message);
            if e.code == Code::Unauthenticated || e.error_reason == Some(ErrorReason::BadSignature) {
                answer(401, "bad signature")
            } else if e.code == Code::InvalidArgument {
                answer(400, "not a webhook")
            } else {
                answer(503, "try again later") // the processor delivers it again
            }
        }
    }
}

async fn serve(listener: tokio::net::TcpListener, rx: Arc<Receiver>) {
    loop {
        let Ok((stream, _)) = listener.accept().await else { continue };
        let rx = rx.clone();
        tokio::spawn(async move {
            let svc = hyper::service::service_fn(move |req| {
                let rx = rx.clone();
                async move { Ok::<_, Infallible>(handle(rx, req).await) }
            });
            let _ = hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), svc).await;
        });
    }
}

/// A body and the headers it is sent with.
type Notification = (String, Vec<(&'static str, String)>);

// ---- --demo: what Adyen or Stripe would POST, signed the way they (and processor-sim) sign ------

/// An Adyen AUTHORISATION notification, HMAC-SHA256 (hex key) in additionalData.hmacSignature.
fn adyen_notification(psp: &str, reference: &str, key_hex: &str) -> Result<Notification, BoxError> {
    let (merchant, value, currency, code) = ("DemoMerchantECOM", 1000, "EUR", "AUTHORISATION");
    let signed = [psp, "", merchant, reference, &value.to_string(), currency, code, "true"].join(":");
    let mut mac = Hmac::<Sha256>::new_from_slice(&hex::decode(key_hex)?)?;
    mac.update(signed.as_bytes());
    let signature = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
    let item = serde_json::json!({
        "amount": {"currency": currency, "value": value}, "eventCode": code,
        "eventDate": "2024-05-01T10:00:00+02:00", "merchantAccountCode": merchant,
        "merchantReference": reference, "paymentMethod": "visa", "pspReference": psp, "reason": "",
        "success": "true", "additionalData": {"hmacSignature": signature},
    });
    let body = serde_json::json!({"live": "false", "notificationItems": [{"NotificationRequestItem": item}]});
    Ok((body.to_string(), vec![("content-type", "application/json".into())]))
}

/// A Stripe payment_intent.succeeded event, signed in the Stripe-Signature header.
fn stripe_event(pi: &str, event_id: &str, reference: &str, whsec: &str) -> Result<Notification, BoxError> {
    let t = SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs();
    let intent = serde_json::json!({
        "id": pi, "object": "payment_intent", "amount": 1000, "amount_capturable": 0,
        "amount_received": 1000, "currency": "eur", "capture_method": "automatic",
        "status": "succeeded", "latest_charge": null, "last_payment_error": null,
        "metadata": {"merchant_reference": reference},
    });
    let body = serde_json::json!({
        "id": event_id, "object": "event", "api_version": "2023-08-16", "created": t,
        "data": {"object": intent}, "livemode": false, "pending_webhooks": 1,
        "request": {"id": null, "idempotency_key": null}, "type": "payment_intent.succeeded",
    })
    .to_string();
    let mut mac = Hmac::<Sha256>::new_from_slice(whsec.as_bytes())?;
    mac.update(format!("{t}.{body}").as_bytes());
    let sig = format!("t={t},v1={}", hex::encode(mac.finalize().into_bytes()));
    Ok((body, vec![("content-type", "application/json; charset=utf-8".into()), ("stripe-signature", sig)]))
}

async fn demo(stack: &Stack, connector: &str, base: &str) -> Result<(), BoxError> {
    let id = uuid::Uuid::new_v4().simple().to_string()[..12].to_uppercase();
    let (body, headers) = if connector == "adyen" {
        adyen_notification(
            &format!("DEMO{id}"),
            &format!("demo-{id}"),
            stack.get("CS_ADYEN_HMAC_KEY").unwrap_or(common::ADYEN_HMAC_KEY),
        )?
    } else {
        let secret = stack.get("CS_STRIPE_WEBHOOK_SECRET").unwrap_or(common::STRIPE_WEBHOOK_SECRET);
        stripe_event(&format!("pi_3DEMO{id}"), &format!("evt_3DEMO{id}"), &format!("demo-{id}"), secret)?
    };
    let headers: Vec<(&str, &str)> = headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let url = format!("{base}/webhooks/{connector}");
    let ok = common::http_request(None, "POST", &url, &headers, body.clone().into_bytes()).await?;
    println!("processor got: {} {:?}", ok.status, ok.body);
    let forged = body.replace(r#""value":1000"#, r#""value":9000"#).replace(r#""amount":1000"#, r#""amount":9000"#);
    let bad = common::http_request(None, "POST", &url, &headers, forged.into_bytes()).await?;
    println!("processor got for a forged body: {}", bad.status);
    if ok.status != 200 || bad.status != 401 {
        return Err("expected 200 for the signed notification and 401 for the forged one".into());
    }
    Ok(())
}

async fn run(args: &common::Args, stack: &Stack) -> Result<(), BoxError> {
    let demo_mode = args.flag("demo");
    let port: u16 = match args.value("port") {
        Some(p) => p.parse().map_err(|_| format!("--port {p}: not a port"))?,
        None if demo_mode => 0,
        None => 8098,
    };
    let accounts = common::CONNECTORS.iter().map(|c| (c.to_string(), stack.account(args, c))).collect();
    let rx = Arc::new(Receiver { client: stack.client(args)?, accounts, seen: Mutex::new(HashSet::new()) });
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    let base = format!("http://{}", listener.local_addr()?);
    println!("webhook receiver on {base}/webhooks/<connector>");
    let server = tokio::spawn(serve(listener, rx));
    let outcome = if demo_mode {
        demo(stack, &args.connector, &base).await
    } else {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
        Ok(())
    };
    server.abort();
    outcome
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = common::parse_args(
        "webhook_receiver [--connector adyen|stripe] [--demo] [--port N] [--target HOST:PORT]",
        &["demo"],
        &["port"],
    );
    let stack = Stack::open_or_exit(&args);
    let outcome = run(&args, &stack).await;
    common::finish(stack, outcome)
}
