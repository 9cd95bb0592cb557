//! What the examples share: the command line (`--connector adyen|stripe`), the stack to talk to,
//! the simulator's test values per processor, and HTTPS to the simulator (its CA only). The
//! integration tests include this file too (`#[path]`), so they check the simulator the same way.
//!
//! Where an example finds Connector Service, first match wins:
//!
//! 1. `--target HOST:PORT` or `CS_GRPC_ADDRESS`: a service that is already running. The 3DS
//!    example also reads `CS_SIM_URL` and `CS_SIM_CA`; the merchant accounts default to
//!    `adyen_demo` / `stripe_demo` (`CS_ADYEN_ACCOUNT`, `CS_STRIPE_ACCOUNT`, or
//!    `--merchant-account`).
//! 2. `CS_STACK_ENV=DIR/env`: the env file `sdk/testing/stack.sh start DIR` wrote.
//! 3. Otherwise the example starts its own stack (processor-sim + connector-service from
//!    `$CS_BUILD_DIR`, default `build/default`, with `sdk/testing/stack.sh`) and stops it when it
//!    ends, however it ends.
#![allow(dead_code)]
#![allow(clippy::result_large_err)] // the SDK's Error, as in src/lib.rs

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use connectorservice_client::proto::*;
use connectorservice_client::{ConnectorClient, Error, RetryPolicy};
use http_body_util::{BodyExt, Full};
use hyper_util::rt::TokioIo;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName};

pub const RETURN_URL: &str = "https://shop.example/return";
pub const CONNECTORS: [&str; 2] = ["adyen", "stripe"];
/// The simulator's default webhook secrets (stack.sh gives the service the same ones).
pub const ADYEN_HMAC_KEY: &str = "44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056";
pub const STRIPE_WEBHOOK_SECRET: &str = "whsec_processor_sim_stripe_0123456789abcdef";

pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

// ---- per-processor test data (sim/README.md: "Adyen test values", "Stripe test cards") --------

/// A public test card (never a real one) that makes `connector`'s simulator answer `kind`:
/// `ok`, `decline`, `3ds`, `3ds-fail`. Adyen picks the outcome by holder name, Stripe by number.
pub fn card(connector: &str, kind: &str) -> Option<PaymentMethod> {
    let (number, holder) = match (connector, kind) {
        ("adyen", "decline") => ("4111111111111111", "NOT_ENOUGH_BALANCE"),
        ("adyen", "3ds") => ("4111111111111111", "3DS_CHALLENGE"),
        ("adyen", "3ds-fail") => ("4111111111111111", "3DS_FAIL"),
        ("adyen", _) => ("4111111111111111", "APPROVED"),
        (_, "decline") => ("4000000000009995", "Jenny Rosen"), // insufficient_funds
        (_, "3ds" | "3ds-fail") => ("4000000000003220", "Jenny Rosen"), // requires_action
        _ => ("4242424242424242", "Jenny Rosen"),
    };
    Some(PaymentMethod {
        method: Some(payment_method::Method::Card(Card {
            number: number.into(),
            expiry_month: 3,
            expiry_year: 2030,
            cvc: "737".into(),
            holder_name: holder.into(),
        })),
    })
}

pub fn eur(minor: i64) -> Option<Money> {
    Some(Money { minor_amount: minor, currency_code: "EUR".into() })
}

pub fn money(m: Option<&Money>) -> String {
    match m {
        Some(m) => format!("{}.{:02} {}", m.minor_amount / 100, m.minor_amount % 100, m.currency_code),
        None => "-".into(),
    }
}

/// A merchant reference unique enough for the demo.
pub fn reference(prefix: &str) -> String {
    format!("rs-{prefix}-{}", &uuid::Uuid::new_v4().simple().to_string()[..10])
}

pub fn describe_error(e: &Error) -> String {
    let mut out = format!("error {}/{}: {}", e.code_name(), e.reason, e.message);
    if let Some(id) = &e.request_id {
        out += &format!(" (request {id})");
    }
    out
}

/// An error for `main` to print: the typed error's code/reason, and what to do when the outcome
/// is unknown (README "Errors").
pub fn failed(step: &str, e: Error) -> BoxError {
    let mut out = format!("{step}: {}", describe_error(&e));
    if e.is_outcome_unknown() {
        out += &format!(
            "\nthe operation may have happened: get it, or retry with the same idempotency key ({})",
            e.idempotency_key.as_deref().unwrap_or("-")
        );
    }
    out.into()
}

// ---- command line -------------------------------------------------------------------------------

