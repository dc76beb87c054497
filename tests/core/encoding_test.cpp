#include <gtest/gtest.h>

#include "harness/core/encoding.h"

namespace cc::core {
namespace {

TEST(PercentEncoding, KeepsUnreservedAndEncodesTheRestUpperHex) {
  EXPECT_EQ(percent_encode("aZ09-_.~"), "aZ09-_.~");
  EXPECT_EQ(percent_encode(" *+/:=\""), "%20%2A%2B%2F%3A%3D%22");
  EXPECT_EQ(percent_encode("\xe6\x9c\xaa"), "%E6%9C%AA");
}

TEST(PercentEncoding, DecodesWhatItEncodesAndRejectsBadEscapes) {
  const std::string s = "ins-1 \xe6\x9c\xaa&=%/+";
  EXPECT_EQ(percent_decode(percent_encode(s)), s);
  EXPECT_EQ(percent_decode("a+b"), "a b");
  EXPECT_EQ(percent_decode("%2"), std::nullopt);
  EXPECT_EQ(percent_decode("%zz"), std::nullopt);
}

TEST(QueryStrings, RoundTripInOrderWithDuplicates) {
  Params p = {{"b", "2"}, {"a", "x y"}, {"a", ""}};
  auto parsed = parse_query(encode_query(p));
  ASSERT_TRUE(parsed);
  EXPECT_EQ(*parsed, p);
  EXPECT_EQ(parse_query("flag&x=1")->at(0), (Param{"flag", ""}));
}

TEST(UtcTime, FormatsAndParsesWithoutTheLocalZone) {
  EXPECT_EQ(utc_date(1551113065), "2019-02-25");
  EXPECT_EQ(utc_iso8601(1456231584), "2016-02-23T12:46:24Z");
  EXPECT_EQ(parse_utc_iso8601("2016-02-23T12:46:24Z"), 1456231584);
  EXPECT_EQ(parse_utc_iso8601("2016-02-23T12:46:24.123Z"), 1456231584);
  EXPECT_EQ(parse_utc_iso8601("2016-02-23 12:46:24"), std::nullopt);
  EXPECT_EQ(parse_utc_iso8601("2016-13-23T12:46:24Z"), std::nullopt);
}

}  // namespace
}  // namespace cc::core
