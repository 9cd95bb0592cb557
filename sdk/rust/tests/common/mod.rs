//! The SDK test stack (sdk/testing/stack.sh: processor-sim + connector-service), started once per
//! test binary. Binaries come from $CS_BUILD_DIR (default build/default). CS_STACK_ENV=<env file>
//! uses a stack that is already running. CS_SKIP_INTEGRATION=1 skips the integration tests;
//! otherwise a stack that cannot start fails them.
#![allow(dead_code)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

pub struct Stack {
    pub env: HashMap<String, String>,
    pub dir: Option<PathBuf>,
    /// Started with the HTTP receiver relaying to `sink` (see `start_with_relay`).
    pub relay_sink: Option<std::net::SocketAddr>,
}

impl Stack {
    pub fn get(&self, key: &str) -> &str {
        self.env.get(key).map(String::as_str).unwrap_or_else(|| panic!("{key} is not in the stack's env"))
    }
    pub fn grpc(&self) -> String {
        format!("http://{}", self.get("CS_GRPC_ADDRESS"))
    }
}

fn read_env(path: &Path) -> HashMap<String, String> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    text.lines()
        .filter_map(|l| l.trim().split_once('='))
        .filter(|(k, _)| !k.starts_with('#'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().trim_matches('"').to_string()))
        .collect()
}

/// `None` when integration tests are to be skipped (CS_SKIP_INTEGRATION=1).
pub fn skip() -> bool {
    let on = |k: &str| std::env::var(k).is_ok_and(|v| v == "1");
    if on("CS_SKIP_INTEGRATION") || on("CS_SDK_SKIP_INTEGRATION") {
        eprintln!("integration test skipped: CS_SKIP_INTEGRATION=1");
        return true;
    }
    false
}

fn run_stack(cmd: &str, dir: &Path, extra_env: &[(String, String)]) -> std::process::Output {
    let sh = repo_root().join("sdk/testing/stack.sh");
    Command::new(&sh)
        .arg(cmd)
        .arg(dir)
        .envs(extra_env.iter().cloned())
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", sh.display()))
}

/// Stops the stack when this test process ends, however it ends: a detached watchdog polls our
/// pid (its stdio is /dev/null, so a runner waiting on our pipes does not wait on it).
#[allow(clippy::zombie_processes)] // detached on purpose: it outlives this process
fn stop_when_we_exit(dir: &Path) {
    let sh = repo_root().join("sdk/testing/stack.sh");
    let script = format!(
        "while kill -0 {pid} 2>/dev/null; do sleep 0.3; done; exec '{sh}' stop '{dir}'",
        pid = std::process::id(),
        sh = sh.display(),
        dir = dir.display()
    );
    Command::new("bash")
        .arg("-c")
        .arg(script)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn the stack watchdog");
}

