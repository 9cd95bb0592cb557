#include "stack.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <memory>
#include <mutex>

namespace cs::sdk_tests {

namespace {

std::unique_ptr<cs::examples::stack> shared;
std::once_flag started;

// Stops the stack after the last test; the logs stay when something failed.
class stack_environment : public ::testing::Environment {
 public:
  void TearDown() override {
    if (shared && ::testing::UnitTest::GetInstance()->Passed()) shared->succeeded();
    shared.reset();
  }
};
[[maybe_unused]] auto* const registered =
    ::testing::AddGlobalTestEnvironment(new stack_environment);

std::string command(const std::string& name, const std::string& args,
                    const std::map<std::string, std::string>& env) {
  std::string cmd;
  for (const auto& [k, v] : env) cmd += k + "='" + v + "' ";
  return cmd + std::string(CS_EXAMPLES_DIR) + "/" + name + " " + args + " 2>&1";
}

}  // namespace

const cs::examples::stack* test_stack() {
  std::call_once(started, [] { shared = cs::examples::stack::open(""); });
  return shared.get();
}

example_process::example_process(const std::string& name, const std::string& args,
                                 const std::map<std::string, std::string>& env)
    : pipe_(::popen(command(name, args, env).c_str(), "r")) {}

example_process::~example_process() {
  if (pipe_) ::pclose(pipe_);
}

bool example_process::next_line(std::string& line) {
  line.clear();
  if (!pipe_) return false;
  for (int c; (c = std::fgetc(pipe_)) != EOF;) {
    if (c == '\n') return true;
    line += static_cast<char>(c);
  }
  return !line.empty();
}

int example_process::wait(std::string& rest) {
  if (!pipe_) return -1;
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe_)) > 0;) rest.append(buf, n);
  int status = ::pclose(pipe_);
  pipe_ = nullptr;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

run_result run_example(const std::string& name, const std::string& args,
                       const std::map<std::string, std::string>& env) {
  example_process p(name, args, env);
  run_result r;
  r.status = p.wait(r.out);
  return r;
}

}  // namespace cs::sdk_tests
