//! [`ConnectorClient`]: an async (tokio + tonic) client of every `connectorservice.v1` RPC, with
//! credentials metadata, deadlines, automatic idempotency keys, typed errors and retries.
use std::fmt::Debug;
use std::future::Future;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tonic::metadata::{AsciiMetadataValue, MetadataKey, MetadataMap};
use tonic::transport::{Channel, ClientTlsConfig, Endpoint};
use tonic::Code;

use crate::proto::dispute_service_client::DisputeServiceClient;
use crate::proto::event_service_client::EventServiceClient;
use crate::proto::payment_service_client::PaymentServiceClient;
use crate::proto::recurring_service_client::RecurringServiceClient;
use crate::proto::refund_service_client::RefundServiceClient;
use crate::proto::*;
use crate::redact::{secrets_of, Redact};
use crate::retry::{with_retry, RetryPolicy};
use crate::webhooks::WebhookInput;
use crate::Error;

/// The default deadline of a call.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// What a finished call reports to [`CallOptions::on_call_info`] (OK or not).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CallInfo {
    /// `x-request-id` the service answered with (else the one sent).
    pub request_id: Option<String>,
    /// Trailing metadata `x-processor-attempts` (processor HTTP calls of the flow).
    pub processor_attempts: Option<u32>,
    /// The idempotency key sent (mutating calls).
    pub idempotency_key: Option<String>,
    /// Attempts this client made (retries included).
    pub attempts: u32,
}

type CallInfoFn = Arc<dyn Fn(&CallInfo) + Send + Sync>;

/// Per-call options; every field overrides the client's setting for this call.
#[derive(Clone, Default)]
pub struct CallOptions {
    /// The call's deadline (sent as `grpc-timeout`, and enforced here too).
    pub timeout: Option<Duration>,
    /// `x-merchant-account` for this call; `Some("")` sends none.
    pub merchant_account: Option<String>,
    /// Used when the request's `idempotency_key` is empty (mutating calls).
    pub idempotency_key: Option<String>,
    /// `x-request-id`.
    pub request_id: Option<String>,
    /// Call credentials for this call, each sent as `x-auth-<key>`, replacing the client's.
    pub credentials: Option<Vec<(String, String)>>,
    /// Retries for this call; `Some(RetryPolicy::none())` for none.
    pub retry: Option<RetryPolicy>,
    /// Extra metadata entries.
    pub metadata: Vec<(String, String)>,
    /// Told the request id, processor attempts, key and attempts once the call ended.
    pub on_call_info: Option<CallInfoFn>,
}

impl CallOptions {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }
    pub fn merchant_account(mut self, account: impl Into<String>) -> Self {
        self.merchant_account = Some(account.into());
        self
    }
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }
    pub fn request_id(mut self, id: impl Into<String>) -> Self {
        self.request_id = Some(id.into());
        self
    }
    pub fn credential(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.credentials.get_or_insert_with(Vec::new).push((key.into(), value.into()));
        self
    }
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }
    pub fn metadata(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.metadata.push((key.into(), value.into()));
        self
    }
    pub fn on_call_info(mut self, f: impl Fn(&CallInfo) + Send + Sync + 'static) -> Self {
        self.on_call_info = Some(Arc::new(f));
        self
    }
}

