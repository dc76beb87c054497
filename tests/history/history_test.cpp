// Conflicting Stop/Start calls from several client threads over a shared pool of instances,
// real signed HTTP against the in-process emulator: the world's journal (the control plane's
// "operations") must replay through the model to a serial history the documents allow, with
// every client's call in it once and the final Describe states the replay's. Negative
// controls: emulator deviations that break the history, and journals corrupted on purpose,
// must be caught by the same checker.
#include <gtest/gtest.h>

#include <algorithm>
#include <latch>
#include <random>
#include <thread>

#include "harness/model/history.h"
#include "tests/emulator/emulator_fixture.h"

namespace cc::test {
namespace {

using nlohmann::json;

constexpr int kThreads = 6, kCallsPerThread = 60, kRunning = 3, kStopped = 3;

// The first operation in which an instance changes state and the next in which the same
// instance changes again, as {from, next}; empty when no instance changed state twice.
std::vector<std::size_t> twice_changed(const json& ops) {
  auto changes = [](const json& op, const json& id) {
    for (const json& e : op["effects"])
      if (e["id"] == id && e["before"] != e["after"]) return true;
    return false;
  };
  for (std::size_t i = 0; i < ops.size(); ++i)
    for (const json& e : ops[i]["effects"]) {
      if (e["before"] == e["after"]) continue;
      for (std::size_t j = i + 1; j < ops.size(); ++j)
        if (changes(ops[j], e["id"])) return {i, j};
    }
  return {};
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += "\n  " + l;
  return out;
}

struct History {
  std::map<std::string, std::string> initial, final_states;
  json operations;
  std::vector<model::ClientAnswer> answers;
};

class EmulatorHistory : public EmulatorTest {
 protected:
  const core::Api& stop() const { return api("TencentCvmStopInstances"); }
  const core::Api& start() const { return api("TencentCvmStartInstances"); }

  // The hammer: kThreads clients released together, each making kCallsPerThread calls of Stop
  // or Start naming 1–3 instances of the pool, chosen by a seeded generator. A transition takes
  // 1 ms, so calls meet instances in transit and transitions land during the run; the limits
  // (100/s per API, a sliding second) throttle some. The first 100 calls of each API are admitted
  // within the run's first few milliseconds on a fast machine, so transitions must be short for
  // an instance to change state twice there (the journal's negative controls need one): at 5 ms
  // one run in five had none.
  History hammer() {
    control("/_cloudconform/v1/config",
            {{"transition_ms", 1},
             {"rate_limits",
              {{"enabled", true}, {"overrides", {{stop().id, 100}, {start().id, 100}}}}}},
            200);
    History h;
    std::vector<std::string> pool;
    for (const auto& [state, count] :
         {std::pair{"RUNNING", kRunning}, std::pair{"STOPPED", kStopped}}) {
      const json created = control("/_cloudconform/v1/instances",
                                   {{"product", "cvm"}, {"state", state}, {"count", count}}, 201);
      for (const json& id : created["instances"]) {
        pool.push_back(id);
        h.initial[id] = state;
      }
    }
    hammer_calls(pool, h.answers);
    h.final_states = settled_states(pool);
    h.operations =
        control("/_cloudconform/v1/requests?operations_since=0", nullptr, 200)["operations"];
    return h;
  }

  void hammer_calls(const std::vector<std::string>& pool, std::vector<model::ClientAnswer>& all) {
    std::vector<std::vector<model::ClientAnswer>> answers(kThreads);
    std::vector<std::string> transport_errors(kThreads);
    std::latch go(kThreads);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t)
      threads.emplace_back([&, t] {
        tencent::Client client = tencent_client();
        std::mt19937 rng(1000 + t);  // seeded: a failure names the same workload again
        go.arrive_and_wait();
        for (int k = 0; k < kCallsPerThread; ++k) {
          std::vector<std::string> ids = pool;
          std::shuffle(ids.begin(), ids.end(), rng);
          const unsigned roll = rng() % 10;  // mostly one id, some batches of two or three
          ids.resize(roll < 6 ? 1 : roll < 9 ? 2 : 3);
          const core::Api& a = rng() % 2 ? stop() : start();
          const core::Outcome o = client.call(a, {{"InstanceIds", ids}});
          if (o.harness_error()) transport_errors[t] = o.transport_error;
          answers[t].push_back({o.request_id, o.ok, o.code});
        }
      });
    for (auto& th : threads) th.join();
    for (const auto& e : transport_errors) EXPECT_EQ(e, "");
    for (const auto& a : answers) all.insert(all.end(), a.begin(), a.end());
  }

