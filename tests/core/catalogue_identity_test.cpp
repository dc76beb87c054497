// An API file's identity (provider, product, id, version) is checked by hand against fixed
// shapes, no longer with std::regex_match (whose matcher allocated its state four times per file
// read). These hold the hand checks to the patterns they replaced, on awkward values.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "harness/core/catalogue.h"
#include "harness/core/json_reader.h"

namespace cc::core {
namespace {

std::string fixture() {
  std::ifstream in(std::string(CLOUDCONFORM_FIXTURES_DIR) + "/apis/tencent/cvm/StopInstances.json",
                   std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The message of the load's DataError; "" when the file loads.
std::string refusal(const std::string& text) {
  try {
    (void)load_catalogue_files({{"fuzz/StopInstances.json", text}});
  } catch (const DataError& e) {
    return e.what();
  }
  return "";
}

struct Shape {
  const char* field;
  std::regex pattern;   // what the loader matched the field against before
  const char* message;  // its refusal when the field does not match
};

TEST(CatalogueIdentity, RefusesExactlyWhatItsFormerPatternsRefused) {
  const nlohmann::json good = nlohmann::json::parse(fixture());
  ASSERT_EQ(refusal(good.dump()), "");
  const std::vector<Shape> shapes = {
      {"provider", std::regex("^[a-z][a-z0-9]*$"), "provider must be a lower-case identifier"},
      {"product", std::regex("^[a-z][a-z0-9]*$"), "product must be a lower-case identifier"},
      {"id", std::regex("^[A-Z][A-Za-z0-9]*$"), "id must be a CamelCase identifier"},
      {"version", std::regex(R"(^\d{4}-\d{2}-\d{2}$)"), "version must be YYYY-MM-DD"},
  };
  const std::vector<std::string> values = {"",
                                           "a",
                                           "z9",
                                           "Z",
                                           "cvm",
                                           "cvm2",
                                           "2cvm",
                                           "c-vm",
                                           "cvm ",
                                           " cvm",
                                           "cVm",
                                           "Cvm",
                                           "CVM",
                                           "C",
                                           "StopInstances",
                                           "Stop_Instances",
                                           "Stop9",
                                           "9Stop",
                                           "\xc3\xa9",
                                           "cvm\n",
                                           "\ncvm",
                                           std::string("cv\0m", 4),
                                           "a_b",
                                           "{",
                                           "[a]",
                                           "2020-01-01",
                                           "2020-1-01",
                                           "20200-01-01",
                                           "2020-01-011",
                                           "2020/01/01",
                                           "\xef\xbc\x92"
                                           "020-01-01",
                                           "2020-01-01\n",
                                           "0000-00-00",
                                           "2020-01-0a",
                                           "2020--01-01",
                                           "-2020-01-01",
                                           "2020-01-01 ",
                                           "202a-01-01"};
  for (const Shape& shape : shapes) {
    for (const std::string& value : values) {
      SCOPED_TRACE(std::string(shape.field) + " = \"" + value + "\"");
      nlohmann::json doc = good;
      doc[shape.field] = value;
      const bool refused = refusal(doc.dump()).find(shape.message) != std::string::npos;
      EXPECT_EQ(refused, !std::regex_match(value, shape.pattern));
    }
  }
}

}  // namespace
}  // namespace cc::core
