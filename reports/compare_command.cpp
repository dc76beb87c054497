// `report compare`: the arguments checked and resolved, the files read, the three reports
// written. Every refusal is a core::DataError naming what was wrong (the command exits 2).
#include <filesystem>
#include <fstream>
#include <ostream>
#include <set>
#include <stdexcept>

#include "harness/core/json_reader.h"
#include "reports/compare.h"
#include "reports/summary.h"

namespace cc::reports {
namespace {

namespace fs = std::filesystem;
using core::DataError;

[[noreturn]] void refuse(const std::string& what, const std::string& detail) {
  throw DataError("[compare." + what + "] " + detail);
}

// A directory stands for the results.json in it (what `run --out DIR` leaves).
std::string resolve(const std::string& arg) {
  std::error_code ec;
  return fs::is_directory(arg, ec) ? (fs::path(arg) / "results.json").string() : arg;
}

// Two spellings of one file ("A", "A/results.json", "./A/results.json") are the same file.
std::string identity_of(const std::string& file) {
  std::error_code ec;
  const fs::path p = fs::weakly_canonical(fs::absolute(file, ec), ec);
  return ec ? file : p.string();
}

// NAME=FILE -> (index of FILE among the files, NAME).
std::pair<size_t, std::string> parse_label(const std::string& given,
                                           const std::vector<std::string>& identities) {
  const size_t eq = given.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == given.size())
    refuse("bad_label", "--label " + given + ": expected NAME=FILE");
  const std::string file = given.substr(eq + 1);
  const std::string id = identity_of(resolve(file));
  for (size_t i = 0; i < identities.size(); ++i)
    if (identities[i] == id) return {i, given.substr(0, eq)};
  refuse("bad_label", "--label " + given + ": " + file + " is not one of the results files given");
}

std::vector<std::string> labels_of(const CompareOptions& o, const std::vector<Side>& sides,
                                   const std::vector<std::string>& identities) {
  std::vector<std::string> labels(sides.size());
  for (const std::string& given : o.labels) {
    const auto [i, name] = parse_label(given, identities);
    if (!labels[i].empty())
      refuse("bad_label", sides[i].file + " is labelled twice (" + labels[i] + ", " + name + ")");
    labels[i] = name;
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < sides.size(); ++i) {
    const Results& r = sides[i].results;
    if (labels[i].empty())
      labels[i] =
          r.target_name.value_or(r.target_kind.value_or("target")) + " (" + sides[i].file + ")";
    if (!seen.insert(labels[i]).second)
      refuse("duplicate_label", "two results files have the label \"" + labels[i] + "\"");
  }
  return labels;
}

void write_atomically(const fs::path& path, const std::string& text) {
  // Written beside and renamed, so a reader never sees half a report (as write.h does).
  const fs::path partial = path.string() + ".partial";
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) throw std::runtime_error("cannot write " + partial.string());
  }
  std::error_code ec;
  fs::rename(partial, path, ec);
  if (ec) throw std::runtime_error("cannot write " + path.string() + ": " + ec.message());
}

}  // namespace

std::vector<Side> load_sides(const CompareOptions& o) {
  if (o.files.size() < 2)
    refuse("usage",
           "compare needs at least two results files, got " + std::to_string(o.files.size()));
  std::vector<Side> sides;
  std::vector<std::string> identities;
  for (const std::string& arg : o.files) {
    const std::string file = resolve(arg);
    identities.push_back(identity_of(file));
    for (size_t i = 0; i + 1 < identities.size(); ++i)
      if (identities[i] == identities.back())
        refuse("usage", file + " is given twice (as " + sides[i].file + ")");
    // load_results names the file and the JSON pointer of anything wrong in it.
    sides.push_back({"", file, load_results(file)});
  }
  const std::vector<std::string> labels = labels_of(o, sides, identities);
  for (size_t i = 0; i < sides.size(); ++i) sides[i].label = labels[i];
  return sides;
}

int compare_command(const CompareOptions& options, std::ostream& out) {
  const Comparison c = compare_results(load_sides(options));
  const fs::path dir(options.out_dir.empty() ? "." : options.out_dir);
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw std::runtime_error("cannot create " + dir.string() + ": " + ec.message());
  const std::pair<const char*, std::string> files[] = {
      {"compare.html", render_compare_html(c)},
      {"compare.md", render_compare_markdown(c)},
      {"compare.json", compare_json(c).dump(2) + "\n"}};
  for (const auto& [name, text] : files) {
    write_atomically(dir / name, text);
    out << "wrote " << (dir / name).string() << "\n";
  }
  std::string labels;
  for (const Side& s : c.sides) labels += (labels.empty() ? "" : ", ") + s.label;
  out << count_of(static_cast<long long>(c.rows.size()), "case") << ", "
      << count_of(c.disagreements, "disagreement") << ", "
      << count_of(static_cast<long long>(c.sides.size()), "target") << ": " << labels << "\n";
  return 0;
}

}  // namespace cc::reports
