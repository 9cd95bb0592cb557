#!/usr/bin/env bash
# Writes the seed corpus of every fuzz target: make_seeds.sh <repo> <out>, giving <out>/<target>/.
# Seeds are the golden replies and events of tests/golden, the TOML files of config/ and the
# inputs of tests/fuzz/crashes, in each target's input format (see the comment at the top of each
# fuzz_*.cpp and fuzz_support.hpp).
set -euo pipefail
repo=$1
out=$2
golden="$repo/tests/golden"
rm -rf "$out"

n=0
seed() {  # seed <target> <text…>: one corpus file with the arguments concatenated
  mkdir -p "$out/$1"
  local target=$1
  shift
  n=$((n + 1))
  printf '%s' "$@" >"$out/$target/seed-$n"
}

sel=()  # sel[n] = chr(40 + n), a printable selector byte with value mod 20 = n
for i in $(seq 0 19); do sel+=("$(printf "\\$(printf '%03o' $((40 + i)))")"); done
status_of() {                                               # error_402_… → 402, else 200
  if [[ $(basename "$1") =~ ^error_([0-9]{3}) ]]; then echo "${BASH_REMATCH[1]}"; else echo 200; fi
}
reply() { printf '%s %s' "$(status_of "$1")" "$(cat "$1")"; }  # "<status><flags><body>"
sep=$'\n--\n'

