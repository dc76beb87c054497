// The request journal (emulator/journal.h): what it answers, its capacity and its numbering,
// now that its entries are slots reused in a ring.
#include "emulator/journal.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace cc::emu {
namespace {

using nlohmann::json;

std::chrono::steady_clock::time_point epoch() { return std::chrono::steady_clock::time_point{}; }

// Appends one operation whose request id and code name its position `n`.
void add(Journal& j, int n, const json& params = json::object()) {
  Operation o;
  o.at_ns = n;
  o.code = n % 2 ? "" : "Code" + std::to_string(n);
  o.applied = n % 3 == 0;
  o.transition_ms = n;
  if (n % 5 == 0) o.effects.push_back({"ins-" + std::to_string(n), "RUNNING", "STOPPING"});
  const std::string id = "request-" + std::to_string(n);
  j.append({"account", "TencentCvmStopInstances", id, params}, o);
}

TEST(Journal, AnswersEveryFieldOfAnEntryAsJson) {
  Journal j(epoch());
  add(j, 5, {{"InstanceIds", {"ins-00000005"}}});
  const json expected = {
      {"op", 1},
      {"at_ns", 5},
      {"account", "account"},
      {"api", "TencentCvmStopInstances"},
      {"request_id", "request-5"},
      {"params", {{"InstanceIds", {"ins-00000005"}}}},
      {"accepted", true},
      {"code", ""},
      {"applied", false},
      {"transition_ms", 5},
      {"effects", {{{"id", "ins-5"}, {"before", "RUNNING"}, {"after", "STOPPING"}}}}};
  EXPECT_EQ(j.since(0), json::array({expected}));
}

TEST(Journal, RecordsACodeNamedApartAsTheOperationsOwn) {
  // The behaviour names its answer's code beside the operation (o.code left empty): the entries
  // must be those of operations carrying the code, for an accepted call, a refusal, a long code
  // and one the operation's own field contradicts.
  const std::vector<std::string> codes = {"", "InvalidInstanceId.NotFound", std::string(300, 'C'),
                                          "x"};
  for (const std::string& code : codes) {
    Journal apart(epoch()), carried(epoch());
    Operation o;
    o.at_ns = 7;
    o.applied = true;
    o.transition_ms = 3;
    o.effects.push_back({"ins-1", "RUNNING", "STOPPING"});
    const json params = {{"InstanceIds", {"ins-1"}}};
    const OperationSource from{"default", "TencentCvmStopInstances", "rid", params};
    o.code = "Ignored.When.Named.Apart";
    apart.append(from, o, code);
    o.code = code;
    carried.append(from, o);
    EXPECT_EQ(apart.since(0), carried.since(0)) << code;
  }
}

TEST(Journal, GivesBackParametersAsTheSameJsonText) {
  // Numbers of every kind, nesting, and a string that is not UTF-8 (a query parameter can be).
  const std::vector<json> cases = {
      json::object(),
      {{"InstanceIds", json::array()}},
      {{"a", -7}, {"b", 18446744073709551615u}, {"c", 0.1}, {"d", 1e300}, {"e", -0.0}},
      {{"f", 2.5f}, {"g", nullptr}, {"h", true}, {"i", {{"j", {1, "two", {{"k", false}}}}}}},
      {{"odd", std::string("\xff\xfe quote\" back\\ nul\0", 19)}, {"é", "ü\n\t"}},
  };
  Journal j(epoch());
  for (std::size_t i = 0; i < cases.size(); ++i) add(j, static_cast<int>(i), cases[i]);
  const json got = j.since(0);
  ASSERT_EQ(got.size(), cases.size());
  for (std::size_t i = 0; i < cases.size(); ++i) {
    SCOPED_TRACE(i);
    const auto replace = json::error_handler_t::replace;
    EXPECT_EQ(got[i]["params"].dump(-1, ' ', false, replace),
              cases[i].dump(-1, ' ', false, replace));
    EXPECT_EQ(got[i]["params"], cases[i]);
  }
}

TEST(Journal, KeepsTheNewestTenThousandEntriesInOrder) {
  Journal j(epoch());
  const int total = static_cast<int>(Journal::kCapacity) * 2 + 123;
  for (int n = 1; n <= total; ++n) add(j, n);
  const json all = j.since(0);
  ASSERT_EQ(all.size(), Journal::kCapacity);
  for (std::size_t i = 0; i < all.size(); ++i) {
    const int n = total - static_cast<int>(Journal::kCapacity) + 1 + static_cast<int>(i);
    ASSERT_EQ(all[i]["op"], n);
    ASSERT_EQ(all[i]["request_id"], "request-" + std::to_string(n));
    ASSERT_EQ(all[i]["code"], n % 2 ? "" : "Code" + std::to_string(n));
    ASSERT_EQ(all[i]["effects"].size(), n % 5 == 0 ? 1u : 0u);
  }
  EXPECT_EQ(j.since(total - 3).size(), 3u);
  EXPECT_TRUE(j.since(total).empty());
}

TEST(Journal, ClearKeepsTheNumberingAndRestartBeginsItAgain) {
  Journal j(epoch());
  for (int n = 1; n <= 12; ++n) add(j, n);
  j.clear();
  EXPECT_TRUE(j.since(0).empty());
  add(j, 13);
  ASSERT_EQ(j.since(0).size(), 1u);
  EXPECT_EQ(j.since(0)[0]["op"], 13);
  EXPECT_EQ(j.since(0)[0]["request_id"], "request-13");
  for (int n = 14; n <= static_cast<int>(Journal::kCapacity) + 20; ++n) add(j, n);
  j.restart(epoch());
  EXPECT_TRUE(j.since(0).empty());
  add(j, 7);
  const json after = j.since(0);
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0]["op"], 1);
  EXPECT_EQ(after[0]["request_id"], "request-7");
  EXPECT_EQ(after[0]["effects"], json::array());
}

TEST(Journal, NumbersConcurrentAppendsOnceEach) {
  Journal j(epoch());
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&j, t] {
      for (int n = 0; n < 3000; ++n) add(j, t * 3000 + n);
    });
  for (auto& t : threads) t.join();
  const json all = j.since(0);
  ASSERT_EQ(all.size(), Journal::kCapacity);
  for (std::size_t i = 0; i < all.size(); ++i) ASSERT_EQ(all[i]["op"], 2001 + i);
}

}  // namespace
}  // namespace cc::emu
