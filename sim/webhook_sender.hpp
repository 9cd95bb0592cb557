#pragma once
// Delivers webhooks asynchronously (never blocking the API reply) on its own I/O thread, retries
// failures and non-2xx answers with exponential backoff and records every delivery so tests can
// inspect them through /_sim/webhooks.

#include <boost/json/value.hpp>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace processor_sim {

struct webhook_job {
  std::string processor;  // "adyen"
  std::string url;        // http:// or https://
  std::string body;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  // For the delivery record only.
  std::string event_code;
  std::string psp_reference;
  std::string original_reference;
};

struct webhook_delivery {
  std::string processor, url, event_code, psp_reference, original_reference;
  unsigned attempts = 0;
  int final_status = 0;  // last HTTP status, 0 when no answer was received
  std::string state;     // "pending", "delivered", "failed"
  std::string last_error;
};

struct webhook_policy {
  unsigned initial_delay_ms = 20;  // after the API reply
  unsigned retries = 5;            // after the first attempt
  unsigned backoff_base_ms = 100;  // 100 ms * 2^n
  unsigned attempt_timeout_ms = 5000;
};

class webhook_sender {
 public:
  explicit webhook_sender(webhook_policy policy = {});
  ~webhook_sender();
  webhook_sender(const webhook_sender&) = delete;
  webhook_sender& operator=(const webhook_sender&) = delete;

  void send(webhook_job job);
  std::vector<webhook_delivery> deliveries() const;
  boost::json::value deliveries_json() const;
  void stop();

 private:
  struct impl;
  std::shared_ptr<impl> impl_;
};

}  // namespace processor_sim