# Every golden reply through every selector (each parser, and the first step of each flow).
for c in adyen stripe razorpay; do
  for f in "$golden/$c"/*.response.json; do
    body=$(reply "$f")
    for s in "${sel[@]}"; do seed "fuzz_${c}_replies" "$s" "$body"; done
  done
done
# PayPal (no golden files yet): an order with an authorization, one with a capture, an error body,
# a token reply, a webhook event, a dispute and a dispute refusal, through every selector.
pp_auth='200 {"id":"5O190127TN364715T","intent":"AUTHORIZE","status":"COMPLETED","purchase_units":[{"custom_id":"order-1","amount":{"currency_code":"USD","value":"10.50"},"payments":{"authorizations":[{"id":"0AW2184448108334S","status":"CREATED","amount":{"currency_code":"USD","value":"10.50"}}]}}]}'
pp_capt='201 {"id":"5O190127TN364715T","intent":"CAPTURE","status":"COMPLETED","purchase_units":[{"amount":{"currency_code":"USD","value":"10.50"},"payments":{"captures":[{"id":"3C679366HH908993F","status":"DECLINED","processor_response":{"response_code":"5120"},"amount":{"currency_code":"USD","value":"10.50"}}]}}]}'
pp_err='422 {"name":"UNPROCESSABLE_ENTITY","message":"x","debug_id":"90957fca61718","details":[{"issue":"INSTRUMENT_DECLINED","description":"declined"}]}'
pp_tok='200 {"access_token":"A21AAFabc","token_type":"Bearer","expires_in":32400}'
pp_evt='200 {"id":"WH-1","event_type":"PAYMENT.CAPTURE.COMPLETED","resource":{"id":"3C6","status":"COMPLETED","amount":{"currency_code":"USD","value":"10.50"},"supplementary_data":{"related_ids":{"order_id":"5O190127TN364715T"}}}}'
pp_dsp='200 {"dispute_id":"PP-D-27803","status":"RESOLVED","dispute_outcome":{"outcome_code":"RESOLVED_SELLER_FAVOUR"},"dispute_amount":{"currency_code":"USD","value":"10.50"},"links":[{"href":"https://api-m.sandbox.paypal.com/v1/customer/disputes/PP-D-27803","rel":"self","method":"GET"}]}'
pp_dsp_err='422 {"name":"UNPROCESSABLE_ENTITY","message":"x","debug_id":"90957fca61718","details":[{"issue":"NOT_AWAITING_SELLER_RESPONSE","description":"no"}]}'
pp_setup='201 {"id":"5C991763VB2781612","customer":{"id":"cust1001"},"status":"APPROVED","payment_source":{"card":{}}}'
pp_vault='201 {"id":"8kk8451t","customer":{"id":"cust1001"},"payment_source":{"card":{}}}'
# The PayPal target takes its selector mod 24 (it has more flows): chr(48 + n) is n there.
pp_sel=()
for i in $(seq 0 23); do pp_sel+=("$(printf "\\$(printf '%03o' $((48 + i)))")"); done
for body in "$pp_auth" "$pp_capt" "$pp_err" "$pp_tok" "$pp_evt" "$pp_dsp" "$pp_dsp_err" \
  "$pp_setup" "$pp_vault"; do
  for s in "${pp_sel[@]}"; do seed fuzz_paypal_replies "$s" "$body"; done
done
seed fuzz_paypal_replies "${pp_sel[8]}" "$pp_auth" "$sep" "$pp_auth"
seed fuzz_paypal_replies "${pp_sel[12]}" "$pp_auth" "$sep" '201 {"id":"2GG","status":"COMPLETED","amount":{"currency_code":"USD","value":"4.00"}}'
seed fuzz_paypal_replies "${pp_sel[20]}" "$pp_setup" "$sep" "$pp_vault"
seed fuzz_paypal_replies "${pp_sel[22]}" "$pp_vault" "$sep" "$pp_capt"

# Checkout.com: every golden reply (arrays and 204s too) through every selector of its target
# (mod 24, as PayPal's: chr(48 + n) is n); submit_evidence's two steps; a processor echoing the key.
for f in "$golden"/checkout_com/*.response.json; do
  body=$(reply "$f")
  for s in "${pp_sel[@]}"; do seed fuzz_checkout_com_replies "$s" "$body"; done
done
for s in "${pp_sel[@]}"; do seed fuzz_checkout_com_replies "$s" '204 '; done
seed fuzz_checkout_com_replies "${pp_sel[23]}" '204 ' "$sep" '204 '
seed fuzz_checkout_com_replies "${pp_sel[23]}" '204 ' "$sep" \
  '403 {"request_id":"r-1","error_type":"processing_error","error_codes":["dispute_action_not_allowed"]}'
seed fuzz_checkout_com_replies "${pp_sel[0]}" '401 {"error_type":"sk_sbox_fuzzkey0123456789abcdefghij",' \
  '"error_codes":["sk_sbox_fuzzkey0123456789abcdefghij 4242424242424242"]}'
seed fuzz_checkout_com_replies "${pp_sel[7]}" '200 {"id":"evt_az5sblvku4ge3dwpztvyizgcau",' \
  '"type":"dispute_evidence_required","data":{"id":"dsp_3dc29c89ce075g46136d7df7fa",' \
  '"payment_id":"pay_mbabizu24mvu3mela5njyhpit4","amount":1050,"currency":"USD"}}'

# Braintree: GraphQL replies through every flow of its target (selector mod 18: 48 % 18 = 12, so
# chr(54 + n) is flow n), multi-step flows one reply per step, errors in a 200 body, and a
# notification's XML (selector 17, signed by the target).
bt_txn='{"__typename":"Transaction","id":"dHJhbnNhY3Rpb25fY3M3cTJ4OW0","legacyId":"cs7q2x9m","status":"AUTHORIZED","orderId":"order-1","merchantAccountId":"fuzz_usd","amount":{"value":"10.50","currencyCode":"USD"},"statusHistory":[{"status":"PROCESSOR_DECLINED","declineType":"SOFT","processorResponse":{"legacyCode":"2001","message":"Insufficient Funds"}}]}'
bt_lookup='200 {"data":{"search":{"transactions":{"edges":[]}},"viewer":{"merchant":{"merchantAccounts":{"edges":[{"node":{"id":"fuzz_usd","currencyCode":"USD","isDefault":true}}]}}}}}'
bt_tok='200 {"data":{"tokenizeCreditCard":{"paymentMethod":{"id":"tokencc_bh_fuzz","usage":"SINGLE_USE"}}}}'
bt_auth="200 {\"data\":{\"authorizePaymentMethod\":{\"transaction\":$bt_txn}}}"
bt_node="200 {\"data\":{\"node\":$bt_txn}}"
bt_err='200 {"errors":[{"message":"Cannot refund a transaction unless it is settled.","path":["refundTransaction"],"extensions":{"errorClass":"VALIDATION","legacyCode":"91506"}}],"data":{"refundTransaction":null}}'
bt_refund='200 {"data":{"refundTransaction":{"refund":{"id":"cmVmdW5kX2NzcmYweDdr","legacyId":"csrf0x7k","status":"SUBMITTED_FOR_SETTLEMENT","orderId":"idem-fuzz-1","amount":{"value":"3.00","currencyCode":"USD"},"statusHistory":[]}}}}'
bt_vault='200 {"data":{"vaultPaymentMethod":{"paymentMethod":{"id":"cGF5bWVudG1ldGhvZF9jY19jc3Z0MDFhYg","usage":"MULTI_USE","customer":{"id":"Y3VzdG9tZXJfbmV3"}},"verification":{"status":"VERIFIED"}}}}'
bt_dispute='200 {"data":{"node":{"__typename":"Dispute","id":"ZGlzcHV0ZV9jc2RwMHg3aw","legacyId":"csdp0x7k","status":"OPEN","amountDisputed":{"value":"10.50","currencyCode":"USD"},"replyByDate":"2026-12-25","transaction":{"id":"dHJhbnNhY3Rpb25fY3M3cTJ4OW0"}}}}'
bt_sel=()
for i in $(seq 0 17); do bt_sel+=("$(printf "\\$(printf '%03o' $((54 + i)))")"); done
for body in "$bt_lookup" "$bt_tok" "$bt_auth" "$bt_node" "$bt_err" "$bt_refund" "$bt_vault" \
  "$bt_dispute" '401 {"errors":[{"message":"Authentication failed","extensions":{"errorClass":"AUTHENTICATION"}}]}'; do
  for s in "${bt_sel[@]:0:17}"; do seed fuzz_braintree_replies "$s" "$body"; done
done
seed fuzz_braintree_replies "${bt_sel[0]}" "$bt_lookup" "$sep" "$bt_tok" "$sep" "$bt_auth"
seed fuzz_braintree_replies "${bt_sel[7]}" "$bt_node" "$sep" "$bt_refund"
seed fuzz_braintree_replies "${bt_sel[9]}" "$bt_tok" "$sep" "$bt_vault"
seed fuzz_braintree_replies "${bt_sel[17]}" '200 <notification><timestamp type="datetime">2026-12-05T10:00:00Z</timestamp><kind>dispute_opened</kind><subject><dispute><id>csdp0x7k</id><amount-disputed>10.50</amount-disputed><currency-iso-code>USD</currency-iso-code><status>open</status><transaction><id>cs7q2x9m</id><amount>10.50</amount></transaction></dispute></subject></notification>'

# Multi-step flows, one reply per step (selector = the flow's number in the target + offset).
s=$golden/stripe
seed fuzz_stripe_replies "${sel[6]}" "$(reply "$s/payment_method.response.json")" "$sep" \
  "$(reply "$s/pi_requires_capture.response.json")"
seed fuzz_stripe_replies "${sel[13]}" "$(reply "$s/customer.response.json")" "$sep" \
  "$(reply "$s/payment_method.response.json")" "$sep" \
  "$(reply "$s/setup_intent_succeeded.response.json")"
r=$golden/razorpay
seed fuzz_razorpay_replies "${sel[7]}" "$(reply "$r/order_created.response.json")" "$sep" \
  "$(reply "$r/payment_create_card.response.json")"
seed fuzz_razorpay_replies "${sel[8]}" "$(reply "$r/order_created.response.json")" "$sep" \
  "$(reply "$r/payment_create_upi.response.json")"
seed fuzz_razorpay_replies "${sel[13]}" "$(reply "$r/customer_created.response.json")" "$sep" \
  "$(reply "$r/order_created.response.json")" "$sep" \
  "$(reply "$r/payment_create_card.response.json")"
seed fuzz_razorpay_replies "${sel[15]}" "$(reply "$r/customer_created.response.json")" "$sep" \
  "$(reply "$r/order_created.response.json")" "$sep" \
  "$(reply "$r/payment_create_recurring.response.json")" "$sep" \
  "$(reply "$r/payment_recurring_captured.response.json")"
# Processors that echo the credential (the targets check it never comes back).
seed fuzz_stripe_replies "${sel[0]}" '401 {"error":{"type":"invalid_request_error",' \
  '"code":"sk_test_51FuzzKey0123456789abcdefXYZ","message":"Invalid API Key provided: ' \
  'sk_test_51FuzzKey0123456789abcdefXYZ 4242 4242 4242 4242"}}'
seed fuzz_razorpay_replies "${sel[1]}" '400 {"error":{"code":"BAD_REQUEST_ERROR",' \
  '"description":"key FuzzKeySecret0123456789abcd","source":"customer","step":' \
  '"payment_authorization","reason":"FuzzKeySecret0123456789abcd","metadata":{}}}'
seed fuzz_adyen_replies "${sel[7]}" '422 {"status":422,"errorCode":"AQEfuzzKey0123456789abcdef",' \
  '"message":"AQEfuzzKey0123456789abcdef","errorType":"validation"}'

# Webhooks: "<mode><line>\n<body>"; mode '1' signs the body, '0' leaves the line as the header.
for f in "$golden"/stripe/event_*.json; do
  seed fuzz_stripe_webhook '1' 'v0=6ffbb59b2300aae63f272406069a9788598b792a944a07aba816edb039989a39' \
    $'\n' "$(cat "$f")"
  seed fuzz_stripe_webhook '0' 't=1700000000,v1=00' $'\n' "$(cat "$f")"
done
for f in "$golden"/razorpay/event_*.json; do
  seed fuzz_razorpay_webhook '1' 'evt_NtEI3XtBTM5pBG' $'\n' "$(cat "$f")"
  seed fuzz_razorpay_webhook '0' 'deadbeef' $'\n' "$(cat "$f")"
done
for f in "$golden"/adyen/webhook_*.json; do
  seed fuzz_adyen_webhook '1' "$(cat "$f")"
  seed fuzz_adyen_webhook '0' "$(cat "$f")"
done

# Stripe-Signature: "<header>\n<body>".
for f in "$golden"/stripe/event_*.json; do
  seed fuzz_stripe_signature 't=1700000000,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd,v0=6ffbb59b' \
    $'\n' "$(cat "$f")"
done
seed fuzz_stripe_signature 't=1699999700,v1=ab,v1=cd,t=1700000300' $'\n' '{}'
seed fuzz_stripe_signature 't=-1, v1=00' $'\n'

# The scrubber: "<mode><secret>\n<text>"; the processor texts of the golden errors.
for f in "$golden"/*/error_*.json; do
  seed fuzz_scrub '1' 'sk_test_51FuzzKey0123456789abcdefXYZ' $'\n' "$(cat "$f")"
