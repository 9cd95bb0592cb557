#include "domain/flows.hpp"

namespace cs::domain {

std::string_view to_string(flow f) noexcept {
  switch (f) {
    case flow::authorize:
      return "authorize";
    case flow::capture:
      return "capture";
    case flow::void_payment:
      return "void";
    case flow::get_payment:
      return "get_payment";
    case flow::refund:
      return "refund";
    case flow::get_refund:
      return "get_refund";
    case flow::setup_mandate:
      return "setup_mandate";
    case flow::complete_authorize:
      return "complete_authorize";
    case flow::recurring_charge:
      return "recurring_charge";
    case flow::revoke_mandate:
      return "revoke_mandate";
    case flow::accept_dispute:
      return "accept_dispute";
    case flow::submit_evidence:
      return "submit_evidence";
    case flow::defend_dispute:
      return "defend_dispute";
    case flow::get_dispute:
      return "get_dispute";
    case flow::webhook:
      return "webhook";
  }
  return "unknown";
}

}  // namespace cs::domain
