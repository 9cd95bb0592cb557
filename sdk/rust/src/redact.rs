//! Masking of the fields the proto marks "secret": `Card.number` (kept as `first6…last4`),
//! `Card.cvc`, `ApplePay.payment_token` and `GooglePay.payment_token` (`[REDACTED]`).
//!
//! The generated `Debug` of every message is safe to log: `Card`, `ApplePay` and `GooglePay`
//! have hand-written `Debug` impls (below; `build.rs` skips theirs), so a request printed with
//! `{:?}` shows the masked values wherever the card is nested. [`redact`] returns a copy with the
//! values masked, for anything else you print or serialize.
use std::fmt;

use crate::proto::*;

/// What a masked secret is shown as.
pub const REDACTED: &str = "[REDACTED]";

/// `411111…1111` for a card-number-like value (12 or more digits), else `[REDACTED]` (or "" for "").
pub fn mask_card_number(number: &str) -> String {
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    if digits.len() >= 12 {
        format!("{}…{}", &digits[..6], &digits[digits.len() - 4..])
    } else if number.is_empty() {
        String::new()
    } else {
        REDACTED.to_string()
    }
}

fn mask_secret(value: &str) -> &'static str {
    if value.is_empty() {
        ""
    } else {
        REDACTED
    }
}

/// A message whose secret fields can be masked.
pub trait Redact {
    /// Masks this message's secret fields, wherever nested.
    fn redact_in_place(&mut self) {}
    /// Appends this message's secret values (non-empty), for scrubbing error texts.
    fn collect_secrets(&self, _out: &mut Vec<String>) {}
}

/// A copy of `message` with card `number` (first6…last4), `cvc` and wallet `payment_token`
/// masked. The original is left untouched.
pub fn redact<M: Redact + Clone>(message: &M) -> M {
    let mut copy = message.clone();
    copy.redact_in_place();
    copy
}

/// The secret values of `message` (card number and CVC, wallet tokens).
pub fn secrets_of<M: Redact>(message: &M) -> Vec<String> {
    let mut out = Vec::new();
    message.collect_secrets(&mut out);
    out.retain(|s| !s.is_empty());
    out
}

impl Redact for Card {
    fn redact_in_place(&mut self) {
        self.number = mask_card_number(&self.number);
        self.cvc = mask_secret(&self.cvc).to_string();
    }
    fn collect_secrets(&self, out: &mut Vec<String>) {
        out.push(self.number.clone());
        out.push(self.cvc.clone());
    }
}

impl Redact for ApplePay {
    fn redact_in_place(&mut self) {
        self.payment_token = mask_secret(&self.payment_token).to_string();
    }
    fn collect_secrets(&self, out: &mut Vec<String>) {
        out.push(self.payment_token.clone());
    }
}

impl Redact for GooglePay {
    fn redact_in_place(&mut self) {
        self.payment_token = mask_secret(&self.payment_token).to_string();
    }
    fn collect_secrets(&self, out: &mut Vec<String>) {
        out.push(self.payment_token.clone());
    }
}

impl Redact for PaymentMethod {
    fn redact_in_place(&mut self) {
        use payment_method::Method;
        match &mut self.method {
            Some(Method::Card(c)) => c.redact_in_place(),
            Some(Method::ApplePay(w)) => w.redact_in_place(),
            Some(Method::GooglePay(w)) => w.redact_in_place(),
            _ => {}
        }
    }
    fn collect_secrets(&self, out: &mut Vec<String>) {
        use payment_method::Method;
        match &self.method {
            Some(Method::Card(c)) => c.collect_secrets(out),
            Some(Method::ApplePay(w)) => w.collect_secrets(out),
            Some(Method::GooglePay(w)) => w.collect_secrets(out),
            _ => {}
        }
    }
}

macro_rules! redact_payment_method_field {
    ($($t:ty),*) => {$(
        impl Redact for $t {
            fn redact_in_place(&mut self) {
                if let Some(pm) = self.payment_method.as_mut() { pm.redact_in_place(); }
            }
            fn collect_secrets(&self, out: &mut Vec<String>) {
                if let Some(pm) = self.payment_method.as_ref() { pm.collect_secrets(out); }
            }
        }
    )*};
}
redact_payment_method_field!(AuthorizeRequest, SetupMandateRequest);

macro_rules! nothing_secret {
    ($($t:ty),*) => {$( impl Redact for $t {} )*};
}
nothing_secret!(
    Money,
    ProcessorError,
    RedirectData,
    NextAction,
    UpiCollect,
    PayPalWallet,
    ProcessorToken,
    Customer,
    Mandate,
    Payment,
    CaptureRequest,
    VoidRequest,
    GetPaymentRequest,
    RefundRequest,
    Refund,
    SetupMandateResponse,
    CompleteAuthorizeRequest,
    GetRefundRequest,
    RecurringChargeRequest,
    RevokeMandateRequest,
    RevokeMandateResponse,
    AcceptDisputeRequest,
    EvidenceDocument,
    SubmitEvidenceRequest,
    DefendDisputeRequest,
    GetDisputeRequest,
    Dispute,
    HandleWebhookRequest,
    HandleWebhookResponse,
    Event,
    WebhookRelay
);

impl fmt::Debug for Card {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Card")
            .field("number", &mask_card_number(&self.number))
            .field("expiry_month", &self.expiry_month)
            .field("expiry_year", &self.expiry_year)
            .field("cvc", &mask_secret(&self.cvc))
            .field("holder_name", &self.holder_name)
            .finish()
    }
}

impl fmt::Debug for ApplePay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApplePay").field("payment_token", &mask_secret(&self.payment_token)).finish()
    }
}

