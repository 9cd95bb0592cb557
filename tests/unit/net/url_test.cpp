#include <gtest/gtest.h>

#include "net/http_server.hpp"
#include "net/url.hpp"

using cs::net::parse_endpoint;
using cs::net::split_address;

TEST(Endpoint, ParsesSchemeHostPortAndPath) {
  auto e = parse_endpoint("https://checkout-test.adyen.com/v71/", "k");
  ASSERT_TRUE(e.ok());
  EXPECT_TRUE(e->tls);
  EXPECT_EQ(e->host, "checkout-test.adyen.com");
  EXPECT_EQ(e->port, "443");
  EXPECT_EQ(e->base_path, "/v71");
  auto p = parse_endpoint("http://127.0.0.1:8443", "k");
  ASSERT_TRUE(p.ok());
  EXPECT_FALSE(p->tls);
  EXPECT_EQ(p->port, "8443");
  EXPECT_EQ(p->base_path, "");
}

TEST(Endpoint, RejectsWhatCannotBeABaseUrl) {
  EXPECT_EQ(parse_endpoint("ftp://x/y", "a.b").err().field, "a.b");
  EXPECT_FALSE(parse_endpoint("not a url", "k").ok());
  EXPECT_FALSE(parse_endpoint("https://h/p?x=1", "k").ok());
  EXPECT_FALSE(parse_endpoint("https://user:pw@h/p", "k").ok());
  // Found by fuzz_endpoint: an empty port is legal RFC 3986 but a config typo here.
  EXPECT_EQ(parse_endpoint("https://api.stripe.com:/v1", "k").err().field, "k");
  // A percent-encoded CR LF in the host would reach the Host header.
  EXPECT_EQ(parse_endpoint("https://a%0d%0ab/v1", "k").err().field, "k");
  EXPECT_FALSE(parse_endpoint("https://a%20b/v1", "k").ok());
}

TEST(Address, SplitsHostAndPort) {
  auto a = split_address("127.0.0.1:50051", "server.grpc_address");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->first, "127.0.0.1");
  EXPECT_EQ(a->second, 50051);
  EXPECT_EQ(split_address("[::1]:80", "f")->first, "::1");
  EXPECT_EQ(split_address("localhost", "server.http_address").err().field, "server.http_address");
  EXPECT_FALSE(split_address("h:99999", "f").ok());
  EXPECT_FALSE(split_address("h:x", "f").ok());
}