fn start(extra_env: &[(String, String)]) -> Result<Stack, String> {
    // Logs stay in target/tmp/stack-<pid>-<id> (for a failed run); those of finished runs go.
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    if let Ok(entries) = std::fs::read_dir(tmp) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().to_string();
            let pid = name.strip_prefix("stack-").and_then(|r| r.split('-').next()).and_then(|p| p.parse::<u32>().ok());
            if pid.is_some_and(|p| !Path::new(&format!("/proc/{p}")).exists()) {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
    }
    let dir = tmp.join(format!("stack-{}-{}", std::process::id(), &uuid::Uuid::new_v4().simple().to_string()[..8]));
    std::fs::create_dir_all(&dir).unwrap();
    let out = run_stack("start", &dir, extra_env);
    if !out.status.success() {
        run_stack("stop", &dir, &[]);
        return Err(format!(
            "stack.sh start failed (CS_BUILD_DIR={:?}; logs in {}):\n{}{}",
            std::env::var("CS_BUILD_DIR").ok(),
            dir.display(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    stop_when_we_exit(&dir);
    Ok(Stack { env: read_env(&dir.join("env")), dir: Some(dir), relay_sink: None })
}

/// The stack, with the HTTP webhook receiver relaying to a local sink (a TCP listener the caller
/// owns; see `sink`), falling back to a stack without relay when that does not start.
pub fn stack() -> &'static Stack {
    static STACK: OnceLock<Result<Stack, String>> = OnceLock::new();
    let started = STACK.get_or_init(|| {
        if let Ok(path) = std::env::var("CS_STACK_ENV") {
            return Ok(Stack { env: read_env(Path::new(&path)), dir: None, relay_sink: None });
        }
        let sink = sink::start();
        let relay_env = vec![
            ("CS_WEBHOOKS__MODE".to_string(), "relay".to_string()),
            ("CS_WEBHOOKS__SINK_URL".to_string(), format!("http://{sink}/relay")),
            ("CS_WEBHOOKS__SINK_SIGNING_KEY".to_string(), SINK_KEY.to_string()),
            ("CS_TLS__ALLOW_PLAIN_HTTP_FOR_TESTS".to_string(), "true".to_string()),
        ];
        match start(&relay_env) {
            Ok(mut s) => {
                s.relay_sink = Some(sink);
                Ok(s)
            }
            Err(e) if e.contains("is missing") => Err(e),
            Err(e) => {
                // The relay settings are an extra: the gRPC tests still run without them (the
                // relay test then fails, saying so).
                eprintln!("the stack did not start with a relay sink:\n{e}\nstarting it without");
                start(&[])
            }
        }
    });
    match started {
        Ok(s) => s,
        Err(e) => panic!("{e}\n(set CS_SKIP_INTEGRATION=1 to skip the integration tests)"),
    }
}

pub const SINK_KEY: &str = "sdk_rust_sink_signing_key_7d1e0b";

/// A minimal HTTP/1.1 sink on loopback that records each POST (headers, body) and answers 200.
pub mod sink {
    use std::collections::HashMap;
    use std::io::{BufRead, BufReader, Read, Write};
    use std::net::{SocketAddr, TcpListener};
    use std::sync::{Mutex, OnceLock};
    use std::time::{Duration, Instant};

    pub struct Delivery {
        pub headers: HashMap<String, String>,
        pub body: Vec<u8>,
    }

    fn deliveries() -> &'static Mutex<Vec<Delivery>> {
        static D: OnceLock<Mutex<Vec<Delivery>>> = OnceLock::new();
        D.get_or_init(|| Mutex::new(Vec::new()))
    }

    pub fn start() -> SocketAddr {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        std::thread::spawn(move || {
            for conn in listener.incoming().flatten() {
                let _ = conn.set_read_timeout(Some(Duration::from_secs(5)));
                let mut reader = BufReader::new(conn);
                let mut headers = HashMap::new();
                let mut line = String::new();
                if reader.read_line(&mut line).is_err() {
                    continue;
                }
                loop {
                    line.clear();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
                        break;
                    }
                    if let Some((k, v)) = line.split_once(':') {
                        headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
                    }
                }
                let len: usize = headers.get("content-length").and_then(|v| v.parse().ok()).unwrap_or(0);
                let mut body = vec![0; len];
                if reader.read_exact(&mut body).is_err() {
                    continue;
                }
                deliveries().lock().unwrap().push(Delivery { headers, body });
                let mut conn = reader.into_inner();
                let _ = conn.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
            }
        });
        addr
    }

    /// Waits up to `timeout` for a delivery whose body contains `needle`.
    pub fn wait_for(needle: &str, timeout: Duration) -> Option<Delivery> {
        let until = Instant::now() + timeout;
        while Instant::now() < until {
            {
                let mut d = deliveries().lock().unwrap();
                if let Some(i) = d.iter().position(|x| String::from_utf8_lossy(&x.body).contains(needle)) {
                    return Some(d.remove(i));
                }
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        None
    }
}

/// POSTs `body` to `http://{addr}{path}` (HTTP/1.1, loopback); returns (status, body).
pub fn http_post(addr: &str, path: &str, content_type: &str, body: &[u8]) -> (u16, String) {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(std::time::Duration::from_secs(15))).unwrap();
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    s.write_all(head.as_bytes()).unwrap();
    s.write_all(body).unwrap();
    let mut resp = Vec::new();
    s.read_to_end(&mut resp).unwrap();
    let text = String::from_utf8_lossy(&resp).to_string();
    let status = text.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    let body = text.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
    (status, body)
}

/// One Adyen NotificationRequestItem, signed as Adyen (and processor-sim) sign them: base64
/// HMAC-SHA256 with the hex-decoded key over
/// pspReference:originalReference:merchantAccountCode:merchantReference:value:currency:eventCode:success.
pub fn adyen_item(
    psp: &str,
    original: &str,
    event_code: &str,
    value: i64,
    reference: &str,
    key_hex: &str,
) -> serde_json::Value {
    let merchant = "DemoMerchantECOM";
    let data = [psp, original, merchant, reference, &value.to_string(), "EUR", event_code, "true"].join(":");
    let mut mac = Hmac::<Sha256>::new_from_slice(&hex::decode(key_hex).unwrap()).unwrap();
    mac.update(data.as_bytes());
    let sig = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
    let mut item = serde_json::json!({
        "amount": {"currency": "EUR", "value": value},
        "eventCode": event_code,
        "eventDate": "2024-05-01T10:00:00+02:00",
        "merchantAccountCode": merchant,
        "merchantReference": reference,
        "paymentMethod": "visa",
        "pspReference": psp,
        "reason": "",
        "success": "true",
        "additionalData": {"hmacSignature": sig},
    });
    if !original.is_empty() {
        item["originalReference"] = serde_json::Value::String(original.to_string());
    }
    item
}

pub fn adyen_notification(items: Vec<serde_json::Value>) -> String {
    let items: Vec<_> = items.into_iter().map(|i| serde_json::json!({"NotificationRequestItem": i})).collect();
    serde_json::to_string(&serde_json::json!({"live": "false", "notificationItems": items})).unwrap()
}

/// A fresh 16-character Adyen-like pspReference.
pub fn psp() -> String {
    format!("RS{}", &uuid::Uuid::new_v4().simple().to_string()[..14]).to_uppercase()
}

pub fn uniq(prefix: &str) -> String {
    format!("{prefix}-{}", &uuid::Uuid::new_v4().simple().to_string()[..12])
}
