//! Masking of the fields the proto marks "secret": `Card.number` and `NetworkToken.number` (kept
//! as `first6…last4`), `Card.cvc`, `NetworkToken.cryptogram` and the `ApplePay` / `GooglePay`
//! `payment_token` (`[REDACTED]`), `SepaDebit.iban` (country, check digits and last four:
//! `NL91…4300`) and `AchDebit.account_number` (`…6789`). A value too short to keep anything
//! hidden is `[REDACTED]`; an empty one stays empty.
//!
//! The generated `Debug` of every message is safe to log: `Card`, `NetworkToken`, `SepaDebit`,
//! `AchDebit`, `ApplePay` and `GooglePay` (and the wallets' oneof enums `apple_pay::Data` and
//! `google_pay::Data`) have hand-written `Debug` impls (below; `build.rs` skips theirs), so a
//! request printed with `{:?}` shows the masked values wherever they are nested. [`redact`]
//! returns a copy with the values masked, for anything else you print or serialize.
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

/// `NL91…4300` (country code, check digits, last four) for an IBAN of 15 or more letters and
/// digits (the shortest, Norway's, has 15), else `[REDACTED]` (or "" for "").
pub fn mask_iban(iban: &str) -> String {
    let compact: String = iban.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_uppercase()).collect();
    if compact.len() >= 15 {
        format!("{}…{}", &compact[..4], &compact[compact.len() - 4..])
    } else if iban.is_empty() {
        String::new()
    } else {
        REDACTED.to_string()
    }
}

/// `…6789` for an account number of 6 or more letters and digits, else `[REDACTED]` (or "" for "").
pub fn mask_account_number(number: &str) -> String {
    let compact: String = number.chars().filter(char::is_ascii_alphanumeric).collect();
    if compact.len() >= 6 {
        format!("…{}", &compact[compact.len() - 4..])
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

/// A copy of `message` with its secret fields masked (see the [module](self) docs). The original
/// is left untouched.
pub fn redact<M: Redact + Clone>(message: &M) -> M {
    let mut copy = message.clone();
    copy.redact_in_place();
    copy
}

/// The secret values of `message` (card and network token numbers, CVC, cryptogram, IBAN, ACH
/// account number, wallet tokens), unmasked, to scrub from texts.
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

impl Redact for NetworkToken {
    fn redact_in_place(&mut self) {
        self.number = mask_card_number(&self.number);
        self.cryptogram = mask_secret(&self.cryptogram).to_string();
    }
    fn collect_secrets(&self, out: &mut Vec<String>) {
        out.push(self.number.clone());
        out.push(self.cryptogram.clone());
    }
}

impl Redact for SepaDebit {
    fn redact_in_place(&mut self) {
        self.iban = mask_iban(&self.iban);
    }
    fn collect_secrets(&self, out: &mut Vec<String>) {
        out.push(self.iban.clone());
    }
}

impl Redact for AchDebit {
    fn redact_in_place(&mut self) {
        self.account_number = mask_account_number(&self.account_number);
    }
    fn collect_secrets(&self, out: &mut Vec<String>) {
        out.push(self.account_number.clone());
    }
}

/// The wallets' `oneof data`: the encrypted token as it is, or the decrypted network token.
macro_rules! redact_wallet {
    ($t:ty, $data:ident) => {
        impl Redact for $t {
            fn redact_in_place(&mut self) {
                match &mut self.data {
                    Some($data::Data::PaymentToken(t)) => *t = mask_secret(t).to_string(),
                    Some($data::Data::Decrypted(n)) => n.redact_in_place(),
                    None => {}
                }
            }
            fn collect_secrets(&self, out: &mut Vec<String>) {
                match &self.data {
                    Some($data::Data::PaymentToken(t)) => out.push(t.clone()),
                    Some($data::Data::Decrypted(n)) => n.collect_secrets(out),
                    None => {}
                }
            }
        }

        impl fmt::Debug for $data::Data {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self {
                    Self::PaymentToken(t) => f.debug_tuple("PaymentToken").field(&mask_secret(t)).finish(),
                    Self::Decrypted(n) => f.debug_tuple("Decrypted").field(n).finish(),
                }
            }
        }
    };
}
redact_wallet!(ApplePay, apple_pay);
redact_wallet!(GooglePay, google_pay);

impl Redact for PaymentMethod {
    fn redact_in_place(&mut self) {
        use payment_method::Method;
        match &mut self.method {
            Some(Method::Card(c)) => c.redact_in_place(),
            Some(Method::ApplePay(w)) => w.redact_in_place(),
            Some(Method::GooglePay(w)) => w.redact_in_place(),
            Some(Method::NetworkToken(t)) => t.redact_in_place(),
            Some(Method::SepaDebit(d)) => d.redact_in_place(),
            Some(Method::AchDebit(d)) => d.redact_in_place(),
            _ => {}
        }
    }
    fn collect_secrets(&self, out: &mut Vec<String>) {
        use payment_method::Method;
        match &self.method {
            Some(Method::Card(c)) => c.collect_secrets(out),
            Some(Method::ApplePay(w)) => w.collect_secrets(out),
            Some(Method::GooglePay(w)) => w.collect_secrets(out),
            Some(Method::NetworkToken(t)) => t.collect_secrets(out),
            Some(Method::SepaDebit(d)) => d.collect_secrets(out),
            Some(Method::AchDebit(d)) => d.collect_secrets(out),
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
    DeepLink,
    QrCode,
    UpiCollect,
    Ideal,
    Bancontact,
    Klarna,
    UpiIntent,
    PayPalWallet,
    ProcessorToken,
    Customer,
    Address,
    LineItem,
    OrderDetails,
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

impl fmt::Debug for NetworkToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NetworkToken")
            .field("number", &mask_card_number(&self.number))
            .field("expiry_month", &self.expiry_month)
            .field("expiry_year", &self.expiry_year)
            .field("cryptogram", &mask_secret(&self.cryptogram))
            .field("eci", &self.eci)
            .field("holder_name", &self.holder_name)
            .finish()
    }
}

impl fmt::Debug for SepaDebit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SepaDebit")
            .field("iban", &mask_iban(&self.iban))
            .field("account_holder_name", &self.account_holder_name)
            .finish()
    }
}

