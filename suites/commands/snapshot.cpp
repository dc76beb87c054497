// `cloudconform snapshot from-observed FILE --out DIR [--map MAPFILE]`: a recording of a real
// service (../shared/reference/observed/*.json) as a snapshot (harness/snapshot/observed.h), so
// that `run --compare-to DIR` compares a target with what the real service was seen answering.
#include <filesystem>
#include <iostream>

#include "harness/core/catalogue.h"
#include "harness/core/json_reader.h"
#include "harness/snapshot/observed.h"
#include "suites/commands/command.h"

namespace cc::suites {

namespace {

namespace fs = std::filesystem;

// The catalogue's observed/<recording name>.map.json: the mapping travels with the catalogue
// whose case ids it names.
std::string default_map(const std::string& catalogue_dir, const std::string& recording) {
  return (fs::path(catalogue_dir) / "observed" /
          (fs::path(recording).stem().string() + ".map.json"))
      .string();
}

void print(const snapshot::Snapshot& s, const std::string& out) {
  std::cout << "snapshot: " << out << " (" << s.cases.size() << " case"
            << (s.cases.size() == 1 ? "" : "s") << ", " << s.unmatched.size()
            << " unmatched scenario" << (s.unmatched.size() == 1 ? "" : "s") << ")\n";
  for (const auto& [id, c] : s.cases)
    std::cout << "  " << c["provenance"].value("scenario", "") << " -> " << id << "\n";
  for (const auto& u : s.unmatched)
    std::cout << "  " << u.value("scenario", "") << ": unmatched: " << u.value("reason", "")
              << "\n";
}

class SnapshotCommand : public Command {
 public:
  explicit SnapshotCommand(CLI::App& app) {
    sub_ =
        app.add_subcommand("snapshot", "make a snapshot to compare runs with (run --compare-to)");
    sub_->require_subcommand(1);
    from_ = sub_->add_subcommand(
        "from-observed", "a recording of a real service (../shared/reference/observed/*.json)");
    from_->add_option("FILE", file_, "the recording")->required()->check(CLI::ExistingFile);
    from_->add_option("--out", out_, "the snapshot directory to write")->required();
    from_->add_option("--map", map_,
                      "which case each recorded scenario corresponds to (default: the "
                      "catalogue's observed/<recording name>.map.json)");
    add_catalogue_option(*from_, catalogue_);
    set_help_footer(
        *from_,
        {{"cloudconform snapshot from-observed ../shared/reference/observed/"
          "tencent-cvm-2022-09.json --out snap/cvm",
          "the recorded real CVM as a snapshot, mapped by the catalogue's observed/ map"},
         {"cloudconform run --endpoint http://127.0.0.1:8080 --compare-to snap/cvm --gate "
          "differential",
          "then: judge your emulator and fail on any difference from the recording"}},
        {{0, "written (each scenario printed with its case, or why it is unmatched)"},
         {2,
          "the recording (FILE) missing, it or the map malformed (file and pointer), --out not "
          "writable"}});
    set_help_footer(*sub_,
                    {{"cloudconform snapshot from-observed ../shared/reference/observed/"
                      "tencent-cvm-2022-09.json --out snap/cvm",
                      "a recording of the real service as a snapshot"},
                     {"cloudconform run --record snap/reference",
                      "(a run's own snapshot is made by run --record)"}},
                    {{0, "written"}, {2, "bad usage or a malformed recording, map or catalogue"}});
  }

  std::optional<int> run() override {
    if (!*sub_) return std::nullopt;
    const CatalogueLocation where = catalogue_location(catalogue_);
    std::cout << "catalogue: " << where.describe() << "\n";
    const core::Catalogue catalogue = core::load_catalogue(where.dir + "/apis");
    const std::string map = map_.empty() ? default_map(where.dir, file_) : map_;
    snapshot::Snapshot s =
        snapshot::from_observed(core::read_json_file(file_, "observed"),
                                core::read_json_file(map, "observed_map"), catalogue, map, file_);
    // File names only: a snapshot is shared, the paths of this machine are not its business.
    s.source["file"] = fs::path(file_).filename().string();
    s.source["map"] = fs::path(map).filename().string();
    snapshot::save(s, out_);
    print(s, out_);
    return 0;
  }

 private:
  CLI::App* sub_;
  CLI::App* from_;
  std::string file_, out_, map_, catalogue_;
};

}  // namespace

std::unique_ptr<Command> add_snapshot(CLI::App& app) {
  return std::make_unique<SnapshotCommand>(app);
}

}  // namespace cc::suites
