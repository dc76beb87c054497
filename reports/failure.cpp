#include "reports/failure.h"

#include <algorithm>
#include <cctype>
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

bool path_char(char c) {  // [^\s"'()] of the classic locale
  return !std::isspace(static_cast<unsigned char>(c)) && c != '"' && c != '\'' && c != '(' &&
         c != ')';
}
bool digit(char c) { return c >= '0' && c <= '9'; }
bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Where a source location that starts with the '.' at `dot` ends: after ".cpp:42", ".h(42)" and
// an optional ":" with blanks and "Failure" (a whole word); npos when there is none at `dot`.
size_t location_end(const std::string& s, size_t dot) {
  size_t i = dot + 1;
  bool ext = false;
  for (const char* e : {"cpp", "cc", "cxx", "h", "hpp"}) {
    const size_t n = std::char_traits<char>::length(e);
    const size_t after = i + n;
    // "h" is followed by ':' or '(' where "hpp" is followed by 'p': at most one fits.
    if (s.compare(i, n, e) == 0 && after < s.size() && (s[after] == ':' || s[after] == '(')) {
      i = after;
      ext = true;
      break;
    }
  }
  if (!ext) return std::string::npos;
  const bool paren = s[i] == '(';
  size_t d = i + 1;
  while (d < s.size() && digit(s[d])) ++d;
  if (d == i + 1) return std::string::npos;
  if (paren) {
    if (d == s.size() || s[d] != ')') return std::string::npos;
    ++d;
  }
  if (d == s.size() || s[d] != ':') return d;
  ++d;
  while (d < s.size() && std::isspace(static_cast<unsigned char>(s[d]))) ++d;
  const size_t w = d + 7;  // "Failure"
  if (s.compare(d, 7, "Failure") == 0 && (w == s.size() || !word_char(s[w]))) d = w;
  return d;
}

int rank(Level level) { return level == Level::Must ? 0 : level == Level::Should ? 1 : 2; }

std::string json_words(const json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

std::string quoted(const Passage& p, size_t max_chars, bool* cut) {
  const std::string words = clean_text(p.passage.value_or(""));
  const std::string shown = max_chars ? shorten(words, max_chars) : words;
  if (cut && shown != words) *cut = true;
  return "\"" + shown + "\"";
}

std::string where(const Passage& p) {
  std::string w = p.file.value_or("");
  if (w.empty() && p.source == "protocols") w = "protocols.md";
  const std::string section = p.section.value_or("");
  if (!section.empty()) w += (w.empty() ? "§ " : " § ") + section;
  return w;
}

std::string minimal_message(const Case& c) {
  return c.rapidcheck && c.rapidcheck->has_minimal_case
             ? readable_message(c.rapidcheck->minimal_message)
             : "";
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
std::string situation(const Case& c) {
  if (c.outcome == CaseOutcome::UnexpectedPass) {
    std::string s = "passed, but the expectations file lists it as a known failure";
    const std::string reason = c.expectation ? c.expectation->reason : "";
    if (!reason.empty()) s += " (" + reason + ")";
    return s + "; update the file";
  }
  if (c.outcome == CaseOutcome::HarnessError)
    return "harness error: " + c.harness_error.value_or(headline(c.message));
  if (c.outcome == CaseOutcome::Inconclusive) {
    const std::string why = c.inconclusive.value_or(headline(c.message));
    return "inconclusive: " +
           (why.empty() ? std::string("the case could not exercise its subject") : why);
  }
  return "";
}

// Lines the suite added to say where the words come from are shown from rests_on instead.
std::string without_source_lines(const std::string& message) {
  std::istringstream lines(message);
  std::string line, kept;
  while (std::getline(lines, line))
    if (!starts_with(trim_left(line), "the document says (") &&
        !starts_with(trim_left(line), "replay: "))
      kept += (kept.empty() ? "" : "\n") + line;
  return kept;
}

}  // namespace

// "…/suites/status.cpp:42: Failure", "file.cpp(42):": where in the build tree an assertion sits
// means nothing to a reader. What the regular expression
//   [^\s"'()]*\.(?:cpp|cc|cxx|h|hpp)(?::\d+|\(\d+\))(?::\s*(?:Failure\b)?)?
// removes with std::regex_replace, scanned by hand (the regex was 14 % of fuzz_results_reader's
// time): a match starts where a run of path characters starts and takes that run's last '.' that
// begins a location; without one no match starts inside the run (tests/reports/failure_test.cpp
// checks the two agree).
std::string without_source_paths(const std::string& line) {
  std::string out;
  bool removed = false;
  for (size_t at = 0; at < line.size();) {
    if (!path_char(line[at])) {
      out += line[at++];
      continue;
    }
    size_t run_end = at;
    while (run_end < line.size() && path_char(line[run_end])) ++run_end;
    size_t match_end = std::string::npos;
    for (size_t dot = run_end; dot-- > at && match_end == std::string::npos;)
      if (line[dot] == '.') match_end = location_end(line, dot);
    if (match_end == std::string::npos) {
      out.append(line, at, run_end - at);
      at = run_end;
    } else {
      removed = true;
      at = match_end;
    }
  }
  return removed ? trim_left(out) : line;
}

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

std::vector<Reason> failure_reasons(const Case& c) {
  std::vector<Reason> out;
  for (const Assertion& a : c.assertions) {
    if (a.passed || rank(a.level) > 1) continue;
    out.push_back({a.level, a.what, readable_message(a.message), a.rests_on});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Reason& x, const Reason& y) { return rank(x.level) < rank(y.level); });
  if (out.empty())  // a results file of an older suite: the case's message and passages
    out.push_back({c.level, "", readable_message(c.message), c.provenance});
  // A property's "Failed" says nothing: its shrunk case's message says what broke.
  const std::string shrunk = minimal_message(c);
  if (!shrunk.empty()) out.front().message = shrunk;
  for (auto& r : out) r.message = without_source_lines(r.message);
  return out;
}

