#pragma once
// Bank account numbers as debits need them: checked before any call, and printable only masked
// (an IBAN or account number is as private as a card number).

#include <string>
#include <string_view>

namespace cs::domain {

// Upper case without spaces, as an IBAN is checked and sent.
std::string normalize_iban(std::string_view iban);

// ISO 13616: two letters, two check digits, the length the country uses (SEPA countries and
// their territories; 15 to 34 characters for others) and the mod-97 check. `iban` normalized.
bool iban_valid(std::string_view iban) noexcept;

// "NL91…4300": country, check digits and the last four; short input shows only "…".
std::string masked_iban(std::string_view iban);

// An ABA routing number: nine digits whose weighted sum (3, 7, 1) is a multiple of ten.
bool aba_routing_valid(std::string_view routing) noexcept;

// "…6789": the last four digits of an account number; short input shows only "…".
std::string masked_account_number(std::string_view number);

}  // namespace cs::domain