/// An enum field as the derived Debug shows it: the variant's name, or the number if unknown.
struct EnumName<E>(i32, std::marker::PhantomData<E>);

impl<E: TryFrom<i32> + fmt::Debug> fmt::Debug for EnumName<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match E::try_from(self.0) {
            Ok(e) => e.fmt(f),
            Err(_) => self.0.fmt(f),
        }
    }
}

impl fmt::Debug for AchDebit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AchDebit")
            .field("account_number", &mask_account_number(&self.account_number))
            .field("routing_number", &self.routing_number)
            .field("account_type", &EnumName::<BankAccountType>(self.account_type, std::marker::PhantomData))
            .field("account_holder_name", &self.account_holder_name)
            .field(
                "account_holder_type",
                &EnumName::<AccountHolderType>(self.account_holder_type, std::marker::PhantomData),
            )
            .finish()
    }
}

impl fmt::Debug for ApplePay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApplePay")
            .field("data", &self.data)
            .field("network", &self.network)
            .field("display_name", &self.display_name)
            .field("transaction_identifier", &self.transaction_identifier)
            .finish()
    }
}

impl fmt::Debug for GooglePay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GooglePay").field("data", &self.data).finish()
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
            payment_method::Method::ApplePay(ApplePay {
                data: Some(apple_pay::Data::PaymentToken(token.into())),
                ..Default::default()
            }),
            payment_method::Method::GooglePay(GooglePay { data: Some(google_pay::Data::PaymentToken(token.into())) }),
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

    const DPAN: &str = "4895370012003478";
    const CRYPTOGRAM: &str = "AgAAAAAAAIR8CQrXcIhbQAAAAAA=";
    const IBAN: &str = "NL91ABNA0417164300";

    fn network_token() -> NetworkToken {
        NetworkToken {
            number: DPAN.into(),
            expiry_month: 12,
            expiry_year: 2030,
            cryptogram: CRYPTOGRAM.into(),
            eci: "05".into(),
            holder_name: "J. Doe".into(),
        }
    }

    fn authorize_with(method: payment_method::Method) -> AuthorizeRequest {
        AuthorizeRequest {
            connector: "adyen".into(),
            merchant_reference: "order-2".into(),
            payment_method: Some(PaymentMethod { method: Some(method) }),
            ..Default::default()
        }
    }

    fn method_of(req: &AuthorizeRequest) -> payment_method::Method {
        req.payment_method.clone().and_then(|p| p.method).expect("a method")
    }

    fn assert_debug_hides(req: &AuthorizeRequest, secrets: &[&str], shown: &[&str]) {
        for text in [format!("{req:?}"), format!("{req:#?}")] {
            for s in secrets {
                assert!(!text.contains(s), "{s} in {text}");
            }
            for s in shown {
                assert!(text.contains(s), "{s} not in {text}");
            }
        }
        // A masked copy, printed (masked once more) or serialized, shows none of them either.
        let json = serde_json::to_string(&redact(req)).unwrap();
        for text in [format!("{:?}", redact(req)), json] {
            for s in secrets {
                assert!(!text.contains(s), "{s} in {text}");
            }
        }
    }

    #[test]
    fn network_token_number_and_cryptogram() {
        let req = authorize_with(payment_method::Method::NetworkToken(network_token()));
        let payment_method::Method::NetworkToken(t) = method_of(&redact(&req)) else { panic!("kept") };
        assert_eq!((t.number.as_str(), t.cryptogram.as_str()), ("489537…3478", REDACTED));
        assert_eq!((t.eci.as_str(), t.holder_name.as_str(), t.expiry_year), ("05", "J. Doe", 2030));
        assert_eq!(method_of(&req), payment_method::Method::NetworkToken(network_token()), "original untouched");
        assert_eq!(secrets_of(&req), vec![DPAN.to_string(), CRYPTOGRAM.to_string()]);
        assert_debug_hides(&req, &[DPAN, CRYPTOGRAM], &["489537…3478", "J. Doe"]);
    }

    #[test]
    fn decrypted_wallet_tokens_nested_in_authorize() {
        let apple = ApplePay {
            data: Some(apple_pay::Data::Decrypted(network_token())),
            network: "Visa".into(),
            display_name: "Visa 0326".into(),
            transaction_identifier: "tx-1".into(),
        };
        let req = authorize_with(payment_method::Method::ApplePay(apple.clone()));
        let payment_method::Method::ApplePay(a) = method_of(&redact(&req)) else { panic!("kept") };
        let Some(apple_pay::Data::Decrypted(t)) = a.data else { panic!("the oneof arm is kept") };
        assert_eq!((t.number.as_str(), t.cryptogram.as_str()), ("489537…3478", REDACTED));
        assert_eq!(
            (a.network.as_str(), a.display_name.as_str(), a.transaction_identifier.as_str()),
            ("Visa", "Visa 0326", "tx-1")
        );
        assert_eq!(method_of(&req), payment_method::Method::ApplePay(apple), "original untouched");
        assert_eq!(secrets_of(&req), vec![DPAN.to_string(), CRYPTOGRAM.to_string()]);
        assert_debug_hides(&req, &[DPAN, CRYPTOGRAM], &["489537…3478", "Decrypted", "Visa 0326"]);

        let google = authorize_with(payment_method::Method::GooglePay(GooglePay {
            data: Some(google_pay::Data::Decrypted(network_token())),
        }));
        assert_debug_hides(&google, &[DPAN, CRYPTOGRAM], &["489537…3478"]);
        assert_eq!(secrets_of(&google), vec![DPAN.to_string(), CRYPTOGRAM.to_string()]);
    }

    #[test]
    fn sepa_iban_keeps_country_check_digits_and_last_four() {
        for (iban, masked) in [
            (IBAN, "NL91…4300"),
            ("nl91 abna 0417 1643 00", "NL91…4300"),
            ("NO9386011117947", "NO93…7947"), // the shortest IBAN: 15 characters
            ("NL91ABNA04", REDACTED),
        ] {
            let sepa = SepaDebit { iban: iban.into(), account_holder_name: "J. Doe".into() };
            let req = authorize_with(payment_method::Method::SepaDebit(sepa.clone()));
            let payment_method::Method::SepaDebit(d) = method_of(&redact(&req)) else { panic!("kept") };
            assert_eq!((d.iban.as_str(), d.account_holder_name.as_str()), (masked, "J. Doe"));
            assert_eq!(method_of(&req), payment_method::Method::SepaDebit(sepa), "original untouched");
            assert_eq!(secrets_of(&req), vec![iban.to_string()]);
            assert_debug_hides(&req, &[iban], &[masked]);
        }
        assert_eq!(mask_iban(""), "");
    }

    #[test]
    fn ach_account_number_keeps_last_four() {
        for (number, masked) in [("000123456789", "…6789"), ("123456", "…3456"), ("12345", REDACTED)] {
            let ach = AchDebit {
                account_number: number.into(),
                routing_number: "110000000".into(),
                account_type: BankAccountType::Savings as i32,
                account_holder_name: "J. Doe".into(),
                account_holder_type: AccountHolderType::Company as i32,
            };
            let req = authorize_with(payment_method::Method::AchDebit(ach.clone()));
            let payment_method::Method::AchDebit(d) = method_of(&redact(&req)) else { panic!("kept") };
            assert_eq!((d.account_number.as_str(), d.routing_number.as_str()), (masked, "110000000"));
            assert_eq!(method_of(&req), payment_method::Method::AchDebit(ach), "original untouched");
            assert_eq!(secrets_of(&req), vec![number.to_string()]);
            assert_debug_hides(&req, &[number], &[masked, "110000000", "Savings", "Company"]);
        }
    }

    #[test]
    fn methods_without_secrets_and_order_details_are_left_alone() {
        for method in [
            payment_method::Method::Ideal(Ideal { bank: "ABNANL2A".into() }),
            payment_method::Method::Bancontact(Bancontact {}),
            payment_method::Method::Klarna(Klarna {}),
            payment_method::Method::UpiIntent(UpiIntent {}),
        ] {
            let mut req = authorize_with(method);
            req.order = Some(OrderDetails {
                line_items: vec![LineItem {
                    name: "Shoe".into(),
                    quantity: 1,
                    unit_amount: 1000,
                    ..Default::default()
                }],
                billing_address: Some(Address { country: "NL".into(), ..Default::default() }),
                locale: "nl-NL".into(),
                ..Default::default()
            });
            req.customer = Some(Customer { user_agent: "Mozilla/5.0".into(), ..Default::default() });
            assert_eq!(redact(&req), req);
            assert!(secrets_of(&req).is_empty());
        }
    }

    #[test]
    fn scrub_removes_the_new_secrets() {
        let req =
            authorize_with(payment_method::Method::SepaDebit(SepaDebit { iban: IBAN.into(), ..Default::default() }));
        assert_eq!(scrub(&format!("iban {IBAN} refused"), &secrets_of(&req)), "iban [REDACTED] refused");
        let req = authorize_with(payment_method::Method::ApplePay(ApplePay {
            data: Some(apple_pay::Data::Decrypted(network_token())),
            ..Default::default()
        }));
        let s = scrub(&format!("dpan {DPAN} cryptogram {CRYPTOGRAM}"), &secrets_of(&req));
        assert!(!s.contains(DPAN) && !s.contains(CRYPTOGRAM), "{s}");
    }
}
