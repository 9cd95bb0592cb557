//! The client against an in-process tonic server that answers as scripted: idempotency keys
//! across retries, metadata, RetryInfo, client-side deadlines. No stack needed.
use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use connectorservice_client::proto::event_service_server::{EventService, EventServiceServer};
use connectorservice_client::proto::payment_service_server::{PaymentService, PaymentServiceServer};
use connectorservice_client::proto::*;
use connectorservice_client::{
    with_retry, CallInfo, CallOptions, Code, ConnectorClient, ErrorReason, RetryPolicy, ERROR_DOMAIN,
};
use tonic::{Request, Response, Status};
use tonic_types::{ErrorDetails, StatusExt};

#[derive(Debug, Clone)]
struct Seen {
    method: &'static str,
    idempotency_key: String,
    metadata: Vec<(String, String)>,
}

impl Seen {
    fn md(&self, key: &str) -> Option<&str> {
        self.metadata.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }
}

enum Answer {
    Fail(Status),
}

#[derive(Default, Clone)]
struct Fake {
    seen: Arc<Mutex<Vec<Seen>>>,
    script: Arc<Mutex<VecDeque<Answer>>>,
}

fn retryable(reason: &str, delay: Option<Duration>) -> Status {
    let mut d = ErrorDetails::with_error_info(
        reason,
        ERROR_DOMAIN,
        [("retryable".to_string(), "true".to_string()), ("flow".to_string(), "capture".to_string())],
    );
    if delay.is_some() {
        d.set_retry_info(delay);
    }
    Status::with_error_details(Code::Unavailable, "try again", d)
}

fn rejected() -> Status {
    let d = ErrorDetails::with_error_info(
        "PROCESSOR_REJECTED",
        ERROR_DOMAIN,
        [("retryable".to_string(), "false".to_string()), ("processorCode".to_string(), "amount_too_large".to_string())],
    );
    Status::with_error_details(Code::FailedPrecondition, "rejected", d)
}

impl Fake {
    fn push(&self, a: Answer) {
        self.script.lock().unwrap().push_back(a);
    }
    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
    async fn answer<T>(
        &self,
        method: &'static str,
        key: &str,
        md: &tonic::metadata::MetadataMap,
        ok: T,
    ) -> Result<Response<T>, Status> {
        let metadata = md
            .iter()
            .filter_map(|kv| match kv {
                tonic::metadata::KeyAndValueRef::Ascii(k, v) => {
                    Some((k.to_string(), v.to_str().unwrap_or("").to_string()))
                }
                _ => None,
            })
            .collect();
        self.seen.lock().unwrap().push(Seen { method, idempotency_key: key.to_string(), metadata });
        let next = self.script.lock().unwrap().pop_front();
        match next {
            Some(Answer::Fail(s)) => Err(s),
            None => {
                let mut r = Response::new(ok);
                r.metadata_mut().insert("x-request-id", "fake-req-1".parse().unwrap());
                r.metadata_mut().insert("x-processor-attempts", "2".parse().unwrap());
                Ok(r)
            }
        }
    }
}

fn payment(status: PaymentStatus) -> Payment {
    Payment { status: status as i32, connector_payment_id: "pi_fake".into(), ..Default::default() }
}

#[tonic::async_trait]
impl PaymentService for Fake {
    async fn authorize(&self, r: Request<AuthorizeRequest>) -> Result<Response<Payment>, Status> {
        let k = r.get_ref().idempotency_key.clone();
        self.answer("authorize", &k, r.metadata(), payment(PaymentStatus::Authorized)).await
    }
    async fn capture(&self, r: Request<CaptureRequest>) -> Result<Response<Payment>, Status> {
        let k = r.get_ref().idempotency_key.clone();
        self.answer("capture", &k, r.metadata(), payment(PaymentStatus::Charged)).await
    }
    async fn void(&self, r: Request<VoidRequest>) -> Result<Response<Payment>, Status> {
        let k = r.get_ref().idempotency_key.clone();
        self.answer("void", &k, r.metadata(), payment(PaymentStatus::Voided)).await
    }
    async fn get(&self, r: Request<GetPaymentRequest>) -> Result<Response<Payment>, Status> {
        self.answer("get", "", r.metadata(), payment(PaymentStatus::Charged)).await
    }
    async fn refund(&self, r: Request<RefundRequest>) -> Result<Response<Refund>, Status> {
        let k = r.get_ref().idempotency_key.clone();
        self.answer("refund", &k, r.metadata(), Refund::default()).await
    }
    async fn setup_mandate(&self, r: Request<SetupMandateRequest>) -> Result<Response<SetupMandateResponse>, Status> {
        let k = r.get_ref().idempotency_key.clone();
        self.answer("setup_mandate", &k, r.metadata(), SetupMandateResponse::default()).await
    }
    async fn complete_authorize(&self, r: Request<CompleteAuthorizeRequest>) -> Result<Response<Payment>, Status> {
        let k = r.get_ref().idempotency_key.clone();
        self.answer("complete_authorize", &k, r.metadata(), payment(PaymentStatus::Charged)).await
    }
}

