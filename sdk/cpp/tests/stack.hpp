#pragma once
// The stack the integration tests share: connector-service in front of processor-sim, started on
// first use with sdk/testing/stack.sh (binaries from CS_BUILD_DIR, which CTest sets) and stopped
// at the end of the run; its logs are kept when a test failed. A running one is used instead
// when CS_GRPC_ADDRESS (or CS_STACK_ENV) is set.

#include <cstdio>
#include <map>
#include <string>

#include "support/support.hpp"

namespace cs::sdk_tests {

// nullptr when it did not start (the reason is on stderr).
const cs::examples::stack* test_stack();

// A built example (CS_EXAMPLES_DIR) run to its end: exit status and stdout + stderr.
struct run_result {
  int status = -1;
  std::string out;
};
run_result run_example(const std::string& name, const std::string& args,
                       const std::map<std::string, std::string>& env = {});

// The same, with output read as it comes: `on_line` sees each line of a running example.
class example_process {
 public:
  example_process(const std::string& name, const std::string& args,
                  const std::map<std::string, std::string>& env = {});
  ~example_process();
  // The next line (without '\n'); false at the end of the output.
  bool next_line(std::string& line);
  // Reads to the end; the exit status.
  int wait(std::string& rest);

 private:
  FILE* pipe_ = nullptr;
};

}  // namespace cs::sdk_tests
