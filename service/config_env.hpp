#pragma once
// Environment overrides: CS_<SECTION>__<KEY>=value is written into the parsed tree as a string
// at section.key (segments in lower case), before any key is checked, so an override naming no
// key fails like a typo in the file would. Variables with no "__" (CS_BUILD_JOBS) are not keys.

#include <toml++/toml.h>

#include "domain/result.hpp"

namespace cs::service {

domain::status apply_env(toml::table& root, char** environ_vars);

}  // namespace cs::service
