// Shared connector helpers: scrubbing processor text, and the signature building blocks.
#include <gtest/gtest.h>

#include "connectors/common/crypto.hpp"
#include "connectors/common/scrub.hpp"

using namespace cs::connectors;

TEST(Scrub, RemovesSecretKeyTokensAndCardNumbers) {
  EXPECT_EQ(scrub("bad key AQEsecret1 for AQEsecret1", "AQEsecret1"),
            "bad key [redacted] for [redacted]");
  EXPECT_EQ(scrub("Invalid API Key provided: sk_test_****abcd", "", {"sk_"}),
            "Invalid API Key provided: [redacted]");
  EXPECT_EQ(scrub("card 4111 1111 1111 1111 refused", ""), "card [redacted] refused");
  EXPECT_EQ(scrub("card 4111-1111-1111-1111", ""), "card [redacted]");
  EXPECT_EQ(scrub("card 4111111111111111.", ""), "card [redacted].");
  // Short numbers (amounts, codes, dates) stay.
  EXPECT_EQ(scrub("amount 100000 on 2026-11-26, code 422", ""),
            "amount 100000 on 2026-11-26, code 422");
  EXPECT_EQ(scrub("nothing to hide", "key"), "nothing to hide");
  // A secret that reappears inside the replacement does not loop.
  EXPECT_EQ(scrub("redacted redacted", "redacted"), "[redacted] [redacted]");
}

TEST(Crypto, HexAndBase64RoundTrip) {
  std::string bytes("\x00\x01\xfe\xff", 4);
  EXPECT_EQ(hex_encode(bytes), "0001feff");
  EXPECT_EQ(*hex_decode("0001FEFF"), bytes);
  EXPECT_FALSE(hex_decode("abc"));
  EXPECT_FALSE(hex_decode("zz"));
  EXPECT_EQ(base64_encode("hello"), "aGVsbG8=");
  EXPECT_EQ(*base64_decode("aGVsbG8="), "hello");
  EXPECT_EQ(*base64_decode("aGVsbG8h"), "hello!");
  EXPECT_FALSE(base64_decode("abc"));
}

TEST(Crypto, HmacSha256KnownVector) {
  // RFC 4231 test case 2.
  EXPECT_EQ(hex_encode(hmac_sha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(Crypto, ConstantTimeEqual) {
  EXPECT_TRUE(constant_time_equal("abc", "abc"));
  EXPECT_FALSE(constant_time_equal("abc", "abd"));
  EXPECT_FALSE(constant_time_equal("abc", "abcd"));
  EXPECT_TRUE(constant_time_equal("", ""));
}
