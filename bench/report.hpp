#pragma once
// The report: one block per run (text), the ratio table of a suite, and the same as JSON.

#include <string>
#include <vector>

#include "runner.hpp"

namespace cs::bench {

std::string describe(const run_spec& s);
std::string text_report(const run_record& r);
std::string json_report(const std::vector<run_record>& runs, const std::string& machine,
                        const std::string& command, const std::string& ratios);

}  // namespace cs::bench
