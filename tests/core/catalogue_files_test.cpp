// Catalogue files as input: a malformed file is refused with one line naming the file and the
// JSON pointer, and observed or inferred provenance is loaded strictly and checked against the
// recording it cites.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "harness/core/catalogue.h"
#include "harness/core/json_reader.h"

namespace cc::core {
namespace {

const std::string kApis = std::string(CLOUDCONFORM_FIXTURES_DIR) + "/apis";
const std::string kShared = CLOUDCONFORM_SHARED_DIR;

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
  EXPECT_NE(msg.find(": /parameters/0/required: expected a boolean, found string"),
            std::string::npos)
      << msg;
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

// A number beyond a double is valid JSON text the parser cannot hold (found by fuzzing): it is a
// refusal with the number's position, not an escaping json exception.
TEST_F(MalformedFixture, ANumberTooLargeIsRefusedWithItsPosition) {
  std::string msg = error_of_text("{\n  \"schema\": \"cloudconform.api/1\",\n  \"n\": 8e6535\n}");
  EXPECT_NE(msg.find("[catalogue.syntax]"), std::string::npos) << msg;
  EXPECT_NE(msg.find("line 3, column 8"), std::string::npos) << msg;
  EXPECT_NE(msg.find("too large"), std::string::npos) << msg;
}

// The status a provider answers every error with is its envelope's (Tencent: 200, A6), checked
// where the provider's common errors are loaded beside the API.
TEST_F(MalformedFixture, ErrorsOfAProviderWithAFixedStatusHaveIt) {
  good_["errors"][0]["http_status"] = 400;
  std::filesystem::create_directories(dir_ / "tencent");
  std::filesystem::copy_file(kApis + "/tencent/common-errors.json",
                             dir_ / "tencent" / "common-errors.json");
  write(good_.dump());
  try {
    load_catalogue(dir_.string());
    ADD_FAILURE() << "accepted a Tencent error answered with 400";
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find("/errors/0/http_status: the provider answers every error "
                                         "with 200"),
              std::string::npos)
        << e.what();
  }
}

// Products and providers are the catalogue's: any lower-case identifier, the id following them.
TEST_F(MalformedFixture, ANewProductNeedsOnlyItsFiles) {
  good_["product"] = "lightsail2";
  good_["id"] = "TencentLightsail2StopInstances";
  EXPECT_NO_THROW(load_api_file(write(good_.dump())));
  good_["product"] = "LightSail";
  EXPECT_NE(error_of(good_).find("/product: product must be a lower-case identifier"),
            std::string::npos);
  good_["product"] = "lighthouse";
  good_["provider"] = "";
  EXPECT_NE(error_of(good_).find("/provider: provider must be a lower-case identifier"),
            std::string::npos);
}

TEST_F(MalformedFixture, AStopApiNamesItsIdParameter) {
  good_["instance_id"]["parameter"] = nullptr;
  EXPECT_NE(error_of(good_).find("/instance_id/parameter: a stop or start API names"),
            std::string::npos);
  good_["instance_id"].erase("parameter");
  EXPECT_NE(error_of(good_).find("/instance_id/parameter: required field is missing"),
            std::string::npos);
  good_["instance_id"]["parameter"] = "InstanceIdz";
  EXPECT_NE(error_of(good_).find("is not one of the parameters"), std::string::npos);
}

TEST_F(MalformedFixture, AnIdFilterNamesOneOfTheParametersAndEveryKey) {
  nlohmann::json filter = {{"parameter", "InstanceIds"},
                           {"name", "instance-id"},
                           {"name_key", "Name"},
                           {"values_key", "Values"},
                           {"provenance", good_["instance_id"]["provenance"]}};
  good_["instance_id"]["filter"] = filter;
  const Api loaded = load_api_file(write(good_.dump()));
  EXPECT_EQ(loaded.instance_id.filter.values_key, "Values");
  good_["instance_id"]["filter"]["parameter"] = "Filterz";
  EXPECT_NE(error_of(good_).find("/instance_id/filter/parameter: \"Filterz\" is not one of"),
            std::string::npos);
  good_["instance_id"]["filter"] = filter;
  good_["instance_id"]["filter"]["name_key"] = "";
  EXPECT_NE(error_of(good_).find("/instance_id/filter/name_key: is empty"), std::string::npos);
}

TEST_F(MalformedFixture, ADescribeWithoutAnIdParameterNamesItsFilter) {
  std::ifstream in(kApis + "/tencent/ecm/DescribeInstances.json");
  nlohmann::json ecm = nlohmann::json::parse(in);
  EXPECT_EQ(load_api_file(write(ecm.dump())).instance_id.filter.name, "instance-id");
  ecm["instance_id"].erase("filter");
  EXPECT_NE(error_of(ecm).find("/instance_id/filter: an API without an id parameter names"),
            std::string::npos);
}

TEST_F(MalformedFixture, BatchModesAreAClosedSet) {
  good_["batch"]["mode"]["default"] = "best_effort";
  EXPECT_NE(error_of(good_).find("/batch/mode/default: batch mode must be all_or_nothing, "
                                 "per_item or silent"),
            std::string::npos);
  good_["batch"]["mode"]["default"] = "per_item";  // without a per-instance report
  EXPECT_NE(error_of(good_).find("a per_item mode needs the response's per_instance report"),
            std::string::npos);
  good_["batch"].erase("mode");
  EXPECT_NE(error_of(good_).find("/batch/mode: required field is missing"), std::string::npos);
}

TEST_F(MalformedFixture, AMadeUpPassageIsCaught) {
  Catalogue c;
  c.apis.push_back(load_api_file(write(good_.dump())));
  c.apis[0].errors[0].provenance.passage = "FailedOperation Operation failed gloriously.";
  std::vector<std::string> problems = verify_provenance(c, kShared);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("/errors/0: passage not found"), std::string::npos) << problems[0];
}

