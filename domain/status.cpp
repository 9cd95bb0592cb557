#include "domain/status.hpp"

namespace cs::domain {

std::string_view to_string(payment_status s) noexcept {
  switch (s) {
    case payment_status::unspecified:
      return "unspecified";
    case payment_status::started:
      return "started";
    case payment_status::authentication_pending:
      return "authentication_pending";
    case payment_status::authentication_successful:
      return "authentication_successful";
    case payment_status::authentication_failed:
      return "authentication_failed";
    case payment_status::pending:
      return "pending";
    case payment_status::authorized:
      return "authorized";
    case payment_status::partially_authorized:
      return "partially_authorized";
    case payment_status::charged:
      return "charged";
    case payment_status::partially_charged:
      return "partially_charged";
    case payment_status::capture_pending:
      return "capture_pending";
    case payment_status::capture_failed:
      return "capture_failed";
    case payment_status::void_pending:
      return "void_pending";
    case payment_status::voided:
      return "voided";
    case payment_status::failure:
      return "failure";
    case payment_status::auto_refunded:
      return "auto_refunded";
    case payment_status::expired:
      return "expired";
    case payment_status::unrecognized:
      return "unrecognized";
  }
  return "unrecognized";
}

std::string_view to_string(refund_status s) noexcept {
  switch (s) {
    case refund_status::unspecified:
      return "unspecified";
    case refund_status::pending:
      return "pending";
    case refund_status::success:
      return "success";
    case refund_status::failure:
      return "failure";
    case refund_status::unrecognized:
      return "unrecognized";
  }
  return "unrecognized";
}

std::string_view to_string(dispute_status s) noexcept {
  switch (s) {
    case dispute_status::unspecified:
      return "unspecified";
    case dispute_status::opened:
      return "opened";
    case dispute_status::expired:
      return "expired";
    case dispute_status::accepted:
      return "accepted";
    case dispute_status::challenged:
      return "challenged";
    case dispute_status::won:
      return "won";
    case dispute_status::lost:
      return "lost";
    case dispute_status::unrecognized:
      return "unrecognized";
  }
  return "unrecognized";
}

std::string_view to_string(decline_code c) noexcept {
  switch (c) {
    case decline_code::unspecified:
      return "unspecified";
    case decline_code::generic:
      return "generic";
    case decline_code::insufficient_funds:
      return "insufficient_funds";
    case decline_code::expired_card:
      return "expired_card";
    case decline_code::incorrect_cvc:
      return "incorrect_cvc";
    case decline_code::invalid_card:
      return "invalid_card";
    case decline_code::lost_or_stolen:
      return "lost_or_stolen";
    case decline_code::fraud_suspected:
      return "fraud_suspected";
    case decline_code::authentication_required:
      return "authentication_required";
    case decline_code::authentication_failed:
      return "authentication_failed";
    case decline_code::invalid_amount:
      return "invalid_amount";
    case decline_code::not_supported:
      return "not_supported";
    case decline_code::issuer_unavailable:
      return "issuer_unavailable";
    case decline_code::processing_error:
      return "processing_error";
    case decline_code::referral:
      return "referral";
    case decline_code::blocked:
      return "blocked";
    case decline_code::cancelled:
      return "cancelled";
    case decline_code::limit_exceeded:
      return "limit_exceeded";
  }
  return "unspecified";
}

}  // namespace cs::domain
