// `cloudconform catalogue`: load the catalogue and check every quoted passage against the
// documents it cites.
#include <iostream>

#include "harness/core/catalogue.h"
#include "suites/commands/command.h"

namespace cc::suites {

namespace {

class CatalogueCommand : public Command {
 public:
  explicit CatalogueCommand(CLI::App& app) {
    sub_ = app.add_subcommand("catalogue", "check the API catalogue and its provenance");
    add_catalogue_option(*sub_, dir_);
    sub_->add_option("--shared", shared_,
                     "directory with seeds/ and reference/ to check passages against");
  }
  std::optional<int> run() override {
    if (!*sub_) return std::nullopt;
    const CatalogueLocation where = catalogue_location(dir_);
    std::cout << "catalogue: " << where.describe() << "\n";
    const core::Catalogue c = core::load_catalogue(where.dir + "/apis");
    const auto problems = core::verify_provenance(c, shared_);
    for (const auto& p : problems) std::cout << p << "\n";
    std::cout << c.apis.size() << " APIs, " << c.subjects().size() << " subjects; "
              << problems.size() << " provenance problems\n";
    return problems.empty() ? 0 : 1;
  }

 private:
  CLI::App* sub_;
  std::string dir_, shared_ = CLOUDCONFORM_SHARED_DIR;
};

}  // namespace

std::unique_ptr<Command> add_catalogue(CLI::App& app) {
  return std::make_unique<CatalogueCommand>(app);
}

}  // namespace cc::suites