// --- observed and inferred provenance: loaded strictly, checked against the recording ---

nlohmann::json observed_citation() {
  return {{"source", "observed"},
          {"file", "tencent-cvm-2022-09.json"},
          {"scenario", "test_cvm_stop"},
          {"step", 2},
          {"passage", "the instance is still STOPPING"},
          {"pointer", "/response/body/Response/InstanceSet/0/InstanceState"},
          {"value", "STOPPING"}};
}

TEST_F(MalformedFixture, AnObservedCitationLoadsWithEveryField) {
  good_["batch"]["provenance"] = observed_citation();
  const Provenance p = load_api_file(write(good_.dump())).batch->provenance;
  EXPECT_EQ(p.source, "observed");
  EXPECT_EQ(p.file, "tencent-cvm-2022-09.json");
  EXPECT_EQ(p.scenario, "test_cvm_stop");
  EXPECT_EQ(p.step, 2);
  EXPECT_EQ(p.pointer, "/response/body/Response/InstanceSet/0/InstanceState");
  EXPECT_EQ(p.value, "STOPPING");
  const nlohmann::json j = p.to_json();
  EXPECT_EQ(j.at("scenario"), "test_cvm_stop");
  EXPECT_EQ(j.at("step"), 2);
  EXPECT_EQ(j.at("pointer"), p.pointer);
  EXPECT_EQ(j.at("value"), "STOPPING");
  EXPECT_FALSE(Provenance{}.to_json().contains("step")) << "no step: -1 is not written";
}

TEST_F(MalformedFixture, AnObservedCitationNeedsItsExchangeAndPointer) {
  for (const char* key : {"file", "scenario", "step", "passage", "pointer", "value"}) {
    nlohmann::json p = observed_citation();
    p.erase(key);
    good_["batch"]["provenance"] = p;
    EXPECT_NE(error_of(good_).find(std::string("/batch/provenance/") + key +
                                   ": required field is missing"),
              std::string::npos)
        << key;
  }
  good_["batch"]["provenance"] = observed_citation();
  good_["batch"]["provenance"]["pointer"] = "response/status";
  EXPECT_NE(error_of(good_).find("/batch/provenance/pointer: pointer must be a JSON pointer"),
            std::string::npos);
  good_["batch"]["provenance"] = observed_citation();
  good_["batch"]["provenance"]["file"] = "../seeds/002_aa4c1a04ffca2d3e.txt";
  EXPECT_NE(error_of(good_).find("/batch/provenance/file:"), std::string::npos);
  good_["batch"]["provenance"] = observed_citation();
  good_["batch"]["provenance"]["step"] = -1;
  EXPECT_NE(error_of(good_).find("/batch/provenance/step:"), std::string::npos);
}

