#include "suites/commands/command.h"

#include <sstream>

namespace cc::suites {

namespace {

// `text` broken at spaces into lines of at most `width` characters, every line after the first
// indented by `indent` (help is read in an 80-column terminal as often as not).
std::string wrapped(const std::string& text, std::size_t width, const std::string& indent) {
  std::istringstream words(text);
  std::string out, line, word;
  while (words >> word) {
    if (!line.empty() && line.size() + 1 + word.size() > width) {
      out += line + "\n" + indent;
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
  }
  return out + line;
}

}  // namespace

void set_help_footer(CLI::App& sub, const std::vector<Example>& examples,
                     const std::vector<ExitStatus>& statuses, const std::string& notes) {
  std::string footer = "Examples:\n";
  for (const Example& e : examples) footer += "  # " + e.what + "\n  " + e.command + "\n";
  // Each line of the notes is a paragraph of its own, wrapped alone.
  if (!notes.empty()) footer += "\n";
  std::istringstream paragraphs(notes);
  for (std::string paragraph; std::getline(paragraphs, paragraph);)
    footer += wrapped(paragraph, 92, "  ") + "\n";
  footer += "\nExit status:\n";
  for (const ExitStatus& s : statuses) {
    std::string status = std::to_string(s.status);
    status.resize(5, ' ');
    footer += "  " + status + wrapped(s.meaning, 85, "       ") + "\n";
  }
  sub.footer(footer);
}

std::vector<std::unique_ptr<Command>> add_commands(CLI::App& app) {
  std::vector<std::unique_ptr<Command>> commands;
  commands.push_back(add_replay(app));
  commands.push_back(add_run(app));
  commands.push_back(add_plan(app));
  commands.push_back(add_list(app));
  commands.push_back(add_emulate(app));
  commands.push_back(add_report(app));
  commands.push_back(add_sign(app));
  commands.push_back(add_catalogue(app));
  commands.push_back(add_snapshot(app));
  return commands;
}

void add_catalogue_option(CLI::App& sub, std::string& dir) {
  sub.add_option("--catalogue,--fixtures", dir,
                 "the catalogue: a fixtures directory with apis/, targets/, expectations/ "
                 "(default: $CLOUDCONFORM_CATALOGUE, else the installed one, else the source "
                 "tree's)");
}

CatalogueLocation catalogue_location(const std::string& option) {
  return locate_catalogue(option, CLOUDCONFORM_FIXTURES_DIR);
}

}  // namespace cc::suites
