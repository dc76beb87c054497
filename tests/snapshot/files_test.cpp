// Snapshot files: written, read back, refused when malformed, and free of secrets.
#include <filesystem>
#include <functional>

#include "harness/snapshot/compare.h"
#include "harness/snapshot/normalise.h"
#include "harness/snapshot/snapshot.h"
#include "tests/snapshot/test_data.h"

namespace cc::snapshot::testing {
namespace {

using nlohmann::json;

// The secrets of the report tests' canary file (tests/reports/secrets_test.cpp): the emulator's
// secret keys, and the CANARY- tokens it holds where a careless writer would copy them.
const char* const kSecrets[] = {"cloudconformEmulatorTencentKey00",
                                "cloudconformEmulatorAlibabaSecret", "CANARY-"};
// Key ids are not secret, but a snapshot publishes only their hash.
const char* const kKeyIds[] = {"AKIDcloudconformEMULATOR0000000000", "LTAIcloudconformEMULATOR"};

json canary() {
  return core::read_json_file(std::string(CC_REPORTS_TEST_DATA) + "/canary.json", "test");
}

TEST(SnapshotSecrets, TheCanaryFileReallyHoldsTheSecrets) {
  // Without them in the input the test below could not fail.
  const std::string raw = read_text(std::string(CC_REPORTS_TEST_DATA) + "/canary.json");
  for (const char* s : kSecrets) EXPECT_NE(raw.find(s), std::string::npos) << s;
  for (const char* s : kKeyIds) EXPECT_NE(raw.find(s), std::string::npos) << s;
}

TEST(SnapshotSecrets, ASnapshotOfTheCanaryFileHoldsNoSecretNorKeyId) {
  const std::string dir = fresh_dir();
  write_snapshot(dir, canary(), catalogue());
  const std::string all = all_text(dir);
  ASSERT_NE(all.find("\"exchanges\""), std::string::npos);  // it did write the cases
  for (const char* s : kSecrets) EXPECT_EQ(all.find(s), std::string::npos) << s;
  for (const char* s : kKeyIds) EXPECT_EQ(all.find(s), std::string::npos) << s;
  // …and still says whose account it was, hashed.
  const Snapshot read = read_snapshot(dir);
  EXPECT_EQ(read.identity["account"]["tencent_secret_id"],
            hashed("AKIDcloudconformEMULATOR0000000000"));
}

TEST(SnapshotSecrets, ASnapshotOfARealRunHoldsNothingRunSpecific) {
  const std::string dir = fresh_dir();
  write_snapshot(dir, run(), catalogue());
  const std::string all = all_text(dir);
  for (const char* s : kKeyIds) EXPECT_EQ(all.find(s), std::string::npos) << s;
  for (const char* s : {"127.0.0.1", "ins-", "ein-", "\"i-", " i-", "Signature="})
    EXPECT_EQ(all.find(s), std::string::npos) << s;
}

TEST(SnapshotFiles, WhatIsWrittenIsReadBack) {
  const std::string dir = fresh_dir();
  const Snapshot made = snapshot_of(run(), catalogue());
  save(made, dir);
  const Snapshot read = read_snapshot(dir);
  EXPECT_EQ(read.dir, dir);
  EXPECT_EQ(read.identity, made.identity);
  EXPECT_EQ(read.rules, rules());
  EXPECT_EQ(read.states, "exact");
  EXPECT_EQ(read.cases, made.cases);
  EXPECT_EQ(read.cases.size(), 8u);
  EXPECT_TRUE(
      std::filesystem::exists(dir + "/cases/TencentCvmStopInstances.StopsARunningInstance.json"));
  const json& id = read.identity;
  EXPECT_EQ(id["kind"], "embedded-emulator");
  EXPECT_EQ(id["endpoints"]["cvm"], "cvm.tencentcloudapi.com");
  EXPECT_EQ(id["region"]["ecs"], "cn-hangzhou");
  EXPECT_EQ(id["date"], "2026-12-04T23:08:05Z");
  EXPECT_EQ(id["suite_version"], "0.1.0");
  EXPECT_EQ(id["catalogue_hash"].get<std::string>().size(), 64u);
}

// Writes the run's snapshot, then breaks one file with `edit` and expects `error` from reading.
void expect_refused(const std::string& file, const std::function<void(json&)>& edit,
                    const std::string& error) {
  const std::string dir = fresh_dir();
  write_snapshot(dir, run(), catalogue());
  json doc = core::read_json_file(dir + "/" + file, "test");
  edit(doc);
  std::ofstream(dir + "/" + file) << doc.dump(1);
  try {
    read_snapshot(dir);
    ADD_FAILURE() << "accepted: " << file;
  } catch (const core::DataError& e) {
    EXPECT_EQ(std::string(e.what()).rfind("[snapshot." + error, 0), 0u) << e.what();
    EXPECT_NE(std::string(e.what()).find(dir + "/" + file + ": "), std::string::npos) << e.what();
  }
}

TEST(SnapshotFiles, AMalformedSnapshotIsADataErrorNamingFileAndPointer) {
  const std::string stop = "cases/TencentCvmStopInstances.StopsARunningInstance.json";
  expect_refused(
      stop, [](json& d) { d["exchanges"][1]["response"]["status"] = "200"; }, "wrong_type] ");
  expect_refused(
      stop, [](json& d) { d["states"] = "loose"; }, "bad_value");
  expect_refused(
      stop, [](json& d) { d["exchanges"][0]["respons"] = d["exchanges"][0]["response"]; },
      "unknown_field");
  expect_refused(
      "snapshot.json", [](json& d) { d["schema"] = "cloudconform.snapshot/0"; }, "bad_value");
  expect_refused(
      "snapshot.json", [](json& d) { d["rules"] = 3; }, "wrong_type");
  expect_refused(
      stop, [](json& d) { d["id"] = "Other.Case"; }, "bad_value");
  expect_refused(
      "snapshot.json", [](json& d) { d["cases"][0].erase("file"); }, "missing_field");
}

TEST(SnapshotFiles, TheErrorGivesTheJsonPointer) {
  const std::string dir = fresh_dir();
  write_snapshot(dir, run(), catalogue());
  const std::string file = dir + "/cases/TencentCvmStopInstances.StopsARunningInstance.json";
  json doc = core::read_json_file(file, "test");
  doc["exchanges"][1]["response"]["status"] = "200";
  std::ofstream(file) << doc.dump(1);
  try {
    read_snapshot(dir);
    ADD_FAILURE() << "accepted";
  } catch (const core::DataError& e) {
    EXPECT_EQ(std::string(e.what()), "[snapshot.wrong_type] " + file +
                                         ": /exchanges/1/response/status: expected an integer, "
                                         "found string");
  }
}

TEST(SnapshotFiles, AMissingSnapshotIsADataError) {
  EXPECT_THROW(read_snapshot(fresh_dir()), core::DataError);
}

}  // namespace
}  // namespace cc::snapshot::testing
