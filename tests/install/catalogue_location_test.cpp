// Where the catalogue is found (suites/catalogue_location.h): the option, then the environment,
// then the install prefix beside the binary, then the source tree — and the reason given.
#include "suites/catalogue_location.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace cc::suites {
namespace {

namespace fs = std::filesystem;

// A fake install prefix: <prefix>/bin/cloudconform and, when asked, share/cloudconform/apis.
class CatalogueResolution : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("cc-location-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(root_ / "bin");
    std::ofstream(root_ / "bin" / "cloudconform") << "";
  }
  void TearDown() override { fs::remove_all(root_); }
  void install_catalogue() { fs::create_directories(root_ / "share" / "cloudconform" / "apis"); }
  std::string binary() const { return (root_ / "bin" / "cloudconform").string(); }
  std::string installed() const { return (root_ / "share" / "cloudconform").string(); }

  fs::path root_;
};

TEST_F(CatalogueResolution, TheOptionComesBeforeEverything) {
  install_catalogue();
  const CatalogueLocation l = locate_catalogue({"/opt/mine", "/from/env", binary(), "/src"});
  EXPECT_EQ(l.dir, "/opt/mine");
  EXPECT_EQ(l.source, CatalogueSource::Option);
  EXPECT_EQ(l.describe(), "/opt/mine (--catalogue)");
}

TEST_F(CatalogueResolution, TheEnvironmentComesBeforeTheInstalledCatalogue) {
  install_catalogue();
  const CatalogueLocation l = locate_catalogue({"", "/from/env", binary(), "/src"});
  EXPECT_EQ(l.dir, "/from/env");
  EXPECT_EQ(l.source, CatalogueSource::Environment);
  EXPECT_EQ(l.describe(), "/from/env (CLOUDCONFORM_CATALOGUE)");
}

TEST_F(CatalogueResolution, AnEmptyEnvironmentVariableCountsAsUnset) {
  const CatalogueLocation l = locate_catalogue({"", "", binary(), "/src"});
  EXPECT_EQ(l.source, CatalogueSource::SourceTree);
}

TEST_F(CatalogueResolution, TheInstalledCatalogueBesideTheBinaryComesBeforeTheSourceTree) {
  install_catalogue();
  const CatalogueLocation l = locate_catalogue({"", std::nullopt, binary(), "/src"});
  EXPECT_EQ(l.dir, installed());
  EXPECT_EQ(l.source, CatalogueSource::Installed);
  EXPECT_NE(l.describe().find("installed"), std::string::npos);
}

TEST_F(CatalogueResolution, APrefixWithoutACatalogueFallsBackToTheSourceTree) {
  const CatalogueLocation l = locate_catalogue({"", std::nullopt, binary(), "/src/fixtures"});
  EXPECT_EQ(l.dir, "/src/fixtures");
  EXPECT_EQ(l.source, CatalogueSource::SourceTree);
  EXPECT_NE(l.describe().find("source tree"), std::string::npos);
}

TEST_F(CatalogueResolution, AnUnknownBinaryFallsBackToTheSourceTree) {
  const CatalogueLocation l = locate_catalogue({"", std::nullopt, "", "/src/fixtures"});
  EXPECT_EQ(l.source, CatalogueSource::SourceTree);
}

}  // namespace
}  // namespace cc::suites
