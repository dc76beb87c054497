// load_catalogue_files (the files in memory, for the catalogue_loader fuzz target) is
// load_catalogue without the directory: the same catalogue from the same files, and the same
// refusal, word for word, of a file that is malformed.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "harness/core/catalogue.h"
#include "harness/core/json_reader.h"

namespace cc::core {
namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Every .json file under dir, with its path as load_catalogue names it.
std::vector<CatalogueFile> files_under(const std::string& dir) {
  std::vector<CatalogueFile> out;
  for (const auto& entry : fs::recursive_directory_iterator(dir))
    if (entry.is_regular_file() && entry.path().extension() == ".json")
      out.push_back({entry.path().string(), read(entry.path())});
  std::reverse(out.begin(), out.end());  // the loader orders them itself
  return out;
}

// The message of the DataError a load throws; "" when it loads.
template <typename Load>
std::string refusal(Load load) {
  try {
    load();
  } catch (const DataError& e) {
    return e.what();
  }
  return "";
}

TEST(CatalogueFromText, LoadsTheFixturesAsTheDirectoryDoes) {
  const std::string dir = std::string(CLOUDCONFORM_FIXTURES_DIR) + "/apis";
  const Catalogue from_dir = load_catalogue(dir);
  const Catalogue from_text = load_catalogue_files(files_under(dir));
  ASSERT_EQ(from_text.apis.size(), from_dir.apis.size());
  for (size_t i = 0; i < from_dir.apis.size(); ++i) {
    const Api &a = from_dir.apis[i], &b = from_text.apis[i];
    SCOPED_TRACE(a.id);
    EXPECT_EQ(b.id, a.id);
    EXPECT_EQ(b.file, a.file);
    ASSERT_EQ(b.errors.size(), a.errors.size());
    for (size_t k = 0; k < a.errors.size(); ++k)  // what the common envelope gives every error
      EXPECT_EQ(b.errors[k].http_status_provenance.has_value(),
                a.errors[k].http_status_provenance.has_value());
  }
  ASSERT_EQ(from_text.common.size(), from_dir.common.size());
  for (const auto& [provider, common] : from_dir.common) {
    SCOPED_TRACE(provider);
    ASSERT_TRUE(from_text.common.count(provider));
    EXPECT_EQ(from_text.common.at(provider).file, common.file);
    EXPECT_EQ(from_text.common.at(provider).errors.size(), common.errors.size());
  }
}

TEST(CatalogueFromText, RefusesAMalformedFileInTheDirectorysWords) {
  const std::string good =
      read(std::string(CLOUDCONFORM_FIXTURES_DIR) + "/apis/tencent/cvm/StopInstances.json");
  const std::string broken = read(std::string(CLOUDCONFORM_FIXTURES_DIR) +
                                  "/../tests/data/broken-fixtures/apis/tencent/StopInstances.json");
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"StopInstances.json", broken},
      {"StopInstances.json", "{\n  \"id\": \"X\",\n  oops\n}"},
      {"StopInstances.json", "[1, 8e6535]"},
      {"StopInstances.json", "\"not an object\""},
      {"StopInstances.json", good.substr(0, good.size() / 2)},
      {"common-errors.json", "{\"schema\": \"cloudconform.common-errors/2\"}"},
      {"common-errors.json", good},
  };
  const fs::path dir =
      fs::temp_directory_path() / ("cc-catalogue-text-" + std::to_string(::getpid()));
  for (const auto& entry : cases) {
    // Named copies, not structured bindings: clang 14 (the sanitizer trees) cannot capture those.
    const std::string& name = entry.first;
    const std::string& text = entry.second;
    SCOPED_TRACE(name + ": " + text.substr(0, 60));
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::ofstream(dir / name, std::ios::binary) << text;
    const std::string path = (dir / name).string();
    const std::string expected = refusal([&] { load_catalogue(dir.string()); });
    EXPECT_NE(expected, "");
    EXPECT_EQ(refusal([&] { load_catalogue_files({{path, text}}); }), expected);
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace cc::core
