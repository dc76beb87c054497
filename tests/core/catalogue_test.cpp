// The catalogue as data: it loads, it covers the five seed APIs and every code their pages
// list, and every quoted passage really is in the document it cites.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "harness/core/catalogue.h"
#include "harness/core/json_reader.h"

namespace cc::core {
namespace {

const std::string kApis = std::string(CLOUDCONFORM_FIXTURES_DIR) + "/apis";
const std::string kShared = CLOUDCONFORM_SHARED_DIR;

const Catalogue& catalogue() {
  static const Catalogue c = load_catalogue(kApis);
  return c;
}

std::string read_seed(const std::string& file) {
  std::ifstream in(kShared + "/seeds/" + file);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(Catalogue, LoadsEveryFile) {
  ASSERT_NO_THROW(catalogue());
  EXPECT_GE(catalogue().apis.size(), 16u);
  EXPECT_TRUE(catalogue().common.count("tencent"));
  EXPECT_TRUE(catalogue().common.count("alibaba"));
}

TEST(Catalogue, HasTheFiveSeedApis) {
  std::set<std::string> subjects;
  for (const Api* a : catalogue().subjects()) subjects.insert(a->id);
  EXPECT_EQ(subjects,
            (std::set<std::string>{"TencentEcmStopInstances", "TencentLighthouseStopInstances",
                                   "TencentCvmStopInstances", "AlibabaEcsStopInstances",
                                   "AlibabaEcsStopInstance"}));
}

TEST(Catalogue, EverySubjectHasItsSupportingApis) {
  for (const Api* a : catalogue().subjects()) {
    SCOPED_TRACE(a->id);
    EXPECT_NE(catalogue().sibling(*a, "describe"), nullptr);
    EXPECT_NE(catalogue().sibling(*a, "start"), nullptr);
  }
  EXPECT_NE(catalogue().find("TencentCvmDescribeInstancesStatus"), nullptr);
  EXPECT_NE(catalogue().find("AlibabaEcsDescribeInstanceStatus"), nullptr);
  EXPECT_NE(catalogue().find("AlibabaEcsStartInstance"), nullptr);
}

TEST(Catalogue, IdsAreGoogleTestIdentifiers) {
  for (const Api& a : catalogue().apis) {
    EXPECT_TRUE(std::regex_match(a.id, std::regex("^[A-Z][A-Za-z0-9]*$"))) << a.id;
    EXPECT_EQ(a.id.find('_'), std::string::npos) << a.id;
  }
}

TEST(Catalogue, EveryProvenancePassageOccursInItsDocument) {
  ASSERT_TRUE(std::filesystem::is_directory(kShared + "/seeds"))
      << "the shared documents are missing at " << kShared << ": the check cannot run";
  std::vector<std::string> problems = verify_provenance(catalogue(), kShared);
  for (const auto& p : problems) ADD_FAILURE() << p;
}

TEST(Catalogue, SubjectsCiteTheirOwnSeed) {
  for (const Api* a : catalogue().subjects())
    for (const ErrorEntry& e : a->errors) {
      if (e.provenance.source == "seed") {
        EXPECT_EQ(e.provenance.file, a->seed) << a->id << " " << e.code;
      }
    }
}

// Errors that bite only with a parameter say so in data, and the condition reads both ways.
TEST(Catalogue, ParameterDependentErrorsSayWhichParameters) {
  const Api* single = catalogue().find("AlibabaEcsStopInstance");
  ASSERT_NE(single, nullptr);
  const ErrorEntry* local = single->errors_for("attribute.local_disk_confirm_missing").at(0);
  EXPECT_TRUE(local->applies_to({{"InstanceId", "i-x"}}));
  EXPECT_FALSE(local->applies_to({{"InstanceId", "i-x"}, {"ConfirmStop", true}}));
  const ErrorEntry* hibernate = single->errors_for("attribute.hibernation_not_enabled").at(0);
  EXPECT_FALSE(hibernate->applies_to({{"InstanceId", "i-x"}}));
  EXPECT_TRUE(hibernate->applies_to({{"InstanceId", "i-x"}, {"Hibernate", true}}));
}

TEST(Catalogue, CommonErrorsDescribeTheirEnvelope) {
  EXPECT_EQ(catalogue().common_errors("tencent").envelope.error_code, "/Response/Error/Code");
  EXPECT_EQ(catalogue().common_errors("alibaba").envelope.request_id, "/RequestId");
  EXPECT_EQ(catalogue().common_errors("alibaba").envelope.error_fields,
            std::vector<std::string>{"HostId"});
}

// The Tencent pages list one code per line after "Error Code Description": a token with a dot,
// or a CamelCase word of two or more parts, followed by its description.
std::vector<std::string> tencent_seed_codes(const std::string& text) {
  std::vector<std::string> codes;
  std::istringstream in(text);
  std::string line;
  bool in_table = false;
  const std::regex header(R"(^\s*Error [Cc]ode\s+Description\s*$)");
  const std::regex row(
      R"(^\s*([A-Z][A-Za-z]*(?:\.[A-Za-z0-9]+)+|[A-Z][a-z]+(?:[A-Z][a-z]+)+)\s+\S)");
  while (std::getline(in, line)) {
    if (!in_table) {
      in_table = std::regex_match(line, header);
      continue;
    }
    std::smatch m;
    if (!std::regex_search(line, m, row)) {
      if (!codes.empty()) break;
      continue;
    }
    codes.push_back(m[1]);
  }
  return codes;
}

TEST(Catalogue, EveryCodeOfTheTencentSeedsIsCatalogued) {
  for (const char* id :
       {"TencentEcmStopInstances", "TencentLighthouseStopInstances", "TencentCvmStopInstances"}) {
    const Api* a = catalogue().find(id);
    ASSERT_NE(a, nullptr) << id;
    std::vector<std::string> codes = tencent_seed_codes(read_seed(a->seed));
    EXPECT_GE(codes.size(), 7u) << id << ": the seed's error table was not found";
    for (const auto& code : codes) {
      bool found = std::any_of(a->errors.begin(), a->errors.end(),
                               [&](const ErrorEntry& e) { return e.code == code; });
      EXPECT_TRUE(found) << id << " lacks seed code " << code;
    }
  }
}

// The Alibaba pages glue each row together: "403IncorrectInstanceStatus%sThe instance ...".
// Each row must start with a catalogued code of that API with the same HTTP status.
TEST(Catalogue, EveryRowOfTheAlibabaSeedsIsCatalogued) {
  for (const char* id : {"AlibabaEcsStopInstances", "AlibabaEcsStopInstance"}) {
    const Api* a = catalogue().find(id);
    ASSERT_NE(a, nullptr) << id;
    std::istringstream in(read_seed(a->seed));
    std::string line;
    int rows = 0;
    while (std::getline(in, line)) {
      std::smatch m;
      if (!std::regex_match(line, m, std::regex(R"(^([45]\d\d)([A-Z].*)$)"))) continue;
      ++rows;
      const int status = std::stoi(m[1]);
      const std::string rest = m[2];
      bool found = std::any_of(a->errors.begin(), a->errors.end(), [&](const ErrorEntry& e) {
        return e.http_status == status && rest.rfind(e.code, 0) == 0;
      });
      EXPECT_TRUE(found) << id << " lacks the row " << line;
    }
    EXPECT_GE(rows, 10) << id << ": the seed's error table was not found";
  }
}

TEST(Catalogue, TheSeedsDocumentedRulesAreCaptured) {
  const Api* lh = catalogue().find("TencentLighthouseStopInstances");
  ASSERT_NE(lh, nullptr);
  EXPECT_EQ(lh->duplicates.rule, "reject");
  EXPECT_EQ(lh->rate_limit.requests_per_second, 10);
  const Api* ecm = catalogue().find("TencentEcmStopInstances");
  ASSERT_NE(ecm, nullptr);
  EXPECT_EQ(ecm->rate_limit.requests_per_second, 20);
  EXPECT_EQ(ecm->batch->parameter, "InstanceIdSet");
  const Api* batch = catalogue().find("AlibabaEcsStopInstances");
  ASSERT_NE(batch, nullptr);
  EXPECT_TRUE(batch->dry_run.supported);
  EXPECT_EQ(batch->dry_run.success_code, "DRYRUN.SUCCESS");
  EXPECT_EQ(batch->dry_run.always_success_when.at("BatchOptimization"), "SuccessFirst");
  const Api* single = catalogue().find("AlibabaEcsStopInstance");
  ASSERT_NE(single, nullptr);
  EXPECT_EQ(single->dry_run.success_code, "DryRunOperation");
  EXPECT_FALSE(single->batch.has_value());
  for (const Api* a : catalogue().subjects()) {
    EXPECT_EQ(a->status_model.accepts, std::vector<std::string>{"RUNNING"}) << a->id;
    ASSERT_EQ(a->status_model.transitions.size(), 1u) << a->id;
    EXPECT_EQ(a->status_model.transitions[0].via, "STOPPING") << a->id;
    EXPECT_EQ(a->status_model.transitions[0].to, "STOPPED") << a->id;
  }
}

// --- issue 14: facts graded by what they rest on ---

const Api& api(const std::string& id) {
  const Api* a = catalogue().find(id);
  if (!a) throw std::runtime_error("no API " + id);
  return *a;
}

const ErrorEntry* error_with(const Api& a, const std::string& code,
                             const std::string& message = "") {
  for (const auto& e : a.errors)
    if (e.code == code && (message.empty() || e.message == message)) return &e;
  return nullptr;
}

// The 2017 CVM page's own refusal code stands beside A7's state codes for every refused state.
TEST(CatalogueFacts, CvmsOwnNotSupportedCodeIsAStateRefusal) {
  const ErrorEntry* e = error_with(api("TencentCvmStopInstances"), "InvalidInstance.NotSupported");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->trigger, "state.not_accepted");
  EXPECT_EQ(e->provenance.source, "seed");
}

TEST(CatalogueFacts, TheBatchAlibabaPagesAcceptedStatesAreInferred) {
  const Api& batch = api("AlibabaEcsStopInstances");
  EXPECT_EQ(batch.status_model.accepts_rests_on().source, "inferred");
  EXPECT_FALSE(batch.status_model.accepts_rests_on().note.empty());
  EXPECT_EQ(batch.status_model.provenance.source, "seed");  // the transitions are on the page
  EXPECT_EQ(api("AlibabaEcsStopInstance").status_model.accepts_rests_on().source, "seed");
}

TEST(CatalogueFacts, InstanceNotReadyRefusesPendingAndStartingInstances) {
  const Api& batch = api("AlibabaEcsStopInstances");
  for (const char* trigger : {"state.PENDING", "state.STARTING"}) {
    auto entries = batch.errors_for(trigger);
    ASSERT_EQ(entries.size(), 1u) << trigger;
    EXPECT_EQ(entries[0]->code, "InstanceNotReady") << trigger;
  }
  EXPECT_TRUE(batch.errors_for("attribute.not_ready").empty());
}

TEST(CatalogueFacts, TheDiskRowReadsAsFourColumns) {
  const ErrorEntry* e =
      error_with(api("AlibabaEcsStopInstance"), "DiskError", "IncorrectDiskStatus");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->http_status, 403);
  EXPECT_EQ(e->trigger, "attribute.disk_status");
  EXPECT_EQ(error_with(api("AlibabaEcsStopInstance"), "DiskErrorIncorrectDiskStatus"), nullptr);
}

// Prepaid and spot instances are not refused as such (the page gives no circumstance), and an
// instance with local disks only without ConfirmStop=true.
TEST(CatalogueFacts, NotSupportBitesOnlyWhereThePageSays) {
  const Api& single = api("AlibabaEcsStopInstance");
  EXPECT_TRUE(single.errors_for("attribute.prepaid").empty());
  EXPECT_TRUE(single.errors_for("attribute.spot").empty());
  EXPECT_TRUE(single.errors_for("attribute.local_disk").empty());
  const ErrorEntry* local = error_with(single, "InvalidInstanceId.NotSupport",
                                       "Local disk instance does not support this operation.");
  ASSERT_NE(local, nullptr);
  EXPECT_EQ(local->trigger, "attribute.local_disk_confirm_missing");
  EXPECT_TRUE(local->applies_to({{"InstanceId", "i-x"}}));
  EXPECT_FALSE(local->applies_to({{"InstanceId", "i-x"}, {"ConfirmStop", true}}));
}

TEST(CatalogueFacts, EcmsFirstHostIsTheOneItsPageNames) {
  const Api& ecm = api("TencentEcmStopInstances");
  EXPECT_EQ(ecm.hosts.front(), "ecm.intl.tencentcloudapi.com");
  EXPECT_EQ(ecm.endpoint_provenance.source, "seed");
}

TEST(CatalogueFacts, StatusesNoSeedGivesSaySo) {
  const Api& single = api("AlibabaEcsStopInstance");
  EXPECT_EQ(error_with(single, "DryRunOperation")->http_status_rests_on().source, "inferred");
  EXPECT_EQ(single.dry_run.http_status_rests_on().source, "inferred");
  EXPECT_EQ(api("AlibabaEcsStopInstances").dry_run.http_status_rests_on().source, "seed");
  // Tencent's 200 comes from protocols A6 for every code, a seed's code included.
  const ErrorEntry* not_found =
      error_with(api("TencentCvmStopInstances"), "InvalidInstanceId.NotFound");
  ASSERT_NE(not_found, nullptr);
  EXPECT_EQ(not_found->provenance.source, "seed");
  EXPECT_EQ(not_found->http_status_rests_on().source, "protocols");
  EXPECT_EQ(not_found->http_status_rests_on().section, "A6");
  EXPECT_EQ(error_with(api("AlibabaEcsStopInstance"), "InvalidInstanceId.NotFound")
                ->http_status_rests_on()
                .source,
            "seed");
}

TEST(CatalogueFacts, CvmCarriesWhatTheRealServiceWasSeenDoing) {
  const Api& cvm = api("TencentCvmStopInstances");
  ASSERT_TRUE(cvm.async && cvm.async->success_while_in_transit);
  EXPECT_TRUE(cvm.async->success_while_in_transit->value);
  const Provenance& seen = cvm.async->success_while_in_transit->provenance;
  EXPECT_EQ(seen.source, "observed");
  EXPECT_EQ(seen.scenario, "test_cvm_stop");
  EXPECT_EQ(seen.step, 2);
  EXPECT_EQ(seen.value, "SUCCESS");
  ASSERT_TRUE(cvm.response.request_id_format);
  EXPECT_TRUE(std::regex_match(cvm.response.request_id_format->provenance.value.get<std::string>(),
                               std::regex(cvm.response.request_id_format->pattern)));
  EXPECT_EQ(cvm.response.request_id_format->provenance.source, "observed");
}

TEST(CatalogueBatchModes, AreRecordedForEveryBatchApi) {
  for (const Api& a : catalogue().apis) {
    if (!a.batch) continue;
    SCOPED_TRACE(a.id);
    EXPECT_EQ(a.id_parameter(), a.batch->parameter);
    if (a.provider == "tencent") {
      EXPECT_EQ(a.batch->mode.default_mode, BatchMode::silent);
      EXPECT_TRUE(a.batch->mode.parameter.empty());
    }
  }
  const Api& ecs = *catalogue().find("AlibabaEcsStopInstances");
  EXPECT_EQ(ecs.batch->mode.default_mode, BatchMode::all_or_nothing);
  EXPECT_EQ(ecs.batch->mode.value_for(BatchMode::per_item), "SuccessFirst");
  EXPECT_EQ(ecs.batch->mode.value_for(BatchMode::all_or_nothing), "AllTogether");
  EXPECT_EQ(catalogue().find("AlibabaEcsStopInstance")->id_parameter(), "InstanceId");
  EXPECT_EQ(catalogue().find("TencentEcmDescribeInstances")->id_parameter(), "");
}

}  // namespace
}  // namespace cc::core
