// `cloudconform list`: every case, without running anything (suites/runner.h).
#include "suites/commands/command.h"
#include "suites/runner.h"

namespace cc::suites {

namespace {

class ListCommand : public Command {
 public:
  explicit ListCommand(CLI::App& app) {
    sub_ =
        app.add_subcommand("list", "print every case (id, family, level) without running anything");
    add_catalogue_option(*sub_, catalogue_);
    sub_->add_flag("--provenance", provenance_, "also print the passages each case rests on");
  }
  std::optional<int> run() override {
    if (!*sub_) return std::nullopt;
    return list(catalogue_location(catalogue_), provenance_);
  }

 private:
  CLI::App* sub_;
  std::string catalogue_;
  bool provenance_ = false;
};

}  // namespace

std::unique_ptr<Command> add_list(CLI::App& app) { return std::make_unique<ListCommand>(app); }

}  // namespace cc::suites
