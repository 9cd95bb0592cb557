#include "obs/logging.hpp"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <boost/json.hpp>
#include <sstream>

TEST(JsonLogs, LeadingPairsBecomeFieldsAndTheRestIsMsg) {
  std::ostringstream out;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out);
  spdlog::logger log("test", sink);
  log.set_formatter(cs::obs::make_json_formatter());
  log.info("request_id={} connector=adyen flow=capture status={} reason=X latency_ms=1.5: {}",
           "cs-1", "UNAVAILABLE", "a \"quoted\" message");
  auto v = boost::json::parse(out.str()).as_object();
  EXPECT_EQ(v["level"].as_string(), "info");
  EXPECT_EQ(v["request_id"].as_string(), "cs-1");
  EXPECT_EQ(v["connector"].as_string(), "adyen");
  EXPECT_EQ(v["status"].as_string(), "UNAVAILABLE");
  EXPECT_EQ(v["latency_ms"].as_string(), "1.5");
  EXPECT_EQ(v["msg"].as_string(), "a \"quoted\" message");
  EXPECT_EQ(v["ts"].as_string().size(), 27u);  // 2026-11-26T10:00:00.000000Z
  EXPECT_EQ(out.str().back(), '\n');
}

TEST(JsonLogs, PlainTextIsAllMsg) {
  std::ostringstream out;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out);
  spdlog::logger log("test", sink);
  log.set_formatter(cs::obs::make_json_formatter());
  log.warn("webhooks.sink_url is not set: events are logged");
  auto v = boost::json::parse(out.str()).as_object();
  EXPECT_EQ(v["level"].as_string(), "warning");
  EXPECT_EQ(v["msg"].as_string(), "webhooks.sink_url is not set: events are logged");
  EXPECT_FALSE(v.contains("webhooks.sink_url is not set"));
}

TEST(JsonLogs, ConfigureRejectsUnknownFormatAndLevel) {
  EXPECT_EQ(cs::obs::configure_logging("info", "xml").err().field, "log.format");
  EXPECT_EQ(cs::obs::configure_logging("loud", "text").err().field, "log.level");
  EXPECT_TRUE(cs::obs::configure_logging("warn", "json").ok());
  EXPECT_TRUE(cs::obs::configure_logging("info", "text").ok());
}

TEST(ComponentLogs, LevelsApplyPerComponent) {
  ASSERT_TRUE(cs::obs::configure_logging("info", "text", {{"actors", "debug"}}).ok());
  EXPECT_EQ(spdlog::get("actors")->level(), spdlog::level::debug);
  EXPECT_EQ(spdlog::get("grpc")->level(), spdlog::level::info);
  EXPECT_EQ(spdlog::get("webhook")->level(), spdlog::level::info);
  EXPECT_EQ(cs::obs::configure_logging("info", "text", {{"network", "debug"}}).err().field,
            "log.components.network");
  EXPECT_EQ(cs::obs::configure_logging("info", "text", {{"grpc", "chatty"}}).err().field,
            "log.components.grpc");
  ASSERT_TRUE(cs::obs::configure_logging("info", "text").ok());
  EXPECT_EQ(spdlog::get("actors")->level(), spdlog::level::info);
}