impl Debug for CallOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CallOptions")
            .field("timeout", &self.timeout)
            .field("merchant_account", &self.merchant_account)
            .field("idempotency_key", &self.idempotency_key)
            .field("request_id", &self.request_id)
            .field("credentials", &self.credentials.as_ref().map(|c| c.iter().map(|(k, _)| k).collect::<Vec<_>>()))
            .field("retry", &self.retry)
            .field("metadata", &self.metadata.iter().map(|(k, _)| k).collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

/// The request types of the mutating RPCs carry an `idempotency_key`.
pub trait IdempotentRequest {
    /// The request's `idempotency_key`, for mutating RPCs; `None` for reads.
    fn idempotency_key_mut(&mut self) -> Option<&mut String> {
        None
    }
}

macro_rules! mutating {
    ($($t:ty),*) => {$(
        impl IdempotentRequest for $t {
            fn idempotency_key_mut(&mut self) -> Option<&mut String> { Some(&mut self.idempotency_key) }
        }
    )*};
}
mutating!(
    AuthorizeRequest,
    CaptureRequest,
    VoidRequest,
    RefundRequest,
    SetupMandateRequest,
    CompleteAuthorizeRequest,
    RecurringChargeRequest,
    RevokeMandateRequest,
    AcceptDisputeRequest,
    SubmitEvidenceRequest,
    DefendDisputeRequest
);
impl IdempotentRequest for GetPaymentRequest {}
impl IdempotentRequest for GetRefundRequest {}
impl IdempotentRequest for GetDisputeRequest {}
impl IdempotentRequest for HandleWebhookRequest {}

#[derive(Clone)]
enum Tls {
    Off,
    SystemRoots,
    Config(ClientTlsConfig),
}

/// Builds a [`ConnectorClient`]: `ConnectorClient::builder("127.0.0.1:50051")…build()`.
#[derive(Clone)]
pub struct ClientBuilder {
    endpoint: String,
    tls: Tls,
    api_key: Option<String>,
    merchant_account: Option<String>,
    credentials: Vec<(String, String)>,
    default_timeout: Duration,
    connect_timeout: Duration,
    retry: Option<RetryPolicy>,
    auto_idempotency_key: bool,
    debug: Option<bool>,
}

impl ClientBuilder {
    /// TLS with the system's root certificates (`true`), or plaintext (`false`, the default).
    pub fn tls(mut self, on: bool) -> Self {
        self.tls = if on { Tls::SystemRoots } else { Tls::Off };
        self
    }
    /// TLS with this configuration (own CA, client certificate for mutual TLS, domain name).
    pub fn tls_config(mut self, config: ClientTlsConfig) -> Self {
        self.tls = Tls::Config(config);
        self
    }
    /// Sent as `authorization: Bearer <key>` (when the service has `[clients]`).
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.api_key = Some(key.into());
        self
    }
    /// The default `x-merchant-account` (an account of the service's config).
    pub fn merchant_account(mut self, account: impl Into<String>) -> Self {
        self.merchant_account = Some(account.into());
        self
    }
    /// A call credential, sent as `x-auth-<key>` (`_` → `-`) when no merchant account is named.
    pub fn credential(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.credentials.push((key.into(), value.into()));
        self
    }
    pub fn credentials<K: Into<String>, V: Into<String>>(mut self, creds: impl IntoIterator<Item = (K, V)>) -> Self {
        self.credentials.extend(creds.into_iter().map(|(k, v)| (k.into(), v.into())));
        self
    }
    /// The deadline of each call unless the call says otherwise (default 30 s).
    pub fn default_timeout(mut self, timeout: Duration) -> Self {
        self.default_timeout = timeout;
        self
    }
    /// How long connecting may take (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }
    /// Retry calls the server marks retryable (default: no retries).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }
    /// Give mutating calls without a key a UUIDv4 idempotency key (default true); `false` lets
    /// the service derive keys from the request (docs/api.md §5).
    pub fn auto_idempotency_key(mut self, on: bool) -> Self {
        self.auto_idempotency_key = on;
        self
    }
    /// Print each request and reply (redacted `Debug`) to stderr; default: env `CS_SDK_DEBUG=1`.
    pub fn debug(mut self, on: bool) -> Self {
        self.debug = Some(on);
        self
    }

    fn endpoint(&self) -> Result<Endpoint, Error> {
        let uri = if self.endpoint.contains("://") {
            self.endpoint.clone()
        } else {
            let scheme = if matches!(self.tls, Tls::Off) { "http" } else { "https" };
            format!("{scheme}://{}", self.endpoint)
        };
        let bad = |e: tonic::transport::Error| Error::client(Code::InvalidArgument, format!("endpoint {uri}: {e}"));
        let mut ep = Endpoint::from_shared(uri.clone()).map_err(bad)?.connect_timeout(self.connect_timeout);
        ep = match &self.tls {
            Tls::Off => ep,
            Tls::SystemRoots => ep.tls_config(ClientTlsConfig::new().with_native_roots()).map_err(bad)?,
            Tls::Config(c) => ep.tls_config(c.clone()).map_err(bad)?,
        };
        Ok(ep)
    }

    fn finish(self, channel: Channel) -> ConnectorClient {
        let debug = self
            .debug
            .unwrap_or_else(|| std::env::var("CS_SDK_DEBUG").is_ok_and(|v| v == "1" || v.eq_ignore_ascii_case("true")));
        ConnectorClient {
            channel,
            cfg: Arc::new(Config {
                api_key: self.api_key,
                merchant_account: self.merchant_account,
                credentials: self.credentials,
                default_timeout: self.default_timeout,
                retry: self.retry,
                auto_idempotency_key: self.auto_idempotency_key,
                debug,
            }),
        }
    }

    /// The client, connecting on its first call (no I/O here; needs a tokio runtime).
    pub fn build(self) -> Result<ConnectorClient, Error> {
        let channel = self.endpoint()?.connect_lazy();
        Ok(self.finish(channel))
    }

    /// The client, once connected (an `UNAVAILABLE` error when it cannot connect).
    pub async fn connect(self) -> Result<ConnectorClient, Error> {
        let channel = self
            .endpoint()?
            .connect()
            .await
            .map_err(|e| Error::client(Code::Unavailable, format!("connect {}: {e}", self.endpoint)))?;
        Ok(self.finish(channel))
    }
}

