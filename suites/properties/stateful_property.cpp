// CommandSequencesAgreeWithTheModel (rc::state): over a small pool of instances, sequences of
// Stop, Start, Describe, Wait and concurrent Stop/Stop and Stop/Start pairs. Every answer and
// every observed state agrees with the model, which tracks what each instance may be (several
// states while in transit), and every transition ends within the bound.
#include <rapidcheck/state.h>

#include "suites/properties/bodies.h"
#include "suites/properties/budget.h"
#include "suites/properties/generators.h"
#include "suites/properties/harness.h"
#include "suites/properties/stage.h"

namespace cc::suites::properties {
namespace {

using nlohmann::json;

// The rc::state model: what generation needs, no more. What each instance may be is tracked by
// the scenario runner from the target's answers, with the model of the documents.
struct Pool {
  int size = 0;
  bool batch_stop = false, batch_start = false;
};

// The system under test: the runner on the arranged pool, and the scenario so far (the replay
// of a failure is the sequence up to the failing step).
struct System {
  ScenarioRunner* runner;
  Scenario* log;
  PropertyHarness* harness;
  const core::Api* stop;
  const core::Api* start;
  std::set<std::string> classes;
  bool broken = false;

  void exec(json step) {
    if (broken) return;
    log->steps.push_back(step);
    StepResult r;
    try {
      r = runner->step(step);
    } catch (const target::HarnessError& e) {
      harness->harness_error(e);
      broken = true;
      return;
    }
    classes.insert(step["do"].get<std::string>() + ": " + r.outcome_class);
    if (!r.agrees) {
      harness->failed(*log, r);
      RC_FAIL(r.message);
    }
  }
};

using PoolCommand = rc::state::Command<Pool, System>;

std::string label(int i) { return "p" + std::to_string(i); }

// Distinct members of the pool: one for a single-id API, one or more for a batch.
std::vector<int> pick(const Pool& m, bool batch) {
  if (!batch || m.size == 1) return {*uniform(0, m.size)};
  const auto in = *rc::gen::container<std::vector<bool>>(static_cast<std::size_t>(m.size),
                                                         rc::gen::arbitrary<bool>());
  std::vector<int> members;
  for (int i = 0; i < m.size; ++i)
    if (in[static_cast<std::size_t>(i)]) members.push_back(i);
  if (members.empty()) members.push_back(0);
  return members;
}

json id_params(const core::Api& api, const std::vector<int>& who) {
  json ids = json::array();
  for (int i : who) ids.push_back("<" + label(i) + ">");
  if (api.batch) return {{api.batch->parameter, ids}};
  return {{api.id_parameter(), ids.front()}};
}

json labels(const std::vector<int>& who) {
  json out = json::array();
  for (int i : who) out.push_back(label(i));
  return out;
}

void show_members(std::ostream& os, const char* what, const std::vector<int>& who) {
  os << what;
  for (int i : who) os << " " << label(i);
}

struct StopCmd : PoolCommand {
  std::vector<int> who;
  explicit StopCmd(const Pool& m) : who(pick(m, m.batch_stop)) {}
  void run(const Pool&, System& s) const override {
    s.exec({{"do", "call"}, {"api", s.stop->id}, {"params", id_params(*s.stop, who)}});
  }
  void show(std::ostream& os) const override { show_members(os, "Stop", who); }
};

struct StartCmd : PoolCommand {
  std::vector<int> who;
  explicit StartCmd(const Pool& m) : who(pick(m, m.batch_start)) {}
  void run(const Pool&, System& s) const override {
    s.exec({{"do", "call"}, {"api", s.start->id}, {"params", id_params(*s.start, who)}});
  }
  void show(std::ostream& os) const override { show_members(os, "Start", who); }
};

struct DescribeCmd : PoolCommand {
  std::vector<int> who;
  explicit DescribeCmd(const Pool& m) : who(pick(m, true)) {}
  void run(const Pool&, System& s) const override {
    s.exec({{"do", "observe"}, {"instances", labels(who)}});
  }
  void show(std::ostream& os) const override { show_members(os, "Describe", who); }
};

struct WaitCmd : PoolCommand {
  std::vector<int> who;
  explicit WaitCmd(const Pool& m) : who(pick(m, true)) {}
  void run(const Pool&, System& s) const override {
    s.exec({{"do", "wait"}, {"instances", labels(who)}});
  }
  void show(std::ostream& os) const override { show_members(os, "Wait for", who); }
};

// The same stop twice at once (exactly one may be accepted), or a stop and a start at once.
struct TogetherCmd : PoolCommand {
  std::vector<int> who;
  bool with_start;
  TogetherCmd(const Pool& m, bool start)
      : who(pick(m, m.batch_stop && m.batch_start)), with_start(start) {}
  void run(const Pool&, System& s) const override {
    const core::Api* second = with_start ? s.start : s.stop;
    s.exec({{"do", "together"},
            {"calls",
             {{{"api", s.stop->id}, {"params", id_params(*s.stop, who)}},
              {{"api", second->id}, {"params", id_params(*second, who)}}}}});
  }
  void show(std::ostream& os) const override {
    show_members(os, with_start ? "Stop+Start together" : "Stop+Stop together", who);
  }
};

}  // namespace

void command_sequences_agree_with_the_model(Case& c) {
  const core::Api& stop = c.api();
  const core::Api* start = c.catalogue().sibling(stop, "start");
  if (!start) throw target::HarnessError("the catalogue has no start API for " + stop.product);
  if (!c.target().has_control_plane())
    throw NotSupported("the target has no control plane to arrange the instance pool");
  // Short transitions keep waits for eventual states inside the stage's budget.
  PropertyStage stage(c.target(), 50);
  PropertyHarness h(c, budget(20, 4));
  const auto bound = std::min(c.target().config().settle_timeout, std::chrono::milliseconds(1000));
  h.check(
      [&] {
        const int n = *weighted<int>({{1, rc::gen::just(1)},
                                      {2, rc::gen::just(2)},
                                      {3, rc::gen::just(3)},
                                      {2, rc::gen::just(4)}});
        const auto initial = *rc::gen::container<std::vector<std::string>>(
            static_cast<std::size_t>(n),
            weighted<std::string>({{5, rc::gen::just(std::string("RUNNING"))},
                                   {4, rc::gen::just(std::string("STOPPED"))},
                                   {1, rc::gen::just(std::string("STOPPING"))}}));
        const Pool pool{n, stop.batch.has_value(), start->batch.has_value()};
        using Ptr = std::shared_ptr<const PoolCommand>;
        auto next = [](const Pool& m) {
          return rc::gen::weightedOneOf<Ptr>({
              {4, rc::gen::exec([m] { return Ptr(std::make_shared<StopCmd>(m)); })},
              {3, rc::gen::exec([m] { return Ptr(std::make_shared<StartCmd>(m)); })},
              {2, rc::gen::exec([m] { return Ptr(std::make_shared<DescribeCmd>(m)); })},
              {2, rc::gen::exec([m] { return Ptr(std::make_shared<WaitCmd>(m)); })},
              {1, rc::gen::exec([m] { return Ptr(std::make_shared<TogetherCmd>(m, false)); })},
              {1, rc::gen::exec([m] { return Ptr(std::make_shared<TogetherCmd>(m, true)); })},
          });
        };
        const auto commands = *rc::gen::scale(0.3, rc::state::gen::commands(pool, next));
        if (h.skip_case()) return;

        Scenario log;
        log.api = stop.id;
        for (int i = 0; i < n; ++i)
          log.instances.push_back({label(i), initial[static_cast<std::size_t>(i)], {}});
        ScenarioRunner runner(c.catalogue(), c.target(), h.runner_options(stage.unpaced(), bound));
        try {
          runner.arrange(log);
        } catch (const target::HarnessError& e) {
          h.harness_error(e);
          return;
        }
        System sys{&runner, &log, &h, &stop, start, {}, false};
        rc::state::runAll(commands, pool, sys);
        RC_TAG("pool " + std::to_string(n), "commands " + std::to_string(commands.size()));
        for (const auto& cls : sys.classes) RC_TAG(cls);
      },
      stage.settings());
}

}  // namespace cc::suites::properties