  // The pool's states from a signed DescribeInstances once no instance is in transit. The
  // emulator offers no notification of a landed transition, so this polls, bounded.
  std::map<std::string, std::string> settled_states(const std::vector<std::string>& pool) {
    const core::Api& describe = api("TencentCvmDescribeInstances");
    tencent::Client client = tencent_client();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    std::map<std::string, std::string> states;
    while (true) {
      const core::Outcome o = client.call(describe, {{"InstanceIds", pool}});
      if (!o.ok) throw std::runtime_error("DescribeInstances failed: " + o.summary());
      states.clear();
      bool in_transit = false;
      for (const json& item : o.body.at(json::json_pointer(describe.response.instances))) {
        const auto& f = describe.response.instance_fields;
        const std::string wire = item.at(f.at("state"));
        const std::string state = describe.status_model.canonical(wire).value_or("UNKNOWN:" + wire);
        states[item.at(f.at("id"))] = state;
        in_transit = in_transit || state == "STOPPING" || state == "STARTING";
      }
      if (!in_transit || std::chrono::steady_clock::now() >= deadline) return states;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }

  model::HistoryCheck check(const History& h) const {
    return model::check_history(model::Model(*catalogue_), h.initial, h.operations, h.final_states);
  }
};

TEST_F(EmulatorHistory, ConcurrentStopsAndStartsReplayToASerialHistory) {
  const History h = hammer();
  const model::HistoryCheck c = check(h);
  EXPECT_TRUE(c.consistent()) << c.problems.size() << " problems:" << joined(c.problems);
  const std::vector<std::string> unaccounted = model::check_accounted(h.operations, h.answers);
  EXPECT_TRUE(unaccounted.empty()) << joined(unaccounted);
  EXPECT_EQ(c.operations, kThreads * kCallsPerThread);
  // The history must have held what it is meant to test: acceptances, state refusals, throttling.
  EXPECT_GT(c.accepted, 0);
  EXPECT_GT(c.refused, 0);
  EXPECT_GT(c.throttled, 0);
  RecordProperty("operations", c.operations);
  RecordProperty("accepted", c.accepted);
  RecordProperty("refused", c.refused);
  RecordProperty("throttled", c.throttled);
}

// Negative controls: an emulator that breaks the history is caught by the same run and checker.
class EmulatorHistoryDeviation : public EmulatorHistory,
                                 public ::testing::WithParamInterface<const char*> {};

TEST_P(EmulatorHistoryDeviation, IsCaughtByTheReplay) {
  start_with({GetParam()});
  const model::HistoryCheck c = check(hammer());
  EXPECT_FALSE(c.consistent()) << "the deviation " << GetParam() << " went unnoticed in "
                               << c.operations << " operations (" << c.accepted << " accepted)";
  if (!c.problems.empty()) RecordProperty("first_problem", c.problems.front());
}

INSTANTIATE_TEST_SUITE_P(
    Deviations, EmulatorHistoryDeviation,
    ::testing::Values("stop-accepts-stopping",   // accepts what the model refuses
                      "refusals-mutate",         // a refused call changes the instance
                      "throttled-calls-mutate",  // a throttled call changes the instance
                      "stop-ignored",            // an accepted stop changes nothing
                      "skips-stopping"),         // the transition skips its via state
    [](const auto& info) {
      std::string name;
      for (const char* p = info.param; *p; ++p)
        if (*p != '-') name += p == info.param || p[-1] == '-' ? char(std::toupper(*p)) : *p;
      return name;
    });

// Negative controls on the journal itself: a genuine history, corrupted after the fact.
TEST_F(EmulatorHistory, ALostDoubledOrReorderedTransitionInTheJournalIsCaught) {
  const History genuine = hammer();
  ASSERT_TRUE(check(genuine).consistent());
  auto changes_state = [](const json& op) {
    for (const json& e : op["effects"])
      if (e["before"] != e["after"]) return true;
    return false;
  };
  // Renumbered after each corruption, so only the replay, not the numbering, can tell.
  auto renumbered = [](json ops) {
    for (std::size_t i = 0; i < ops.size(); ++i) ops[i]["op"] = i + 1;
    return ops;
  };
  const json& ops = genuine.operations;
  const auto first = std::find_if(ops.begin(), ops.end(), changes_state);
  ASSERT_NE(first, ops.end()) << "the history accepted nothing";
  const std::size_t at = static_cast<std::size_t>(first - ops.begin());
  {
    SCOPED_TRACE("a lost transition");
    History h = genuine;
    h.operations.erase(h.operations.begin() + static_cast<std::ptrdiff_t>(at));
    h.operations = renumbered(h.operations);
    EXPECT_FALSE(check(h).consistent());
    EXPECT_FALSE(model::check_accounted(h.operations, h.answers).empty());
  }
  {
    SCOPED_TRACE("a doubled transition");
    History h = genuine;
    h.operations.insert(h.operations.begin() + static_cast<std::ptrdiff_t>(at) + 1, ops[at]);
    h.operations = renumbered(h.operations);
    EXPECT_FALSE(check(h).consistent());
    EXPECT_FALSE(model::check_accounted(h.operations, h.answers).empty());
  }
  {
    SCOPED_TRACE("two transitions of one instance reordered");
    History h = genuine;
    // The first instance that changes state twice, whichever effect of a batch it is.
    const std::vector<std::size_t> pair = twice_changed(ops);
    ASSERT_EQ(pair.size(), 2u) << "no instance changed state twice";
    const std::size_t from = pair[0], next = pair[1];
    std::swap(h.operations[from], h.operations[next]);
    std::swap(h.operations[from]["at_ns"],
              h.operations[next]["at_ns"]);  // keep the clock moving forward
    h.operations = renumbered(h.operations);
    EXPECT_FALSE(check(h).consistent());
  }
  {
    SCOPED_TRACE("a refusal turned into an acceptance");
    History h = genuine;
    const auto refusal = std::find_if(h.operations.begin(), h.operations.end(), [](const json& op) {
      return op["applied"] == true && !op["code"].get<std::string>().empty() &&
             !op["effects"].empty();
    });
    ASSERT_NE(refusal, h.operations.end());
    (*refusal)["code"] = "";
    (*refusal)["accepted"] = true;
    EXPECT_FALSE(check(h).consistent());
  }
}

}  // namespace
}  // namespace cc::test