done
seed fuzz_scrub '1' 'rk_live_abc' $'\n' 'card 4242 4242 4242 4242 key rk_live_abc whsec_x1 sk_'
seed fuzz_scrub '0' 'FuzzKeySecret' $'\n' 'FuzzKeySecretFuzzKeySecret 4111-1111-1111-1111 12345678901'

# Config: the shipped files, also with an environment override on the first line.
for f in "$repo"/config/*.toml; do
  seed fuzz_config "$(cat "$f")"
  seed fuzz_config $'CS_SERVER__ACTOR_THREADS=3\n' "$(cat "$f")"
done

# Base URLs.
for u in https://checkout-test.adyen.com/v71 https://ca-test.adyen.com/ca/services/DisputeService/v30 \
  https://api.stripe.com https://api.razorpay.com/ http://127.0.0.1:8443/v1/ 'https://[::1]:443/' \
  'https://user@host/' 'https://h/p?q#f' ftp://x; do
  seed fuzz_endpoint "$u"
done

# Inputs that once crashed a target (tests/fuzz/crashes): every run replays them first.
for d in "$repo"/tests/fuzz/crashes/fuzz_*/; do
  mkdir -p "$out/$(basename "$d")"
  cp "$d"* "$out/$(basename "$d")/"  # as they are: crash inputs may hold any byte
done

echo "make_seeds: $n seeds in $out"
