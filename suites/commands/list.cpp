// `cloudconform list`: every case, without running anything (suites/listing.h).
#include "suites/commands/command.h"
#include "suites/listing.h"

namespace cc::suites {

namespace {

class ListCommand : public Command {
 public:
  explicit ListCommand(CLI::App& app) {
    sub_ = app.add_subcommand(
        "list", "print every case (id, family, level), or every API id, without running anything");
    add_catalogue_option(*sub_, catalogue_);
    sub_->add_option("--only", o_.only,
                     "only these cases, as run selects them: ids or globs, ':'-separated, '-' "
                     "excludes (e.g. 'TencentCvm*' or '*.RejectsDuplicateIds')");
    sub_->add_flag("--provenance", o_.provenance, "also print the passages each case rests on");
    sub_->add_flag("--json", o_.json,
                   "one JSON array on stdout and nothing else: per case id, api, behaviour, "
                   "family, level and claims with the passages they rest on (the count goes to "
                   "stderr)");
    sub_->add_flag("--apis", o_.apis,
                   "the API ids instead (what sign --api, emulate --rate-limit and the ids of "
                   "the cases take), with provider, product, action and version")
        ->excludes("--only")
        ->excludes("--provenance");
    set_help_footer(
        *sub_,
        {{"cloudconform list --only 'TencentCvmStopInstances.*'", "one API's cases"},
         {"cloudconform list --json --only '*.RejectsDuplicateIds' | jq -r '.[].id'",
          "for scripts"},
         {"cloudconform list --apis", "the API ids"}},
        {{0, "listed"},
         {2,
          "a malformed catalogue, or an --only part that matches no case (named, with the "
          "nearest case id)"}});
  }
  std::optional<int> run() override {
    if (!*sub_) return std::nullopt;
    o_.only_given = sub_->count("--only") > 0;
    return list(catalogue_location(catalogue_), o_);
  }

 private:
  CLI::App* sub_;
  std::string catalogue_;
  ListOptions o_;
};

}  // namespace

std::unique_ptr<Command> add_list(CLI::App& app) { return std::make_unique<ListCommand>(app); }

}  // namespace cc::suites