TEST_F(MalformedFixture, AnInferenceGivesItsReasoning) {
  good_["batch"]["provenance"] = {{"source", "inferred"}, {"note", "the sample shows it"}};
  EXPECT_EQ(load_api_file(write(good_.dump())).batch->provenance.note, "the sample shows it");
  good_["batch"]["provenance"] = {{"source", "inferred"}};
  EXPECT_NE(error_of(good_).find("/batch/provenance/note: required field is missing"),
            std::string::npos);
  good_["batch"]["provenance"] = {{"source", "inferred"}, {"note", "  "}};
  EXPECT_NE(
      error_of(good_).find("/batch/provenance/note: an inferred provenance gives its reasoning"),
      std::string::npos);
  good_["batch"]["provenance"] = {{"source", "inferred"}, {"note", "x"}, {"passage", "y"}};
  EXPECT_NE(error_of(good_).find("/batch/provenance/passage"), std::string::npos)
      << "no passage on an inference";
}

// One problem line per citation that does not match its recording, naming what is wrong.
class ObservedCitation : public MalformedFixture {
 protected:
  std::vector<std::string> problems_with(const nlohmann::json& citation) {
    good_["batch"]["provenance"] = citation;
    Catalogue c;
    c.apis.push_back(load_api_file(write(good_.dump())));
    return verify_provenance(c, kShared);
  }
  std::string only_problem(const nlohmann::json& citation) {
    auto problems = problems_with(citation);
    EXPECT_EQ(problems.size(), 1u);
    return problems.empty() ? "" : problems[0];
  }
};

TEST_F(ObservedCitation, ACitationThatMatchesTheRecordingPasses) {
  EXPECT_TRUE(problems_with(observed_citation()).empty());
  nlohmann::json seen_null = observed_citation();
  seen_null["scenario"] = "test_cvm_terminate";
  seen_null["step"] = 0;
  seen_null["pointer"] = "/response/body/Response/InstanceSet/0/LatestOperationState";
  seen_null["value"] = nullptr;
  EXPECT_TRUE(problems_with(seen_null).empty()) << "null is a value that can be seen";
  nlohmann::json status = observed_citation();
  status["pointer"] = "/response/status";
  status["value"] = 200;
  EXPECT_TRUE(problems_with(status).empty());
}

TEST_F(ObservedCitation, AWrongValueIsCaught) {
  nlohmann::json c = observed_citation();
  c["value"] = "STOPPED";
  const std::string p = only_problem(c);
  EXPECT_NE(p.find("/batch: value cited \"STOPPED\" but the recording has \"STOPPING\""),
            std::string::npos)
      << p;
  EXPECT_NE(p.find("test_cvm_stop / 2"), std::string::npos) << p;
  c["value"] = nullptr;
  EXPECT_NE(only_problem(c).find("value cited null"), std::string::npos);
}

TEST_F(ObservedCitation, AnExchangeTheRecordingLacksIsCaught) {
  nlohmann::json c = observed_citation();
  c["step"] = 7;
  EXPECT_NE(only_problem(c).find("has no exchange test_cvm_stop / 7"), std::string::npos);
  c = observed_citation();
  c["scenario"] = "test_cvm_reboot";
  EXPECT_NE(only_problem(c).find("has no exchange test_cvm_reboot / 2"), std::string::npos);
}

TEST_F(ObservedCitation, APointerToNothingIsCaught) {
  nlohmann::json c = observed_citation();
  c["pointer"] = "/response/body/Response/InstanceSet/1/InstanceState";
  EXPECT_NE(only_problem(c).find("pointer resolves to nothing"), std::string::npos);
}

TEST_F(ObservedCitation, AMissingRecordingIsCaught) {
  nlohmann::json c = observed_citation();
  c["file"] = "tencent-cvm-2031-01.json";
  EXPECT_NE(
      only_problem(c).find("no readable recording reference/observed/tencent-cvm-2031-01.json"),
      std::string::npos);
}

TEST_F(ObservedCitation, AnInferenceHasNothingToCheck) {
  EXPECT_TRUE(problems_with({{"source", "inferred"}, {"note", "because"}}).empty());
}

}  // namespace
}  // namespace cc::core
