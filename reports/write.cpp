#include "reports/write.h"

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "reports/html.h"
#include "reports/junit.h"
#include "reports/markdown.h"
#include "reports/model.h"

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

void write_all_reports(const nlohmann::json& results, const std::string& out_dir) {
  const std::filesystem::path dir(out_dir.empty() ? "." : out_dir);
  validate_results(results, (dir / "results.json").string());
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw std::runtime_error("cannot create " + dir.string() + ": " + ec.message());
  write_file(dir / "junit.xml", render_junit(results));
  write_file(dir / "report.md", render_markdown(results));
  write_file(dir / "report.html", render_html(results));
}

}  // namespace cc::reports
