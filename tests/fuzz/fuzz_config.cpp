// service::parse_config: TOML text → validated config, as `serve` and `check-config` read it.
// Input: the TOML text; when its first line is "CS_…=…" that line is an environment override
// instead (CS_<SECTION>__<KEY>=value), so the override path is fuzzed too.
#include <string>

#include "fuzz_support.hpp"
#include "service/config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  cs_fuzz::input in(data, size);
  std::string override_var;
  if (in.rest().starts_with("CS_")) override_var = std::string(in.until("\n"));
  char* env[] = {override_var.data(), nullptr};
  auto cfg =
      cs::service::parse_config(in.rest(), "fuzz.toml", override_var.empty() ? env + 1 : env);
  (void)cfg;
  return 0;
}