Level shown_level(const Case& c) {
  std::optional<Level> best;
  for (const Assertion& a : c.assertions)
    if (!a.passed && rank(a.level) <= 1 && (!best || rank(a.level) < rank(*best))) best = a.level;
  return best.value_or(c.level);
}

std::string passage_source(const Passage& p) {
  const std::string& source = p.source;
  const std::string note = p.note.value_or("");
  if (source == "inferred")
    return "inferred: " + (note.empty() ? std::string("(no reasoning recorded)") : note);
  if (source == "silent") return "the documents are silent" + (note.empty() ? "" : ": " + note);
  if (source == "seed") return "the document says (" + where(p) + ")";
  if (source == "protocols") return "the wire reference says (" + where(p) + ")";
  if (source == "observed") {
    std::string w = where(p);
    if (!p.scenario.is_null()) w += ", scenario " + json_words(p.scenario);
    if (!p.step.is_null()) w += ", step " + json_words(p.step);
    return "the real service was seen (" + w + ")";
  }
  return (source.empty() ? std::string("source") : source) + " (" + where(p) + ")";
}

std::string passage_text(const Passage& p, size_t max_chars, bool* cut) {
  std::string out = passage_source(p);
  if (p.source == "inferred" || p.source == "silent") return out;  // the note is the whole of it
  if (p.passage) out += ": " + quoted(p, max_chars, cut);
  if (!p.note.value_or("").empty()) out += " — " + *p.note;
  return out;
}

std::string property_line(const Case& c, size_t max_chars, bool* cut) {
  if (!c.rapidcheck || !c.rapidcheck->has_minimal_case) return "";
  const Property& rc = *c.rapidcheck;
  std::string scenario = rc.scenario.is_null() ? "" : json_words(rc.scenario);
  const std::string full = scenario;
  if (max_chars) scenario = shorten(scenario, max_chars);
  if (cut && scenario != full) *cut = true;
  std::string line = "smallest failing case";
  if (!rc.shrinks.is_null()) line += " after " + json_words(rc.shrinks) + " shrinks";
  std::string run;
  if (!rc.cases_run.is_null()) run = json_words(rc.cases_run) + " cases run";
  if (!rc.seed.is_null()) run += (run.empty() ? "" : ", ") + ("seed " + json_words(rc.seed));
  if (!run.empty()) line += " (" + run + ")";
  return scenario.empty() ? line : line + ": " + scenario;
}

std::vector<std::string> replay_lines(const Case& c) {
  if (const auto& rc = c.rapidcheck; rc && rc->replay_file) {
    // The run's own line, with its target flags; an older file's bare one.
    std::vector<std::string> out;
    if (rc->replay_command)
      out.push_back("replay: " + *rc->replay_command);
    else if (!rc->replay_command_null)
      out.push_back("replay: cloudconform replay " + *rc->replay_file);
    if (rc->reproduce) out.push_back("again: " + *rc->reproduce);
    return out;
  }
  return {"replay: " + replay_line(c)};
}

std::string failure_title(const Case& c, size_t max_chars) {
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

std::string failure_block(const Case& c, BlockLimits limits) {
  std::ostringstream out;
  out << c.id << "  " << to_string(shown_level(c)) << "  " << to_string(c.outcome) << "\n";
  bool cut = false;
  const std::string what_happened = situation(c);
  if (!what_happened.empty()) {
    indent_lines(out, what_happened, "  ", limits.line_chars, cut);
  } else {
    for (const Reason& r : failure_reasons(c)) {
      const std::string lead = r.what.empty() ? first_line(r.message) : r.what;
      const std::string shown = limits.line_chars ? shorten(lead, limits.line_chars) : lead;
      cut |= shown != lead;
      out << "  " << to_string(r.level) << "  " << shown << "\n";
      std::string rest = r.message;
      if (r.what.empty()) rest = rest.substr(std::min(rest.size(), rest.find('\n')));
      indent_lines(out, rest, "    ", limits.line_chars, cut);
      for (const Passage& p : r.rests_on)
        out << "    " << passage_text(p, limits.passage_chars, &cut) << "\n";
    }
    const std::string property = property_line(c, limits.passage_chars, &cut);
    if (!property.empty()) out << "  " << property << "\n";
  }
  for (const auto& line : replay_lines(c)) out << "  " << line << "\n";
  if (cut) out << "  " << kFullTextNote << "\n";
  return out.str();
}

std::string failure_block(const json& c, BlockLimits limits) {
  return failure_block(read_case(c), limits);
}

}  // namespace cc::reports
