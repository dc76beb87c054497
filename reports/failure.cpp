#include "reports/failure.h"

#include <algorithm>
#include <cctype>
#include <regex>
#include <sstream>

#include "reports/model.h"
#include "reports/text.h"

namespace cc::reports {
namespace {

using nlohmann::json;

std::string trim_left(const std::string& s) {
  size_t i = 0;
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  return s.substr(i);
}

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

// The lines GoogleTest writes around an expression; what is indented under them is expression text.
bool gtest_boilerplate(const std::string& trimmed) {
  for (const char* b :
       {"Value of:", "Expected:", "Expected equality of these values:", "Which is:", "Actual:",
        "To be equal to:", "Google Test trace:", "With diff:", "The difference between"})
    if (starts_with(trimmed, b)) return true;
  return false;
}

// "Actual: false (<why>)": the why is the assertion's own explanation, worth keeping.
std::string explanation(const std::string& trimmed) {
  if (!starts_with(trimmed, "Actual:")) return "";
  const size_t open = trimmed.find(" (");
  if (open == std::string::npos || trimmed.back() != ')') return "";
  return trimmed.substr(open + 2, trimmed.size() - open - 3);
}

// "…/suites/status.cpp:42: Failure", "file.cpp(42):": where in the build tree an assertion sits
// means nothing to a reader.
std::string without_source_paths(const std::string& line) {
  static const std::regex path(
      R"([^\s"'()]*\.(?:cpp|cc|cxx|h|hpp)(?::\d+|\(\d+\))(?::\s*(?:Failure\b)?)?)");
  const std::string out = std::regex_replace(line, path, "");
  return out == line ? line : trim_left(out);
}

std::string level_of(const json& a) { return a.value("level", std::string("MUST")); }

int rank(const std::string& level) { return level == "MUST" ? 0 : level == "SHOULD" ? 1 : 2; }

std::string json_words(const json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

std::string quoted(const json& p, size_t max_chars, bool* cut) {
  const std::string words = clean_text(p.value("passage", ""));
  const std::string shown = max_chars ? shorten(words, max_chars) : words;
  if (cut && shown != words) *cut = true;
  return "\"" + shown + "\"";
}

std::string where(const json& p) {
  std::string w = p.value("file", "");
  if (w.empty() && p.value("source", "") == "protocols") w = "protocols.md";
  if (!p.value("section", "").empty()) w += (w.empty() ? "§ " : " § ") + p.value("section", "");
  return w;
}

std::string minimal_message(const json& c) {
  const json* m = c.contains("rapidcheck") && c["rapidcheck"].is_object() &&
                          c["rapidcheck"].contains("minimal_case") &&
                          c["rapidcheck"]["minimal_case"].is_object()
                      ? &c["rapidcheck"]["minimal_case"]
                      : nullptr;
  return m ? readable_message(m->value("message", "")) : "";
}

void indent_lines(std::ostringstream& out, const std::string& text, const std::string& indent,
                  size_t max_chars, bool& cut) {
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (first_line(line).empty()) continue;
    const std::string shown = max_chars ? shorten(line, max_chars) : line;
    cut |= shown != line;
    out << indent << shown << "\n";
  }
}

// What a case that is not a plain failure says instead of failed assertions.
std::string situation(const json& c) {
  const std::string outcome = c["outcome"];
  if (outcome == "unexpected_pass") {
    const json e = c.value("expectation", json::object());
    std::string s = "passed, but the expectations file lists it as a known failure";
    if (!e.value("reason", "").empty()) s += " (" + e.value("reason", "") + ")";
    return s + "; update the file";
  }
  if (outcome == "harness_error")
    return "harness error: " + c.value("harness_error", headline(c.value("message", "")));
  if (outcome == "inconclusive") {
    const std::string why = c.value("inconclusive", headline(c.value("message", "")));
    return "inconclusive: " +
           (why.empty() ? std::string("the case could not exercise its subject") : why);
  }
  return "";
}

}  // namespace

std::string readable_message(const std::string& message) {
  std::istringstream lines(message);
  std::string line, out;
  bool in_expression = false;  // under a boilerplate line: indented lines are expression text
  auto keep = [&](const std::string& l) { out += (out.empty() ? "" : "\n") + l; };
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::string trimmed = trim_left(line);
    if (gtest_boilerplate(trimmed)) {
      const std::string why = explanation(trimmed);
      if (!why.empty()) keep(why);
      in_expression = true;
      continue;
    }
    if (in_expression && !line.empty() && std::isspace(static_cast<unsigned char>(line[0])))
      continue;
    in_expression = false;
    const std::string cleaned = without_source_paths(line);
    if (first_line(cleaned).empty()) continue;
    keep(cleaned);
  }
  return out;
}

std::vector<Reason> failure_reasons(const json& c) {
  std::vector<Reason> out;
  for (const auto& a : c.value("assertions", json::array())) {
    if (!a.is_object() || a.value("passed", true) || rank(level_of(a)) > 1) continue;
    out.push_back({level_of(a), a.value("what", ""), readable_message(a.value("message", "")),
                   a.value("rests_on", json::array())});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Reason& x, const Reason& y) { return rank(x.level) < rank(y.level); });
  if (out.empty())  // a results file of an older suite: the case's message and passages
    out.push_back({c.value("level", std::string("MUST")), "",
                   readable_message(c.value("message", "")), c.value("provenance", json::array())});
  // A property's "Failed" says nothing: its shrunk case's message says what broke.
  const std::string shrunk = minimal_message(c);
  if (!shrunk.empty()) out.front().message = shrunk;
  // Lines the suite added to say where the words come from are shown from rests_on instead.
  for (auto& r : out) {
    std::istringstream lines(r.message);
    std::string line, kept;
    while (std::getline(lines, line))
      if (!starts_with(trim_left(line), "the document says (") &&
          !starts_with(trim_left(line), "replay: "))
        kept += (kept.empty() ? "" : "\n") + line;
    r.message = kept;
  }
  return out;
}

