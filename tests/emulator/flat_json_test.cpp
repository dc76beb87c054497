// emulator/flat_json reads the flat request bodies the APIs take without nlohmann's parser;
// whatever it accepts must come out exactly as json::parse gives it (same types, same values,
// the last of repeated names), and whatever parse would refuse or read otherwise it must decline.
// Compared over hand-picked tricky bodies and 60,000 generated ones: flat and nested, escapes,
// non-ASCII and invalid UTF-8, every kind of number, blanks, repeated names, cut short or
// with one byte changed.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "emulator/flat_json.h"

namespace cc::test {
namespace {

using nlohmann::json;

// Equal in type as well as value, all the way down (json's == takes 1 and 1u and 1.0 as equal).
bool same(const json& a, const json& b) {
  if (a.type() != b.type()) return false;
  if (a.is_object()) {
    if (a.size() != b.size()) return false;
    for (auto ia = a.begin(), ib = b.begin(); ia != a.end(); ++ia, ++ib)
      if (ia.key() != ib.key() || !same(*ia, *ib)) return false;
    return true;
  }
  if (a.is_array()) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (!same(a[i], b[i])) return false;
    return true;
  }
  return a == b;
}

// What the reader does with `text`, held to nlohmann; true when the reader took it.
bool agrees(const std::string& text) {
  const json expected = json::parse(text, nullptr, false);
  json read;
  const bool taken = emu::read_flat_object(text, read);
  if (taken) {
    EXPECT_TRUE(expected.is_object()) << "taken, but parse gives no object: " << text;
    EXPECT_TRUE(same(read, expected))
        << text << "\n read " << read.dump() << "\n parse " << expected.dump();
  }
  const json body = emu::parse_body(text);
  EXPECT_EQ(body.is_discarded(), expected.is_discarded()) << text;
  if (!expected.is_discarded()) {
    EXPECT_TRUE(same(body, expected)) << text;
  }
  return taken;
}

TEST(FlatJson, ReadsTheBodiesTheSuiteSends) {
  for (const char* text : {
           R"({})",
           R"({"InstanceIds":["ins-00000000"]})",
           R"({"InstanceIds":["ins-1","ins-2"],"ForceStop":true,"StoppedMode":"KEEP_CHARGING"})",
           R"({"DryRun":false,"Offset":0,"Limit":100,"Zone":null,"Empty":[]})",
           " { \"A\" : [ 1 , -2 , true , null , \"x\" ] ,\n\t\"B\" : \"\" } \r\n",
           R"({"":"","a":-0,"b":0,"c":123456789012345678,"d":-123456789012345678})",
           R"({"a":1,"a":"two","a":[3]})",
       })
    EXPECT_TRUE(agrees(text)) << text;
}

TEST(FlatJson, DeclinesWhatItDoesNotReadAsParseWould) {
  for (const char* text : {
           "",
           "[]",
           "null",
           "{",
           "}",
           R"({"a":1,})",
           R"({"a":1}x)",
           R"({"a":1} {})",
           R"({"a" 1})",
           R"({a:1})",
           R"({"a":01})",
           R"({"a":-})",
           R"({"a":1.5})",
           R"({"a":1e3})",
           R"({"a":1E+3})",
           R"({"a":-0.0})",
           R"({"a":1234567890123456789})",
           R"({"a":18446744073709551616})",
           R"({"a":-9223372036854775809})",
           R"({"a":"tab	inside"})",
           R"({"a":"\"quoted\""})",
           R"({"a":"\u00e9t\u00e9"})",
           R"({"a":"\ud83d\ude00"})",
           "{\"a\":\"\xc3\xa9t\xc3\xa9\"}",
           "{\"a\":\"\xff\"}",
           "{\"\xc3\xa9\":1}",
           "{\"a\":\"\x7f\"}",
           R"({"a":{"b":1}})",
           R"({"a":[[1]]})",
           R"({"a":[{"b":1}]})",
           R"({"a":[1,]})",
           R"({"a":tru})",
           R"({"a":truex})",
           R"({"a":nul})",
           "\xef\xbb\xbf{\"a\":1}",
       })
    EXPECT_FALSE(agrees(std::string(text))) << text;
  EXPECT_FALSE(agrees(std::string("{\"a\":1}\0", 8)));
  EXPECT_FALSE(agrees(std::string("{\"a\0\":1}", 8)));
}

