// The journal's MessagePack writer (emulator/msgpack.h) against nlohmann's to_msgpack, byte for
// byte: every length and integer boundary where the encoding changes form, and random trees of
// every JSON type (floats and all included, which the writer hands to nlohmann).
#include "emulator/msgpack.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace cc::emu {
namespace {

using nlohmann::json;

std::vector<std::uint8_t> written(const json& v) {
  std::vector<std::uint8_t> out = {0x01, 0x02};  // appended after what is there
  append_msgpack(v, out);
  return {out.begin() + 2, out.end()};
}

void expect_nlohmanns(const json& v) {
  SCOPED_TRACE(v.dump(-1, ' ', false, json::error_handler_t::replace).substr(0, 200));
  EXPECT_EQ(written(v), json::to_msgpack(v));
}

TEST(Msgpack, BoundariesAreWrittenAsNlohmannWritesThem) {
  const std::int64_t s64min = std::numeric_limits<std::int64_t>::min();
  for (std::int64_t n : {0LL,
                         1LL,
                         127LL,
                         128LL,
                         255LL,
                         256LL,
                         65535LL,
                         65536LL,
                         4294967295LL,
                         4294967296LL,
                         -1LL,
                         -31LL,
                         -32LL,
                         -33LL,
                         -127LL,
                         -128LL,
                         -129LL,
                         -32767LL,
                         -32768LL,
                         -32769LL,
                         -2147483647LL,
                         -2147483648LL,
                         -2147483649LL,
                         static_cast<long long>(s64min),
                         static_cast<long long>(std::numeric_limits<std::int64_t>::max())}) {
    expect_nlohmanns(json(static_cast<std::int64_t>(n)));
    if (n >= 0) expect_nlohmanns(json(static_cast<std::uint64_t>(n)));
  }
  expect_nlohmanns(json(std::numeric_limits<std::uint64_t>::max()));
  for (std::size_t n : {0, 1, 15, 16, 31, 32, 255, 256, 65535, 65536, 70000}) {
    expect_nlohmanns(json(std::string(n, 'x')));
    expect_nlohmanns(json(std::vector<int>(n, 1)));
    json object = json::object();
    for (std::size_t i = 0; i < n; ++i) object["k" + std::to_string(i)] = i;
    expect_nlohmanns(object);
  }
  for (const json& v : {json(nullptr), json(true), json(false), json(0.5), json(1e300), json(-0.0),
                        json::binary({1, 2, 3}), json::object(), json::array(),
                        json(std::string("\xff\xfe\x00 bytes", 9))})
    expect_nlohmanns(v);
}

json random_value(std::mt19937_64& rng, int depth) {
  const int kind = static_cast<int>(rng() % (depth > 3 ? 6 : 8));
  switch (kind) {
    case 0:
      return nullptr;
    case 1:
      return rng() % 2 == 0;
    case 2:
      return static_cast<std::int64_t>(rng()) >> (rng() % 64);
    case 3:
      return rng() >> (rng() % 64);
    case 4:
      return static_cast<double>(static_cast<std::int64_t>(rng())) / 1024.0;
    case 5: {
      std::string s(rng() % 40, '\0');
      for (char& c : s) c = static_cast<char>(rng());
      return s;
    }
    case 6: {
      json a = json::array();
      for (std::size_t n = rng() % 20; n > 0; --n) a.push_back(random_value(rng, depth + 1));
      return a;
    }
    default: {
      json o = json::object();
      for (std::size_t n = rng() % 20; n > 0; --n)
        o["p" + std::to_string(rng() % 50)] = random_value(rng, depth + 1);
      return o;
    }
  }
}

TEST(Msgpack, RandomTreesAreWrittenAsNlohmannWritesThem) {
  std::mt19937_64 rng(18);
  for (int i = 0; i < 5000; ++i) expect_nlohmanns(random_value(rng, 0));
}

}  // namespace
}  // namespace cc::emu