pub struct Args {
    pub connector: String,
    pub target: Option<String>,
    pub merchant_account: Option<String>,
    pub api_key: Option<String>,
    /// `--flag` options the example declared, given or not.
    pub flags: Vec<String>,
    /// `--name VALUE` options the example declared.
    pub values: HashMap<String, String>,
}

impl Args {
    pub fn flag(&self, name: &str) -> bool {
        self.flags.iter().any(|f| f == name)
    }
    pub fn value(&self, name: &str) -> Option<&str> {
        self.values.get(name).map(String::as_str)
    }
}

/// The options every example takes, plus its own `flags` (`--demo`) and `valued` (`--port`).
/// `--help` prints `usage` and exits 0; a bad argument exits 2.
pub fn parse_args(usage: &str, flags: &[&str], valued: &[&str]) -> Args {
    let mut args = Args {
        connector: "adyen".into(),
        target: std::env::var("CS_GRPC_ADDRESS").ok().filter(|v| !v.is_empty()),
        merchant_account: None,
        api_key: std::env::var("CS_API_KEY").ok().filter(|v| !v.is_empty()),
        flags: Vec::new(),
        values: HashMap::new(),
    };
    let common = "  --connector adyen|stripe   the processor (default adyen); nothing else changes\n  \
                  --target HOST:PORT         a running connector-service (default $CS_GRPC_ADDRESS; none:\n                             \
                  start processor-sim + connector-service with sdk/testing/stack.sh)\n  \
                  --merchant-account NAME    default: the stack's account for --connector\n  \
                  --api-key KEY              when the service has [clients] (default $CS_API_KEY)";
    let bad = |msg: String| -> ! {
        eprintln!("{msg}\nusage: {usage}\n{common}");
        std::process::exit(2)
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let (name, inline) = match a.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_string(), Some(v.to_string())),
            _ => (a.clone(), None),
        };
        let mut value = || inline.clone().or_else(|| it.next()).unwrap_or_else(|| bad(format!("{name} needs a value")));
        match name.as_str() {
            "-h" | "--help" => {
                println!("usage: {usage}\n{common}");
                std::process::exit(0)
            }
            "--connector" | "-c" => args.connector = value(),
            "--target" => args.target = Some(value()),
            "--merchant-account" => args.merchant_account = Some(value()),
            "--api-key" => args.api_key = Some(value()),
            n if flags.contains(&n.trim_start_matches('-')) && n.starts_with("--") => {
                args.flags.push(n.trim_start_matches('-').to_string())
            }
            n if valued.contains(&n.trim_start_matches('-')) && n.starts_with("--") => {
                let v = value();
                args.values.insert(n.trim_start_matches('-').to_string(), v);
            }
            other => bad(format!("unknown argument {other}")),
        }
    }
    if !CONNECTORS.contains(&args.connector.as_str()) {
        bad(format!("--connector {}: one of {}", args.connector, CONNECTORS.join(", ")));
    }
    args
}

// ---- the stack ----------------------------------------------------------------------------------

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn read_env(path: &Path) -> Result<HashMap<String, String>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("read {}: {e}", path.display()))?;
    Ok(text
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.trim().to_string(), v.trim().trim_matches('"').to_string()))
        .collect())
}

/// The stack an example talks to: `env` holds at least `CS_GRPC_ADDRESS` (and, for one started
/// here, everything stack.sh writes). One started here is stopped on drop, and by a watchdog
/// when the process dies without dropping it (a signal, `process::exit`).
pub struct Stack {
    pub env: HashMap<String, String>,
    dir: Option<PathBuf>,
}