// A random JSON-ish value: mostly what the reader takes, often what it must decline.
class Generator {
 public:
  explicit Generator(std::uint32_t seed) : rng_(seed) {}

  std::string body() {
    std::string out = blank() + "{";
    const int members = pick(6);
    for (int i = 0; i < members; ++i) {
      if (i) out += blank() + ",";
      out += blank() + string() + blank() + ":" + blank() + value(0);
    }
    out += blank() + "}" + blank();
    return out;
  }

  // A one-byte change or a cut: mostly malformed, sometimes still valid.
  std::string damaged(std::string text) {
    if (text.empty()) return text;
    const std::size_t at = static_cast<std::size_t>(pick(static_cast<int>(text.size())));
    switch (pick(3)) {
      case 0:
        return text.substr(0, at);
      case 1:
        text[at] = static_cast<char>(pick(256));
        return text;
      default:
        return text.insert(at, 1, "{}[],:\"\\-0.eE \x01"[pick(15)]);
    }
  }

 private:
  int pick(int n) { return static_cast<int>(rng_() % static_cast<std::uint32_t>(n)); }

  std::string blank() {
    static const char* kBlanks[] = {"", "", "", " ", "\n", "\t", "\r\n  "};
    return kBlanks[pick(7)];
  }

  std::string string() {
    static const char* kPieces[] = {
        "InstanceIds",  "ins-0a1b2c3d", "",     "a",       "Zone",    " ",
        "\\\"",         "\\\\",         "\\n",  "\\u00e9", "\\u0000", "\xc3\xa9",
        "\xe2\x82\xac", "\xff",         "\x7f", "\t",      "\\/",     "\\ud83d\\ude00",
        "ap-guangzhou", "KEEP_CHARGING"};
    std::string out = "\"";
    const int n = pick(4);
    for (int i = 0; i < n; ++i) out += kPieces[pick(20)];
    return out + "\"";
  }

  std::string number() {
    static const char* kNumbers[] = {"0",
                                     "-0",
                                     "7",
                                     "-7",
                                     "100",
                                     "01",
                                     "-",
                                     "1.5",
                                     "-0.0",
                                     "1e3",
                                     "2E-2",
                                     "1e+2",
                                     "999999999999999999",
                                     "-999999999999999999",
                                     "1000000000000000000",
                                     "18446744073709551615",
                                     "18446744073709551616",
                                     "-9223372036854775808",
                                     "-9223372036854775809",
                                     "123456789012345678901234567890"};
    return kNumbers[pick(20)];
  }

  std::string value(int depth) {
    switch (pick(depth < 2 ? 9 : 6)) {
      case 0:
      case 1:
        return string();
      case 2:
        return number();
      case 3:
        return std::vector<std::string>{"true", "false", "null"}[pick(3)];
      case 4:
      case 5:
      case 6: {
        std::string out = "[";
        const int n = pick(4);
        for (int i = 0; i < n; ++i) out += (i ? "," : "") + blank() + value(depth + 1) + blank();
        return out + "]";
      }
      default: {
        std::string out = "{";
        const int n = pick(3);
        for (int i = 0; i < n; ++i)
          out += (i ? "," : "") + string() + ":" + blank() + value(depth + 1);
        return out + "}";
      }
    }
  }

  std::mt19937 rng_;
};

TEST(FlatJson, AgreesWithNlohmannOnGeneratedBodies) {
  Generator g(20261205);
  int taken = 0, declined = 0;
  for (int i = 0; i < 30000; ++i) {
    const std::string text = g.body();
    (agrees(text) ? taken : declined) += 1;
    (agrees(g.damaged(text)) ? taken : declined) += 1;
    if (::testing::Test::HasFailure()) break;
  }
  // Both sides are exercised: bodies the reader reads, and bodies it leaves to nlohmann.
  EXPECT_GT(taken, 5000);
  EXPECT_GT(declined, 5000);
}

}  // namespace
}  // namespace cc::test