std::string shown_level(const json& c) {
  std::string best;
  for (const auto& a : c.value("assertions", json::array()))
    if (a.is_object() && !a.value("passed", true) && rank(level_of(a)) <= 1 &&
        (best.empty() || rank(level_of(a)) < rank(best)))
      best = level_of(a);
  return best.empty() ? c.value("level", std::string("MUST")) : best;
}

std::string passage_source(const json& p) {
  const std::string source = p.value("source", "");
  const std::string note = p.value("note", "");
  if (source == "inferred")
    return "inferred: " + (note.empty() ? std::string("(no reasoning recorded)") : note);
  if (source == "silent") return "the documents are silent" + (note.empty() ? "" : ": " + note);
  if (source == "seed") return "the document says (" + where(p) + ")";
  if (source == "protocols") return "the wire reference says (" + where(p) + ")";
  if (source == "observed") {
    std::string w = where(p);
    if (p.contains("scenario")) w += ", scenario " + json_words(p["scenario"]);
    if (p.contains("step")) w += ", step " + json_words(p["step"]);
    return "the real service was seen (" + w + ")";
  }
  return (source.empty() ? std::string("source") : source) + " (" + where(p) + ")";
}

std::string passage_text(const json& p, size_t max_chars, bool* cut) {
  std::string out = passage_source(p);
  const std::string source = p.value("source", "");
  if (source == "inferred" || source == "silent") return out;  // the note is the whole of it
  if (p.contains("passage")) out += ": " + quoted(p, max_chars, cut);
  if (!p.value("note", "").empty()) out += " — " + p.value("note", "");
  return out;
}

std::string property_line(const json& c, size_t max_chars, bool* cut) {
  const json rc = c.value("rapidcheck", json::object());
  if (!rc.is_object() || !rc.contains("minimal_case") || !rc["minimal_case"].is_object()) return "";
  const json& m = rc["minimal_case"];
  std::string scenario = m.contains("scenario") ? json_words(m["scenario"]) : "";
  const std::string full = scenario;
  if (max_chars) scenario = shorten(scenario, max_chars);
  if (cut && scenario != full) *cut = true;
  std::string line = "smallest failing case";
  if (rc.contains("shrinks")) line += " after " + json_words(rc["shrinks"]) + " shrinks";
  std::string run;
  if (rc.contains("cases_run")) run = json_words(rc["cases_run"]) + " cases run";
  if (rc.contains("seed")) run += (run.empty() ? "" : ", ") + ("seed " + json_words(rc["seed"]));
  if (!run.empty()) line += " (" + run + ")";
  return scenario.empty() ? line : line + ": " + scenario;
}

std::vector<std::string> replay_lines(const json& c) {
  const json rc = c.value("rapidcheck", json::object());
  if (rc.is_object() && rc.contains("replay_file") && rc["replay_file"].is_string()) {
    std::vector<std::string> out = {"replay: cloudconform replay " +
                                    rc["replay_file"].get<std::string>()};
    if (rc.contains("reproduce") && rc["reproduce"].is_string())
      out.push_back("again: " + rc["reproduce"].get<std::string>());
    return out;
  }
  return {"replay: " + replay_line(c)};
}

std::string failure_title(const json& c, size_t max_chars) {
  std::string title = situation(c);
  if (title.empty()) {
    const auto reasons = failure_reasons(c);
    title = reasons.empty() ? "" : first_line(reasons.front().message);
    if (title.empty() && !reasons.empty()) title = reasons.front().what;
    if (title.empty()) title = "failed (no message recorded)";
  }
  title = first_line(title);
  return max_chars ? shorten(title, max_chars) : title;
}

std::string failure_block(const json& c, BlockLimits limits) {
  std::ostringstream out;
  const std::string outcome = c["outcome"];
  out << c["id"].get<std::string>() << "  " << shown_level(c) << "  " << outcome << "\n";
  bool cut = false;
  const std::string what_happened = situation(c);
  if (!what_happened.empty()) {
    indent_lines(out, what_happened, "  ", limits.line_chars, cut);
  } else {
    for (const Reason& r : failure_reasons(c)) {
      const std::string lead = r.what.empty() ? first_line(r.message) : r.what;
      const std::string shown = limits.line_chars ? shorten(lead, limits.line_chars) : lead;
      cut |= shown != lead;
      out << "  " << r.level << "  " << shown << "\n";
      std::string rest = r.message;
      if (r.what.empty()) rest = rest.substr(std::min(rest.size(), rest.find('\n')));
      indent_lines(out, rest, "    ", limits.line_chars, cut);
      for (const auto& p : r.rests_on)
        if (p.is_object()) out << "    " << passage_text(p, limits.passage_chars, &cut) << "\n";
    }
    const std::string property = property_line(c, limits.passage_chars, &cut);
    if (!property.empty()) out << "  " << property << "\n";
  }
  for (const auto& line : replay_lines(c)) out << "  " << line << "\n";
  if (cut) out << "  " << kFullTextNote << "\n";
  return out.str();
}

}  // namespace cc::reports
