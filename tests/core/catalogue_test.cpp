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
  EXPECT_EQ(subjects, (std::set<std::string>{
                          "TencentEcmStopInstances", "TencentLighthouseStopInstances",
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
  EXPECT_EQ(catalogue().common_errors("alibaba").envelope.error_fields, std::vector<std::string>{"HostId"});
}

// The Tencent pages list one code per line after "Error Code Description": a token with a dot,
// or a CamelCase word of two or more parts, followed by its description.
std::vector<std::string> tencent_seed_codes(const std::string& text) {
  std::vector<std::string> codes;
  std::istringstream in(text);
  std::string line;
  bool in_table = false;
  const std::regex header(R"(^\s*Error [Cc]ode\s+Description\s*$)");
  const std::regex row(R"(^\s*([A-Z][A-Za-z]*(?:\.[A-Za-z0-9]+)+|[A-Z][a-z]+(?:[A-Z][a-z]+)+)\s+\S)");
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
  for (const char* id : {"TencentEcmStopInstances", "TencentLighthouseStopInstances",
                         "TencentCvmStopInstances"}) {
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

// --- malformed files: one line naming the file and the JSON pointer ---

class MalformedFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("cc-catalogue-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    std::ifstream in(kApis + "/tencent/lighthouse/StopInstances.json");
    good_ = nlohmann::json::parse(in);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string write(const std::string& text) {
    std::string path = (dir_ / "StopInstances.json").string();
    std::ofstream(path) << text;
    return path;
  }
  std::string error_of(const nlohmann::json& doc) { return error_of_text(doc.dump(2)); }
  std::string error_of_text(const std::string& text) {
    std::string path = write(text);
    try {
      load_api_file(path);
    } catch (const DataError& e) {
      std::string msg = e.what();
      EXPECT_EQ(msg.find('\n'), std::string::npos) << "one line: " << msg;
      EXPECT_NE(msg.find(path), std::string::npos) << "names the file: " << msg;
      return msg;
    }
    ADD_FAILURE() << "accepted a malformed file";
    return "";
  }

  std::filesystem::path dir_;
  nlohmann::json good_;
};

TEST_F(MalformedFixture, TheGoodFileLoads) { EXPECT_NO_THROW(load_api_file(write(good_.dump()))); }

TEST_F(MalformedFixture, MissingFieldNamesItsPointer) {
  good_["batch"].erase("max");
  EXPECT_NE(error_of(good_).find("[catalogue.missing_field] "), std::string::npos);
  EXPECT_NE(error_of(good_).find(": /batch/max: required field is missing"), std::string::npos);
}

TEST_F(MalformedFixture, WrongTypeNamesItsPointer) {
  good_["parameters"][0]["required"] = "yes";
  std::string msg = error_of(good_);
  EXPECT_NE(msg.find("[catalogue.wrong_type]"), std::string::npos) << msg;
  EXPECT_NE(msg.find(": /parameters/0/required: expected a boolean, found string"), std::string::npos) << msg;
}

TEST_F(MalformedFixture, UnknownFieldIsATypo) {
  good_["errors"][3]["htp_status"] = 200;
  std::string msg = error_of(good_);
  EXPECT_NE(msg.find("[catalogue.unknown_field]"), std::string::npos) << msg;
  EXPECT_NE(msg.find("/errors/3/htp_status"), std::string::npos) << msg;
}

TEST_F(MalformedFixture, UnknownTriggerIsRejected) {
  good_["errors"][0]["trigger"] = "state.SLEEPING";
  EXPECT_NE(error_of(good_).find("/errors/0/trigger: unknown trigger"), std::string::npos);
}

TEST_F(MalformedFixture, ProvenanceMustSaySomething) {
  good_["batch"]["provenance"] = {{"source", "seed"}, {"file", "001_512f6116d9a17ce8.txt"}};
  EXPECT_NE(error_of(good_).find("/batch/provenance/passage: required field is missing"),
            std::string::npos);
  good_["batch"]["provenance"] = {{"source", "rumour"}, {"note", "x"}};
  EXPECT_NE(error_of(good_).find("/batch/provenance/source: source must be"), std::string::npos);
}

TEST_F(MalformedFixture, SyntaxErrorNamesLineAndColumn) {
  std::string msg = error_of_text("{\n  \"schema\": \"cloudconform.api/1\",\n  \"id\": ,\n}");
  EXPECT_NE(msg.find("[catalogue.syntax]"), std::string::npos) << msg;
  EXPECT_NE(msg.find("line 3"), std::string::npos) << msg;
}

TEST_F(MalformedFixture, TencentErrorsAreHttp200) {
  good_["errors"][0]["http_status"] = 400;
  EXPECT_NE(error_of(good_).find("/errors/0/http_status: Tencent API 3.0 answers"), std::string::npos);
}

TEST_F(MalformedFixture, AMadeUpPassageIsCaught) {
  Catalogue c;
  c.apis.push_back(load_api_file(write(good_.dump())));
  c.apis[0].errors[0].provenance.passage = "FailedOperation Operation failed gloriously.";
  std::vector<std::string> problems = verify_provenance(c, kShared);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("/errors/0: passage not found"), std::string::npos) << problems[0];
}

}  // namespace
}  // namespace cc::core