struct Config {
    api_key: Option<String>,
    merchant_account: Option<String>,
    credentials: Vec<(String, String)>,
    default_timeout: Duration,
    retry: Option<RetryPolicy>,
    auto_idempotency_key: bool,
    debug: bool,
}

/// An async client of Connector Service. Cheap to clone (one HTTP/2 channel, shared).
///
/// Every RPC has two methods: `name(request)` and `name_with(request, &CallOptions)`. A
/// processor's answer — authorized, declined, 3DS needed — is `Ok`: a decline is
/// `status == PAYMENT_STATUS_FAILURE` with `error.decline_code`. `Err(Error)` means the service
/// could not get an answer or refused the request.
#[derive(Clone)]
pub struct ConnectorClient {
    channel: Channel,
    cfg: Arc<Config>,
}

impl Debug for ConnectorClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ConnectorClient")
            .field("merchant_account", &self.cfg.merchant_account)
            .field("default_timeout", &self.cfg.default_timeout)
            .finish_non_exhaustive()
    }
}

fn to_auth_key(key: &str) -> String {
    let k = key.to_ascii_lowercase().replace('_', "-");
    if k.starts_with("x-auth-") {
        k
    } else {
        format!("x-auth-{k}")
    }
}

fn put(md: &mut MetadataMap, key: &str, value: &str) -> Result<(), Error> {
    let k = MetadataKey::from_bytes(key.to_ascii_lowercase().as_bytes())
        .map_err(|_| Error::client(Code::InvalidArgument, format!("invalid metadata key {key:?}")))?;
    let v = AsciiMetadataValue::try_from(value).map_err(|_| {
        Error::client(Code::InvalidArgument, format!("the value of metadata {key} is not visible ASCII"))
    })?;
    md.append(k, v);
    Ok(())
}

/// The status tonic's channel makes when the request's own `grpc-timeout` ran out locally
/// (`TimeoutExpired` → `CANCELLED "Timeout expired"`, no details): no answer came.
fn is_tonic_timeout(status: &tonic::Status) -> bool {
    status.code() == Code::Cancelled
        && status.details().is_empty()
        && status.message() == tonic::TimeoutExpired(()).to_string()
}

fn md_str(md: &MetadataMap, key: &str) -> Option<String> {
    md.get(key).and_then(|v| v.to_str().ok()).map(str::to_string)
}