#[tonic::async_trait]
impl EventService for Fake {
    async fn handle_webhook(
        &self,
        r: Request<HandleWebhookRequest>,
    ) -> Result<Response<HandleWebhookResponse>, Status> {
        let body = String::from_utf8_lossy(&r.get_ref().body).to_string();
        let res = HandleWebhookResponse { acknowledgement: body, events: vec![] };
        self.answer("handle_webhook", "", r.metadata(), res).await
    }
}

async fn serve() -> (Fake, SocketAddr) {
    let fake = Fake::default();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let svc = fake.clone();
    tokio::spawn(async move {
        tonic::transport::Server::builder()
            .add_service(PaymentServiceServer::new(svc.clone()))
            .add_service(EventServiceServer::new(svc))
            .serve_with_incoming(tokio_stream::wrappers::TcpListenerStream::new(listener))
            .await
            .unwrap();
    });
    (fake, addr)
}

fn capture_req() -> CaptureRequest {
    CaptureRequest { connector: "stripe".into(), connector_payment_id: "pi_fake".into(), ..Default::default() }
}

fn fast_retry(n: u32) -> RetryPolicy {
    RetryPolicy {
        max_attempts: n,
        initial_delay: Duration::from_millis(5),
        max_delay: Duration::from_millis(20),
        total_timeout: None,
    }
}

#[tokio::test]
async fn retries_send_the_same_automatic_key_and_honour_retry_info() {
    let (fake, addr) = serve().await;
    let client = ConnectorClient::builder(addr.to_string())
        .merchant_account("stripe_demo")
        .retry(fast_retry(3))
        .build()
        .unwrap();
    fake.push(Answer::Fail(retryable("CIRCUIT_OPEN", Some(Duration::from_millis(150)))));
    fake.push(Answer::Fail(retryable("OVERLOADED", None)));
    let info = Arc::new(Mutex::new(None::<CallInfo>));
    let sink = info.clone();
    let started = Instant::now();
    let res = client
        .capture_with(capture_req(), &CallOptions::new().on_call_info(move |i| *sink.lock().unwrap() = Some(i.clone())))
        .await
        .unwrap();
    assert_eq!(res.status(), PaymentStatus::Charged);
    assert!(started.elapsed() >= Duration::from_millis(150), "RetryInfo's 150 ms was waited");
    let seen = fake.seen();
    assert_eq!(seen.len(), 3);
    let key = &seen[0].idempotency_key;
    assert_eq!(uuid::Uuid::parse_str(key).unwrap().get_version_num(), 4, "{key}");
    assert!(seen.iter().all(|s| &s.idempotency_key == key), "{seen:?}");
    assert!(seen.iter().all(|s| s.md("x-merchant-account") == Some("stripe_demo")));
    let info = info.lock().unwrap().clone().unwrap();
    assert_eq!(info.attempts, 3);
    assert_eq!(info.idempotency_key.as_ref(), Some(key));
    assert_eq!(info.request_id.as_deref(), Some("fake-req-1"));
    assert_eq!(info.processor_attempts, Some(2));

    // A second logical call is a second operation: a new key.
    client.capture(capture_req()).await.unwrap();
    let seen = fake.seen();
    assert_eq!(seen.len(), 4);
    assert_ne!(&seen[3].idempotency_key, key);
}

#[tokio::test]
async fn non_retryable_errors_are_not_retried_and_keys_can_be_given() {
    let (fake, addr) = serve().await;
    let client = ConnectorClient::builder(addr.to_string()).retry(fast_retry(4)).build().unwrap();
    fake.push(Answer::Fail(rejected()));
    let err =
        client.capture_with(capture_req(), &CallOptions::new().idempotency_key("order-7-capture-1")).await.unwrap_err();
    assert_eq!(err.error_reason, Some(ErrorReason::ProcessorRejected));
    assert_eq!(err.processor_code.as_deref(), Some("amount_too_large"));
    assert_eq!(err.idempotency_key.as_deref(), Some("order-7-capture-1"));
    assert_eq!(err.method.as_deref(), Some("/connectorservice.v1.PaymentService/Capture"));
    assert_eq!(fake.seen().len(), 1, "not retried");
    assert_eq!(fake.seen()[0].idempotency_key, "order-7-capture-1");

    // A key in the request wins over the option; retries run out and return the last error.
    for _ in 0..4 {
        fake.push(Answer::Fail(retryable("OVERLOADED", None)));
    }
    let req = CaptureRequest { idempotency_key: "in-request".into(), ..capture_req() };
    let err = client.capture_with(req, &CallOptions::new().idempotency_key("ignored")).await.unwrap_err();
    assert!(err.retryable);
    let seen = fake.seen();
    assert_eq!(seen.len(), 5);
    assert!(seen[1..].iter().all(|s| s.idempotency_key == "in-request"));

    // Reads carry no key; auto keys can be turned off.
    client.get_payment(GetPaymentRequest::default()).await.unwrap();
    let plain = ConnectorClient::builder(addr.to_string()).auto_idempotency_key(false).build().unwrap();
    plain.void(VoidRequest::default()).await.unwrap();
    let seen = fake.seen();
    assert_eq!((seen[5].method, seen[5].idempotency_key.as_str()), ("get", ""));
    assert_eq!((seen[6].method, seen[6].idempotency_key.as_str()), ("void", ""));
}

