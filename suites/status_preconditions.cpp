// Status preconditions (mission: "only RUNNING stops; RUNNING -> STOPPING -> STOPPED"), and
// what the documents say about ids that name nothing and ids given twice.
#include "suites/behaviours.h"

namespace cc::suites {
namespace {

using nlohmann::json;

// A well-formed id that names no instance: the pattern's shape filled with zeros.
std::string nonexistent_id(const core::Api& api) {
  const auto& f = api.instance_id;
  std::string id = f.prefix + std::string(f.example.size() - f.prefix.size(), '0');
  return std::regex_match(id, std::regex(f.pattern)) ? id : f.example;
}

void stops_a_running_instance(Case& c) {
  const core::Api& api = c.api();
  if (!c.target().has_control_plane()) GTEST_SKIP() << "the target has no control plane to create a RUNNING instance";
  const std::string id = c.target().create_instances(api, "RUNNING").at(0);
  core::Outcome o = c.call(c.target().id_params(api, {id}));
  ASSERT_TRUE(o.ok) << "stopping a RUNNING instance must be accepted; got " << o.summary();
  EXPECT_EQ(o.http_status, api.response.success_status);
  EXPECT_FALSE(o.request_id.empty()) << "every response carries a RequestId";

  auto first = c.target().observe(api, id);
  ASSERT_TRUE(first.has_value()) << "describe no longer lists " << id;
  c.observe("state right after the call", first->wire_state);
  EXPECT_TRUE(first->state == "STOPPING" || first->state == "STOPPED")
      << "after a successful call the instance is STOPPING (or already STOPPED), not " << first->wire_state;

  target::ObservedInstance last =
      c.target().await(api, id, [](const target::ObservedInstance& i) { return i.state == "STOPPED"; });
  EXPECT_EQ(last.state, "STOPPED") << "the instance did not reach STOPPED within "
                                   << c.target().config().settle_timeout.count() << " ms (last seen "
                                   << last.wire_state << ")";
}

// The async contract: Describe reports this call as the instance's latest operation, and its
// state reaches the documented success value once the instance is STOPPED.
void reports_the_stop_as_its_latest_operation(Case& c) {
  const core::Api& api = c.api();
  if (!c.target().has_control_plane()) GTEST_SKIP() << "the target has no control plane to create a RUNNING instance";
  const core::Api* describe = c.catalogue().sibling(api, "describe");
  ASSERT_NE(describe, nullptr);
  const auto& f = describe->response.instance_fields;
  ASSERT_TRUE(f.count("latest_operation_state")) << describe->id << " has no latest operation state field";
  const std::string id = c.target().create_instances(api, "RUNNING").at(0);
  core::Outcome o = c.call(c.target().id_params(api, {id}));
  ASSERT_TRUE(o.ok) << o.summary();
  auto field = [&](const target::ObservedInstance& i, const char* key) {
    auto it = f.find(key);
    if (it == f.end() || !i.fields.contains(it->second) || !i.fields[it->second].is_string()) return std::string();
    return i.fields[it->second].get<std::string>();
  };
  auto first = c.target().observe(api, id);
  ASSERT_TRUE(first.has_value());
  c.observe("latest operation state right after the call", field(*first, "latest_operation_state"));
  if (f.count("latest_operation")) EXPECT_EQ(field(*first, "latest_operation"), api.action);
  if (f.count("latest_operation_request_id")) EXPECT_EQ(field(*first, "latest_operation_request_id"), o.request_id);
  const std::string success = api.async->success;
  target::ObservedInstance last = c.target().await(api, id, [&](const target::ObservedInstance& i) {
    return i.state == "STOPPED" && field(i, "latest_operation_state") == success;
  });
  EXPECT_EQ(last.state, "STOPPED");
  EXPECT_EQ(field(last, "latest_operation_state"), success)
      << "the document reads the outcome from LatestOperationState; it never reached " << success;
}

void rejects_a_stopped_instance(Case& c) {
  const core::Api& api = c.api();
  if (!c.target().has_control_plane()) GTEST_SKIP() << "the target has no control plane to create a STOPPED instance";
  const std::string id = c.target().create_instances(api, "STOPPED").at(0);
  core::Outcome o = c.call(c.target().id_params(api, {id}));
  auto documented = api.errors_for("state.STOPPED");
  for (const auto* e : api.errors_for("state.not_accepted")) documented.push_back(e);
  EXPECT_TRUE(is_one_of_documented(o, documented));
  auto after = c.target().observe(api, id);
  ASSERT_TRUE(after.has_value());
  EXPECT_EQ(after->state, "STOPPED") << "a refused call must change nothing; the instance is now " << after->wire_state;
}

void rejects_a_nonexistent_instance(Case& c) {
  const core::Api& api = c.api();
  const std::string id = nonexistent_id(api);
  core::Outcome o = c.call(c.target().id_params(api, {id}));
  auto documented = api.errors_for("id.not_found");
  if (documented.empty()) {
    c.observe("answer to a well-formed id that names no instance", o.ok ? json("accepted") : json(o.code));
    return;
  }
  EXPECT_TRUE(is_one_of_documented(o, documented)) << "for the id " << id;
}

void rejects_duplicate_ids(Case& c) {
  const core::Api& api = c.api();
  if (!c.target().has_control_plane()) GTEST_SKIP() << "the target has no control plane to create a RUNNING instance";
  const std::string id = c.target().create_instances(api, "RUNNING").at(0);
  core::Outcome o = c.call(c.target().id_params(api, {id, id}));
  if (api.duplicates.rule != "reject") {
    c.observe("answer to the same id twice", o.ok ? json("accepted") : json(o.code));
    return;
  }
  EXPECT_TRUE(is_one_of_documented(o, api.errors_for("ids.duplicate")));
  auto after = c.target().observe(api, id);
  ASSERT_TRUE(after.has_value());
  EXPECT_EQ(after->state, "RUNNING") << "a rejected batch must stop nothing; the instance is now " << after->wire_state;
}

std::vector<core::Provenance> status_sources(const core::Api& api) { return {api.status_model.provenance}; }

std::vector<core::Provenance> error_sources(const core::Api& api, const std::string& trigger) {
  std::vector<core::Provenance> out;
  for (const auto* e : api.errors_for(trigger)) out.push_back(e->provenance);
  if (out.empty())
    out.push_back({"silent", "", "", "", "the document lists no code for trigger " + trigger});
  return out;
}

}  // namespace

std::vector<Behaviour> status_behaviours() {
  auto always = [](const core::Api&) { return true; };
  return {
      {"StopsARunningInstance", "status", always, status_sources, stops_a_running_instance},
      {"ReportsTheStopAsItsLatestOperation", "status", [](const core::Api& api) { return api.async.has_value(); },
       [](const core::Api& api) { return std::vector<core::Provenance>{api.async->provenance}; },
       reports_the_stop_as_its_latest_operation},
      {"RejectsAStoppedInstance", "status", always,
       [](const core::Api& api) {
         auto p = status_sources(api);
         for (const auto& e : error_sources(api, "state.not_accepted"))
           if (e.source != "silent") p.push_back(e);
         for (const auto* e : api.errors_for("state.STOPPED")) p.push_back(e->provenance);
         return p;
       },
       rejects_a_stopped_instance},
      {"RejectsANonexistentInstance", "errors", always,
       [](const core::Api& api) { return error_sources(api, "id.not_found"); }, rejects_a_nonexistent_instance},
      {"RejectsDuplicateIds", "duplicates", [](const core::Api& api) { return api.batch.has_value(); },
       [](const core::Api& api) { return std::vector<core::Provenance>{api.duplicates.provenance}; },
       rejects_duplicate_ids},
  };
}

}  // namespace cc::suites