macro_rules! rpcs {
    ($(
        $(#[$doc:meta])*
        $name:ident / $name_with:ident: $client:ident::$rpc:ident($req:ty) -> $res:ty, $path:literal;
    )*) => {$(
        $(#[$doc])*
        pub async fn $name(&self, request: $req) -> Result<$res, Error> {
            self.$name_with(request, &CallOptions::default()).await
        }
        $(#[$doc])*
        ///
        /// With per-call options.
        pub async fn $name_with(&self, request: $req, options: &CallOptions) -> Result<$res, Error> {
            self.unary($path, request, options, |ch, req| async move { $client::new(ch).$rpc(req).await }).await
        }
    )*};
}

impl ConnectorClient {
    /// A builder for `endpoint` (`host:port`, or a `http://` / `https://` URI).
    pub fn builder(endpoint: impl Into<String>) -> ClientBuilder {
        ClientBuilder {
            endpoint: endpoint.into(),
            tls: Tls::Off,
            api_key: None,
            merchant_account: None,
            credentials: Vec::new(),
            default_timeout: DEFAULT_TIMEOUT,
            connect_timeout: Duration::from_secs(10),
            retry: None,
            auto_idempotency_key: true,
            debug: None,
        }
    }

    rpcs! {
        /// PaymentService.Authorize: `CAPTURE_METHOD_MANUAL` authorizes only, else a sale.
        authorize / authorize_with: PaymentServiceClient::authorize(AuthorizeRequest) -> Payment,
            "/connectorservice.v1.PaymentService/Authorize";
        /// PaymentService.Capture: fully, or partially (`amount_to_capture`).
        capture / capture_with: PaymentServiceClient::capture(CaptureRequest) -> Payment,
            "/connectorservice.v1.PaymentService/Capture";
        /// PaymentService.Void: cancel an authorization before capture.
        void / void_with: PaymentServiceClient::void(VoidRequest) -> Payment,
            "/connectorservice.v1.PaymentService/Void";
        /// PaymentService.Get: the payment's current state at the processor.
        get_payment / get_payment_with: PaymentServiceClient::get(GetPaymentRequest) -> Payment,
            "/connectorservice.v1.PaymentService/Get";
        /// PaymentService.Refund: fully or partially.
        refund / refund_with: PaymentServiceClient::refund(RefundRequest) -> Refund,
            "/connectorservice.v1.PaymentService/Refund";
        /// PaymentService.SetupMandate: store a payment method for merchant-initiated charges.
        setup_mandate / setup_mandate_with: PaymentServiceClient::setup_mandate(SetupMandateRequest) -> SetupMandateResponse,
            "/connectorservice.v1.PaymentService/SetupMandate";
        /// PaymentService.CompleteAuthorize: after a redirect or 3DS challenge.
        complete_authorize / complete_authorize_with: PaymentServiceClient::complete_authorize(CompleteAuthorizeRequest) -> Payment,
            "/connectorservice.v1.PaymentService/CompleteAuthorize";
        /// RefundService.Get.
        get_refund / get_refund_with: RefundServiceClient::get(GetRefundRequest) -> Refund,
            "/connectorservice.v1.RefundService/Get";
        /// RecurringService.Charge: a merchant-initiated charge on a mandate.
        recurring_charge / recurring_charge_with: RecurringServiceClient::charge(RecurringChargeRequest) -> Payment,
            "/connectorservice.v1.RecurringService/Charge";
        /// RecurringService.Revoke.
        revoke_mandate / revoke_mandate_with: RecurringServiceClient::revoke(RevokeMandateRequest) -> RevokeMandateResponse,
            "/connectorservice.v1.RecurringService/Revoke";
        /// DisputeService.Accept.
        accept_dispute / accept_dispute_with: DisputeServiceClient::accept(AcceptDisputeRequest) -> Dispute,
            "/connectorservice.v1.DisputeService/Accept";
        /// DisputeService.SubmitEvidence.
        submit_evidence / submit_evidence_with: DisputeServiceClient::submit_evidence(SubmitEvidenceRequest) -> Dispute,
            "/connectorservice.v1.DisputeService/SubmitEvidence";
        /// DisputeService.Defend.
        defend_dispute / defend_dispute_with: DisputeServiceClient::defend(DefendDisputeRequest) -> Dispute,
            "/connectorservice.v1.DisputeService/Defend";
        /// DisputeService.Get.
        get_dispute / get_dispute_with: DisputeServiceClient::get(GetDisputeRequest) -> Dispute,
            "/connectorservice.v1.DisputeService/Get";
    }

    /// EventService.HandleWebhook: verify a webhook a processor sent you and get the unified
    /// events. The secret travels as `x-webhook-secret` metadata (never in the body); or name
    /// `merchant_account` to use its configured secret. A bad signature is an [`Error`]
    /// `UNAUTHENTICATED` / `BAD_SIGNATURE`.
    pub async fn handle_webhook(&self, input: WebhookInput) -> Result<HandleWebhookResponse, Error> {
        self.handle_webhook_with(input, &CallOptions::default()).await
    }

    /// [`handle_webhook`](Self::handle_webhook) with per-call options.
    pub async fn handle_webhook_with(
        &self,
        input: WebhookInput,
        options: &CallOptions,
    ) -> Result<HandleWebhookResponse, Error> {
        let mut opts = options.clone();
        if let Some(secret) = &input.secret {
            opts.metadata.push(("x-webhook-secret".into(), secret.clone()));
            // The secret decides: the client's default account and credentials are not sent.
            opts.credentials = Some(Vec::new());
            if input.merchant_account.is_none() && opts.merchant_account.is_none() {
                opts.merchant_account = Some(String::new());
            }
        }
        if let Some(account) = input.merchant_account {
            opts.merchant_account = Some(account);
        }
        let request = HandleWebhookRequest { connector: input.connector, headers: input.headers, body: input.body };
        self.unary("/connectorservice.v1.EventService/HandleWebhook", request, &opts, |ch, req| async move {
            EventServiceClient::new(ch).handle_webhook(req).await
        })
        .await
    }

    fn metadata_for(&self, md: &mut MetadataMap, options: &CallOptions) -> Result<(), Error> {
        if let Some(key) = &self.cfg.api_key {
            put(md, "authorization", &format!("Bearer {key}"))?;
        }
        let account = options.merchant_account.as_ref().or(self.cfg.merchant_account.as_ref());
        match account.filter(|a| !a.is_empty()) {
            Some(a) => put(md, "x-merchant-account", a)?,
            None => {
                for (k, v) in options.credentials.as_ref().unwrap_or(&self.cfg.credentials) {
                    put(md, &to_auth_key(k), v)?;
                }
            }
        }
        if let Some(id) = &options.request_id {
            put(md, "x-request-id", id)?;
        }
        for (k, v) in &options.metadata {
            put(md, k, v)?;
        }
        Ok(())
    }

    async fn unary<Req, Res, F, Fut>(
        &self,
        method: &'static str,
        mut request: Req,
        options: &CallOptions,
        call: F,
    ) -> Result<Res, Error>
    where
        Req: IdempotentRequest + Redact + Clone + Debug,
        Res: Debug,
        F: Fn(Channel, tonic::Request<Req>) -> Fut,
        Fut: Future<Output = Result<tonic::Response<Res>, tonic::Status>>,
    {
        // The key is fixed once per logical call: every retry below sends the same request.
        let idempotency_key = match request.idempotency_key_mut() {
            Some(key) => {
                if key.is_empty() {
                    if let Some(k) = options.idempotency_key.as_ref().filter(|k| !k.is_empty()) {
                        *key = k.clone();
                    } else if self.cfg.auto_idempotency_key {
                        *key = uuid::Uuid::new_v4().to_string();
                    }
                }
                Some(key.clone()).filter(|k| !k.is_empty())
            }
            None => None,
        };
        let secrets = secrets_of(&request);
        let policy = options.retry.clone().or_else(|| self.cfg.retry.clone()).unwrap_or_else(RetryPolicy::none);
        let attempts = AtomicU32::new(0);
        let last = Mutex::new((None::<String>, None::<u32>));
        let result = with_retry(&policy, idempotency_key.clone(), |_| {
            attempts.fetch_add(1, Ordering::Relaxed);
            let (request, secrets, call, last, key) = (&request, &secrets, &call, &last, &idempotency_key);
            async move {
                let mut req = tonic::Request::new(request.clone());
                let timeout = options.timeout.unwrap_or(self.cfg.default_timeout);
                req.set_timeout(timeout);
                self.metadata_for(req.metadata_mut(), options)?;
                if self.cfg.debug {
                    eprintln!("connector-service → {method} {request:?}");
                }
                let own_deadline = || {
                    Error::client(
                        Code::DeadlineExceeded,
                        format!("no answer within {timeout:?} (the outcome is unknown)"),
                    )
                };
                let outcome = match tokio::time::timeout(timeout, call(self.channel.clone(), req)).await {
                    Err(_) => Err(own_deadline()),
                    // tonic's channel enforces grpc-timeout itself and reports it as CANCELLED.
                    Ok(Err(status)) if is_tonic_timeout(&status) => Err(own_deadline()),
                    Ok(Err(status)) => Err(Error::from_status(&status, secrets)),
                    Ok(Ok(res)) => {
                        let md = res.metadata();
                        *last.lock().unwrap() = (
                            md_str(md, "x-request-id"),
                            md_str(md, "x-processor-attempts").and_then(|s| s.parse().ok()),
                        );
                        Ok(res.into_inner())
                    }
                };
                match outcome {
                    Ok(res) => {
                        if self.cfg.debug {
                            eprintln!("connector-service ← {method} OK {res:?}");
                        }
                        Ok(res)
                    }
                    Err(mut e) => {
                        e.method = Some(method.to_string());
                        e.idempotency_key = key.clone();
                        if e.request_id.is_none() {
                            e.request_id = options.request_id.clone();
                        }
                        *last.lock().unwrap() = (e.request_id.clone(), e.processor_attempts);
                        if self.cfg.debug {
                            eprintln!("connector-service ← {method} {e:?}");
                        }
                        Err(e)
                    }
                }
            }
        })
        .await;
        if let Some(cb) = &options.on_call_info {
            let (request_id, processor_attempts) = last.lock().unwrap().clone();
            cb(&CallInfo {
                request_id: request_id.or_else(|| options.request_id.clone()),
                processor_attempts,
                idempotency_key,
                attempts: attempts.load(Ordering::Relaxed),
            });
        }
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auth_keys() {
        assert_eq!(to_auth_key("api_key"), "x-auth-api-key");
        assert_eq!(to_auth_key("Merchant_Account"), "x-auth-merchant-account");
        assert_eq!(to_auth_key("x-auth-key-id"), "x-auth-key-id");
    }

    #[tokio::test]
    async fn metadata_of_a_call() {
        let client = ConnectorClient::builder("127.0.0.1:1")
            .api_key("k1")
            .credential("api_key", "sk_x")
            .credential("merchant_account", "M")
            .build()
            .unwrap();
        let mut md = MetadataMap::new();
        client.metadata_for(&mut md, &CallOptions::new().request_id("r-1")).unwrap();
        assert_eq!(md_str(&md, "authorization").as_deref(), Some("Bearer k1"));
        assert_eq!(md_str(&md, "x-auth-api-key").as_deref(), Some("sk_x"));
        assert_eq!(md_str(&md, "x-auth-merchant-account").as_deref(), Some("M"));
        assert_eq!(md_str(&md, "x-request-id").as_deref(), Some("r-1"));
        assert!(md.get("x-merchant-account").is_none());

        let mut md = MetadataMap::new();
        client.metadata_for(&mut md, &CallOptions::new().merchant_account("adyen_demo")).unwrap();
        assert_eq!(md_str(&md, "x-merchant-account").as_deref(), Some("adyen_demo"));
        assert!(md.get("x-auth-api-key").is_none(), "an account replaces call credentials");

        let mut md = MetadataMap::new();
        let bad = client.metadata_for(&mut md, &CallOptions::new().request_id("é\n"));
        assert_eq!(bad.unwrap_err().code, Code::InvalidArgument);
        assert!(ConnectorClient::builder("http://[::1").build().is_err());
    }
}
