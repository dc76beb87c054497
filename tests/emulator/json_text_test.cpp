// emulator/json_text: every answer the Tencent front end writes must be byte for byte what
// nlohmann's dump(-1, ' ', false, replace) gives — Describe's answers over several worlds (no
// instances, instances in every state, odd characters in the fields), and values of every kind.
#include "emulator/json_text.h"

#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <vector>

#include "emulator/cvm_record.h"

namespace cc::emu {
namespace {

using nlohmann::json;

std::string dumped(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

std::string written(const json& j) {
  std::string out = "prefix";  // appends, never replaces
  append_json(out, j);
  return out.substr(6);
}

Instance instance(const std::string& id, const std::string& state) {
  Instance i;
  i.id = id;
  i.product = "cvm";
  i.state = state;
  i.created_epoch = 1764892800;
  return i;
}

// A Describe answer as Behaviour and the front end build it.
json describe_answer(const std::vector<Instance>& world) {
  json list = json::array();
  for (const Instance& i : world) list.push_back(cvm_instance_record(i));
  return {{"InstanceSet", list},
          {"TotalCount", world.size()},
          {"RequestId", "6c1a4a47-63c8-4d6b-9d6e-2c1f4a0b8e3d"}};
}

TEST(JsonText, WritesDescribeAnswersAsDumpDoes) {
  Instance operated = instance("ins-0a1b2c3d", "STOPPED");
  operated.latest_operation = "StopInstances";
  operated.latest_operation_state = "SUCCESS";
  operated.latest_operation_request_id = "req-\"quoted\"\\back";
  operated.stopped_mode = "StopCharging";
  Instance odd = instance("ins-\xff\xfe\x01 é\t\n", "STOPPING");
  odd.latest_operation = std::string("nul\0inside", 10);
  const std::vector<std::vector<Instance>> worlds = {
      {},
      {instance("ins-00000001", "RUNNING")},
      {instance("ins-00000001", "RUNNING"), instance("ins-00000002", "STARTING"), operated},
      {odd, operated, instance("ins-zzzzzzzz", "PENDING")},
  };
  for (std::size_t w = 0; w < worlds.size(); ++w) {
    SCOPED_TRACE(w);
    const json answer = describe_answer(worlds[w]);
    EXPECT_EQ(written(answer), dumped(answer));
  }
}

TEST(JsonText, WritesEveryKindOfValueAsDumpDoes) {
  const std::vector<json> values = {
      nullptr,
      true,
      false,
      0,
      -1,
      std::numeric_limits<std::int64_t>::min(),
      std::numeric_limits<std::int64_t>::max(),
      std::numeric_limits<std::uint64_t>::max(),
      0.0,
      -0.0,
      0.1,
      1e300,
      2.5f,
      "",
      "plain",
      "quote \" backslash \\ slash /",
      "\x7f delete and \x1f unit separator",
      "\xc3\x28 invalid, \xe2\x82\xac euro, \xf0\x9f\x98\x80 emoji, truncated \xe2\x82",
      json::array(),
      json::object(),
      {{"b", 1}, {"a", {1, 2.5, "x", nullptr, json::object(), json::array()}}},
      {{"key \"quoted\"", "v"}, {"ключ", "значение"}, {"\xff", "\xfe"}},
      json::binary({1, 2, 3}),
  };
  for (const json& v : values) {
    SCOPED_TRACE(dumped(v));
    EXPECT_EQ(written(v), dumped(v));
  }
}

TEST(JsonText, WritesStringsAsDumpDoes) {
  for (int c = 0; c < 256; ++c) {
    const std::string s = "a" + std::string(1, static_cast<char>(c)) + "z";
    std::string out;
    append_json_string(out, s);
    EXPECT_EQ(out, dumped(json(s))) << "byte " << c;
  }
  // Longer strings are checked eight bytes at a time: every byte at every place of a word.
  for (int c = 0; c < 256; ++c)
    for (std::size_t at = 0; at < 17; ++at) {
      std::string s(17, 'k');
      s[at] = static_cast<char>(c);
      std::string out;
      append_json_string(out, s);
      EXPECT_EQ(out, dumped(json(s))) << "byte " << c << " at " << at;
    }
}

}  // namespace
}  // namespace cc::emu