#[tokio::test]
async fn with_retry_around_calls_hands_every_attempt_the_same_key() {
    let (fake, addr) = serve().await;
    let client = ConnectorClient::builder(addr.to_string()).build().unwrap();
    fake.push(Answer::Fail(retryable("OVERLOADED", Some(Duration::from_millis(1)))));
    fake.push(Answer::Fail(retryable("OVERLOADED", Some(Duration::from_millis(1)))));
    let out = with_retry(&RetryPolicy::attempts(3), None, |ctx| {
        let client = client.clone();
        async move {
            client.refund_with(RefundRequest::default(), &CallOptions::new().idempotency_key(ctx.idempotency_key)).await
        }
    })
    .await;
    assert!(out.is_ok(), "{out:?}");
    let seen = fake.seen();
    assert_eq!(seen.len(), 3);
    assert!(seen.iter().all(|s| s.idempotency_key == seen[0].idempotency_key && !s.idempotency_key.is_empty()));
}

#[tokio::test]
async fn credentials_api_key_request_id_and_webhook_secret_travel_as_metadata() {
    let (fake, addr) = serve().await;
    let client = ConnectorClient::builder(format!("http://{addr}"))
        .api_key("cs_live_key")
        .merchant_account("adyen_demo")
        .build()
        .unwrap();
    client
        .authorize_with(
            AuthorizeRequest::default(),
            &CallOptions::new()
                .merchant_account("")
                .credential("api_key", "sk_1")
                .credential("merchant_account", "M")
                .request_id("r-9"),
        )
        .await
        .unwrap();
    let res = client
        .handle_webhook(connectorservice_client::WebhookInput::new("adyen", "raw body").secret("ABCDEF0123"))
        .await
        .unwrap();
    assert_eq!(res.acknowledgement, "raw body", "the body is sent byte for byte");
    let seen = fake.seen();
    assert_eq!(seen[0].md("authorization"), Some("Bearer cs_live_key"));
    assert_eq!(seen[0].md("x-merchant-account"), None);
    assert_eq!(seen[0].md("x-auth-api-key"), Some("sk_1"));
    assert_eq!(seen[0].md("x-auth-merchant-account"), Some("M"));
    assert_eq!(seen[0].md("x-request-id"), Some("r-9"));
    assert_eq!(seen[1].md("x-webhook-secret"), Some("ABCDEF0123"));
    assert_eq!(seen[1].md("x-merchant-account"), None, "with a secret, the default account is not sent");
}

#[tokio::test]
async fn a_call_without_an_answer_in_time_is_outcome_unknown() {
    // A peer that accepts the TCP connection and then never answers (a tonic server would answer
    // the grpc-timeout itself): only this client's own deadline ends the call.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = silent.local_addr().unwrap();
    let client =
        ConnectorClient::builder(addr.to_string()).default_timeout(Duration::from_millis(300)).build().unwrap();
    let started = Instant::now();
    let err = client.capture(capture_req()).await.unwrap_err();
    assert!(started.elapsed() >= Duration::from_millis(300) && started.elapsed() < Duration::from_secs(3));
    assert_eq!(err.code, Code::DeadlineExceeded, "{err:?}");
    assert!(err.is_outcome_unknown(), "{err:?}");
    assert!(err.idempotency_key.is_some(), "retry with this key");
    drop(silent);
}

#[tokio::test]
async fn an_unreachable_service_is_unavailable() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let client = ConnectorClient::builder(addr.to_string()).build().unwrap();
    let err = client.get_payment(GetPaymentRequest::default()).await.unwrap_err();
    assert_eq!(err.code, Code::Unavailable, "{err:?}");
    assert!(!err.has_error_info() && !err.is_outcome_unknown());
    assert!(ConnectorClient::builder(addr.to_string()).connect().await.is_err());
}