impl Stack {
    pub fn open(target: Option<&str>) -> Result<Stack, String> {
        let mut env: HashMap<String, String> =
            [("CS_ADYEN_ACCOUNT", "adyen_demo"), ("CS_STRIPE_ACCOUNT", "stripe_demo")]
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
        if let Some(target) = target {
            env.extend(std::env::vars().filter(|(k, v)| k.starts_with("CS_") && !v.is_empty()));
            env.insert("CS_GRPC_ADDRESS".into(), target.to_string());
            return Ok(Stack { env, dir: None });
        }
        if let Ok(path) = std::env::var("CS_STACK_ENV") {
            env.extend(read_env(Path::new(&path))?);
            return Ok(Stack { env, dir: None });
        }
        let dir = std::env::temp_dir().join(format!(
            "cs-example-rs-{}-{}",
            std::process::id(),
            &uuid::Uuid::new_v4().simple().to_string()[..8]
        ));
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        eprintln!("(starting processor-sim and connector-service in {})", dir.display());
        let sh = repo_root().join("sdk/testing/stack.sh");
        let out = Command::new(&sh)
            .arg("start")
            .arg(&dir)
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("cannot run {}: {e}", sh.display()))?;
        if !out.status.success() {
            let _ = Command::new(&sh).arg("stop").arg(&dir).stdin(Stdio::null()).output();
            return Err(format!(
                "stack.sh start failed (CS_BUILD_DIR={:?}; logs in {}):\n{}{}",
                std::env::var("CS_BUILD_DIR").ok(),
                dir.display(),
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        watchdog(&sh, &dir);
        let mut stack = Stack { env, dir: Some(dir.clone()) };
        stack.env.extend(read_env(&dir.join("env"))?);
        Ok(stack)
    }

    /// `Stack::open`, or exit 2 saying why.
    pub fn open_or_exit(args: &Args) -> Stack {
        Stack::open(args.target.as_deref()).unwrap_or_else(|e| {
            eprintln!("could not start the stack: {e}\n(set CS_GRPC_ADDRESS, or CS_BUILD_DIR to the built binaries)");
            std::process::exit(2)
        })
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.env.get(key).map(String::as_str).filter(|v| !v.is_empty())
    }

    pub fn started_here(&self) -> bool {
        self.dir.is_some()
    }

    /// The merchant account for `connector`: `--merchant-account` for the chosen connector, else
    /// the stack's (`CS_ADYEN_ACCOUNT` / `CS_STRIPE_ACCOUNT`).
    pub fn account(&self, args: &Args, connector: &str) -> String {
        if connector == args.connector {
            if let Some(a) = &args.merchant_account {
                return a.clone();
            }
        }
        let var = format!("CS_{}_ACCOUNT", connector.to_uppercase());
        self.get(&var).map(str::to_string).unwrap_or_else(|| format!("{connector}_demo"))
    }

    /// A client for `--connector`'s merchant account: 15 s per call, up to 3 attempts of the
    /// errors the server marks retryable (each with the same idempotency key).
    pub fn client(&self, args: &Args) -> Result<ConnectorClient, Error> {
        let mut b = ConnectorClient::builder(self.get("CS_GRPC_ADDRESS").unwrap_or("127.0.0.1:50051"))
            .merchant_account(self.account(args, &args.connector))
            .default_timeout(Duration::from_secs(15))
            .retry(RetryPolicy::attempts(3));
        if let Some(key) = &args.api_key {
            b = b.api_key(key);
        }
        b.build()
    }

    fn stop(&mut self) {
        if let Some(dir) = self.dir.take() {
            let _ = Command::new(repo_root().join("sdk/testing/stack.sh"))
                .arg("stop")
                .arg(&dir)
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
            if std::thread::panicking() {
                eprintln!("(stack logs kept in {})", dir.display());
            } else {
                let _ = std::fs::remove_dir_all(&dir);
            }
        }
    }
}

impl Drop for Stack {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Stops the stack when this process ends, however it ends: a detached shell polls our pid
/// (stdio on /dev/null, so whoever waits on our pipes does not wait on it).
#[allow(clippy::zombie_processes)] // detached on purpose
fn watchdog(sh: &Path, dir: &Path) {
    let script = format!(
        "while kill -0 {pid} 2>/dev/null; do sleep 0.3; done; [ -d '{dir}' ] && exec '{sh}' stop '{dir}'",
        pid = std::process::id(),
        sh = sh.display(),
        dir = dir.display()
    );
    let _ = Command::new("bash")
        .arg("-c")
        .arg(script)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
}

/// `Ok` → exit 0; `Err` → the message on stderr, exit 1. Stops the stack first.
pub fn finish(stack: Stack, outcome: Result<(), BoxError>) -> ExitCode {
    drop(stack);
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

// ---- HTTP: the simulator over TLS (its CA only), plain HTTP on loopback ----------------------

pub struct HttpResponse {
    pub status: u16,
    pub headers: http::HeaderMap,
    pub body: String,
}

impl HttpResponse {
    pub fn location(&self) -> Option<&str> {
        self.headers.get(http::header::LOCATION).and_then(|v| v.to_str().ok())
    }
}

/// TLS that trusts only the simulator's CA (`ca_pem`), verification on.
pub fn sim_tls(ca_pem: &Path) -> Result<tokio_rustls::TlsConnector, BoxError> {
    let mut roots = rustls::RootCertStore::empty();
    for cert in CertificateDer::pem_file_iter(ca_pem).map_err(|e| format!("{}: {e}", ca_pem.display()))? {
        roots.add(cert?)?;
    }
    // ring, as tonic's `tls-ring` (rustls 0.23.48 deprecates it for lacking post-quantum key
    // exchange; aws-lc-rs would be a second crypto library for a loopback test page).
    #[allow(deprecated)]
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(tokio_rustls::TlsConnector::from(Arc::new(config)))
}

/// One HTTP/1.1 request with hyper: `https://` through `tls` (required then), `http://` plain.
/// Redirects are not followed: a 302 comes back with its Location, as a browser sees it.
pub async fn http_request(
    tls: Option<&tokio_rustls::TlsConnector>,
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: Vec<u8>,
) -> Result<HttpResponse, BoxError> {
    let uri: http::Uri = url.parse().map_err(|e| format!("{url}: {e}"))?;
    let https = match uri.scheme_str() {
        Some("https") => true,
        Some("http") => false,
        _ => return Err(format!("{url}: not an http(s) URL").into()),
    };
    let host = uri.host().ok_or_else(|| format!("{url}: no host"))?.trim_matches(['[', ']']).to_string();
    let port = uri.port_u16().unwrap_or(if https { 443 } else { 80 });
    let authority = uri.authority().map(|a| a.as_str().to_string()).unwrap_or_default();
    let path = uri.path_and_query().map(|p| p.as_str()).unwrap_or("/").to_string();
    let mut req = http::Request::builder().method(method).uri(path).header(http::header::HOST, authority);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let req = req.body(Full::new(Bytes::from(body)))?;

    let exchange = async {
        let tcp = tokio::net::TcpStream::connect((host.as_str(), port)).await?;
        let res = if https {
            let tls = tls.ok_or("https needs the simulator's CA (CS_SIM_CA)")?;
            let stream = tls.connect(ServerName::try_from(host.clone())?, tcp).await?;
            let (mut sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream)).await?;
            tokio::spawn(conn);
            sender.send_request(req).await?
        } else {
            let (mut sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(tcp)).await?;
            tokio::spawn(conn);
            sender.send_request(req).await?
        };
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        let bytes = res.into_body().collect().await?.to_bytes();
        Ok::<_, BoxError>(HttpResponse { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() })
    };
    tokio::time::timeout(Duration::from_secs(15), exchange).await.map_err(|_| format!("{method} {url}: timed out"))?
}

/// A request to the simulator (`path_or_url`: `/_sim/...` or a full URL it gave), TLS trusting
/// only `CS_SIM_CA`.
pub async fn sim_request(
    env: &HashMap<String, String>,
    method: &str,
    path_or_url: &str,
    headers: &[(&str, &str)],
    body: Vec<u8>,
) -> Result<HttpResponse, BoxError> {
    let ca = env
        .get("CS_SIM_CA")
        .filter(|v| !v.is_empty())
        .ok_or("CS_SIM_CA is not set: the simulator's CA (DIR/ca.pem)")?;
    let url = if path_or_url.starts_with('/') {
        let base = env.get("CS_SIM_URL").filter(|v| !v.is_empty()).ok_or("CS_SIM_URL is not set")?;
        format!("{base}{path_or_url}")
    } else {
        path_or_url.to_string()
    };
    http_request(Some(&sim_tls(Path::new(ca))?), method, &url, headers, body).await
}

/// The simulator's control API (`/_sim/...`, sim/README.md): the decoded JSON of a 2xx answer.
pub async fn sim_json(
    env: &HashMap<String, String>,
    method: &str,
    path: &str,
    body: Option<serde_json::Value>,
) -> Result<serde_json::Value, BoxError> {
    let data = body.map(|b| b.to_string().into_bytes()).unwrap_or_default();
    let res = sim_request(env, method, path, &[("content-type", "application/json")], data).await?;
    if res.status >= 300 {
        return Err(format!("{method} {path}: {} {}", res.status, res.body).into());
    }
    Ok(serde_json::from_str(if res.body.is_empty() { "null" } else { &res.body })?)
}

/// The `key=value` pairs of a URL's query (`+` and `%XX` decoded).
pub fn query_pairs(url: &str) -> Vec<(String, String)> {
    let query = url.split_once('?').map(|(_, q)| q).unwrap_or("");
    let query = query.split('#').next().unwrap_or("");
    let decode = |s: &str| percent_encoding::percent_decode_str(&s.replace('+', " ")).decode_utf8_lossy().into_owned();
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (decode(k), decode(v)),
            None => (decode(p), String::new()),
        })
        .collect()
}

/// `application/x-www-form-urlencoded` of `fields`.
pub fn form_encode<'a>(fields: impl IntoIterator<Item = (&'a String, &'a String)>) -> String {
    let enc = |s: &str| percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string();
    fields.into_iter().map(|(k, v)| format!("{}={}", enc(k), enc(v))).collect::<Vec<_>>().join("&")
}
