#include "reports/write.h"

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "reports/html.h"
#include "reports/junit.h"
#include "reports/markdown.h"

namespace cc::reports {
namespace {

void write_file(const std::filesystem::path& path, const std::string& text) {
  // Written beside and renamed, so a reader never sees half a report.
  const std::filesystem::path partial = path.string() + ".partial";
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) throw std::runtime_error("cannot write " + partial.string());
  }
  std::error_code ec;
  std::filesystem::rename(partial, path, ec);
  if (ec) throw std::runtime_error("cannot write " + path.string() + ": " + ec.message());
}

}  // namespace

const std::vector<ReportFile>& report_files() {
  static const std::vector<ReportFile> files = {
      {"junit.xml", [](const Results& r) { return render_junit(r); }},
      {"report.md", [](const Results& r) { return render_markdown(r); }},
      {"report.html", [](const Results& r) { return render_html(r); }}};
  return files;
}

std::string report_file_names() {
  std::string out;
  const auto& files = report_files();
  for (size_t i = 0; i < files.size(); ++i)
    out += std::string(i == 0 ? "" : i + 1 == files.size() ? " and " : ", ") + files[i].name;
  return out;
}

std::string report_file_paths(const std::string& dir) {
  std::string out;
  for (const ReportFile& f : report_files()) out += (out.empty() ? "" : ", ") + dir + "/" + f.name;
  return out;
}

void write_all_reports(const Results& results, const std::string& out_dir) {
  const std::filesystem::path dir(out_dir.empty() ? "." : out_dir);
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw std::runtime_error("cannot create " + dir.string() + ": " + ec.message());
  for (const ReportFile& f : report_files()) write_file(dir / f.name, f.render(results));
}

void write_all_reports(const nlohmann::json& results, const std::string& out_dir) {
  const std::filesystem::path dir(out_dir.empty() ? "." : out_dir);
  write_all_reports(read_results(results, (dir / "results.json").string()), out_dir);
}

}  // namespace cc::reports