impl fmt::Debug for GooglePay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GooglePay").field("payment_token", &mask_secret(&self.payment_token)).finish()
    }
}

/// Masks card-number-like digit runs (12–19 digits, optionally grouped by single spaces or
/// dashes) in `text` as `first6…last4`, and replaces each of `secrets` (≥ 3 characters) by
/// `[REDACTED]`. Used on every text an [`Error`](crate::Error) keeps.
pub fn scrub(text: &str, secrets: &[String]) -> String {
    let mut s = text.to_string();
    for secret in secrets {
        if secret.len() >= 3 && s.contains(secret.as_str()) {
            s = s.replace(secret.as_str(), REDACTED);
        }
    }
    scrub_card_numbers(&s)
}

fn scrub_card_numbers(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let preceded_by_digit = i > 0 && chars[i - 1].is_ascii_digit();
        if chars[i].is_ascii_digit() && !preceded_by_digit {
            // Longest run of digits with single separators between them.
            let mut j = i;
            let mut digits = String::new();
            let mut end = i;
            while j < chars.len() {
                if chars[j].is_ascii_digit() {
                    digits.push(chars[j]);
                    j += 1;
                    end = j;
                } else if (chars[j] == ' ' || chars[j] == '-')
                    && j + 1 < chars.len()
                    && chars[j + 1].is_ascii_digit()
                    && j > i
                    && chars[j - 1].is_ascii_digit()
                {
                    j += 1;
                } else {
                    break;
                }
            }
            if (12..=19).contains(&digits.len()) {
                out.push_str(&format!("{}…{}", &digits[..6], &digits[digits.len() - 4..]));
            } else {
                out.extend(&chars[i..end]);
            }
            i = end;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn authorize() -> AuthorizeRequest {
        AuthorizeRequest {
            connector: "adyen".into(),
            merchant_reference: "order-1".into(),
            payment_method: Some(PaymentMethod {
                method: Some(payment_method::Method::Card(Card {
                    number: "4111111111111111".into(),
                    expiry_month: 3,
                    expiry_year: 2030,
                    cvc: "737".into(),
                    holder_name: "J. Doe".into(),
                })),
            }),
            ..Default::default()
        }
    }

    #[test]
    fn debug_of_a_request_never_prints_card_number_or_cvc() {
        let req = authorize();
        for text in [format!("{req:?}"), format!("{req:#?}")] {
            assert!(!text.contains("4111111111111111"), "{text}");
            assert!(!text.contains("737"), "{text}");
            assert!(text.contains("411111…1111"), "{text}");
            assert!(text.contains(REDACTED), "{text}");
            assert!(text.contains("J. Doe") && text.contains("order-1"), "{text}");
        }
    }

    #[test]
    fn debug_of_wallets_never_prints_the_token() {
        let token = r#"{"signature":"MEUCIQDsecret","protocolVersion":"ECv2"}"#;
        for pm in [
            payment_method::Method::ApplePay(ApplePay { payment_token: token.into() }),
            payment_method::Method::GooglePay(GooglePay { payment_token: token.into() }),
        ] {
            let req =
                SetupMandateRequest { payment_method: Some(PaymentMethod { method: Some(pm) }), ..Default::default() };
            let text = format!("{req:?}");
            assert!(!text.contains("MEUCIQDsecret"), "{text}");
            assert!(text.contains(REDACTED), "{text}");
            let red = redact(&req);
            assert!(!format!("{:?}", red.payment_method).contains("MEUCIQD"));
            assert_eq!(secrets_of(&req), vec![token.to_string()]);
        }
    }

    #[test]
    fn redact_returns_a_masked_copy_and_leaves_the_original() {
        let req = authorize();
        let red = redact(&req);
        let Some(payment_method::Method::Card(card)) = red.payment_method.and_then(|p| p.method) else {
            panic!("card kept")
        };
        assert_eq!(card.number, "411111…1111");
        assert_eq!(card.cvc, REDACTED);
        assert_eq!(card.holder_name, "J. Doe");
        assert_eq!(card.expiry_year, 2030);
        // The original still carries the real values (it is what gets sent).
        let Some(payment_method::Method::Card(orig)) = req.payment_method.clone().and_then(|p| p.method) else {
            panic!()
        };
        assert_eq!(orig.number, "4111111111111111");
        assert_eq!(orig.cvc, "737");
        assert_eq!(secrets_of(&req), vec!["4111111111111111".to_string(), "737".to_string()]);
        // Serialized (proto3 JSON) copies are masked too.
        let json = serde_json::to_string(&redact(&req)).unwrap();
        assert!(!json.contains("4111111111111111") && json.contains("411111…1111"), "{json}");
    }

    #[test]
    fn short_or_empty_values() {
        assert_eq!(mask_card_number(""), "");
        assert_eq!(mask_card_number("4111"), REDACTED);
        assert_eq!(mask_card_number("4111 1111 1111 1111"), "411111…1111");
        let empty = Card::default();
        assert!(format!("{empty:?}").contains(r#"cvc: """#));
    }

    #[test]
    fn scrub_masks_card_like_runs_and_secrets() {
        let secrets = vec!["4111111111111112".to_string(), "737".to_string()];
        let s = scrub("card 4111111111111112 cvc 737 refused; also 5555-5555-5555-4444 and order 12345", &secrets);
        assert!(!s.contains("4111111111111112") && !s.contains("737"), "{s}");
        assert!(!s.contains("5555-5555-5555-4444") && s.contains("555555…4444"), "{s}");
        assert!(s.contains("order 12345"), "{s}");
        assert_eq!(scrub("amount 1000 EUR", &[]), "amount 1000 EUR");
    }
}
