#pragma once
// Failures a person reads (issue 14, point 8): every report shows a failed or deviating case the
// same way — what was expected and what came back (the assertion's message), the passage it rests
// on (file and words), its level, and the one-line replay. GoogleTest expression text and source
// paths never reach a reader, and nothing is cut mid-word.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "reports/results_view.h"

namespace cc::reports {

// A message with GoogleTest's own text taken out ("Value of:", "Expected:", "Actual:", "Which
// is:", the expressions indented under them, "<path>/x.cpp:NN: Failure") — keeping the
// explanation an assertion gave ("Actual: false (<why>)") and every line the suite wrote.
std::string readable_message(const std::string& message);

// One line without the source locations GoogleTest puts in it ("…/suites/x.cpp:42: Failure",
// "file.h(7):"), left-trimmed when one was taken out; unchanged otherwise.
std::string without_source_paths(const std::string& line);

// One failed assertion (MUST or SHOULD), or, for a results file without assertions, the case's
// own message and provenance.
struct Reason {
  Level level = Level::Must;  // MUST or SHOULD (a case's own level for an older file)
  std::string what;           // the fact checked, as a sentence; may be empty
  std::string message;        // "expected …; got …", readable, possibly several lines
  std::vector<Passage> rests_on;
};

// Why a case is shown as a failure: its failed MUST assertions, then its failed SHOULD ones; for
// a property case with a shrunk case, the first one carries that case's message. A case that
// records no assertions gives one reason from its message and provenance.
std::vector<Reason> failure_reasons(const Case& one_case);

// The level a failure is shown at: its worst failed assertion's, else the case's (MUST when
// absent).
Level shown_level(const Case& one_case);

// One line of provenance: `the document says (<file>): "<words>"`, `the wire reference says
// (protocols.md § A6): "…"`, `the real service was seen (<file>, scenario S, step N): "…"`,
// `inferred: <reasoning>`. Quoted words shortened to max_chars (0: whole); *cut set when so.
std::string passage_text(const Passage& provenance, size_t max_chars = 0, bool* cut = nullptr);
// The part of passage_text before the quoted words (all of it for inferred and silent).
std::string passage_source(const Passage& provenance);

// A property case's shrunk case, when it has one: "smallest failing case after N shrinks (M
// cases run, seed S): <scenario>"; empty otherwise.
std::string property_line(const Case& one_case, size_t max_chars = 0, bool* cut = nullptr);

// How to see the failure again: "replay: <command>" — for a property with a replay file
// "replay: cloudconform replay <file> <target flags>" (none when replay cannot reach the run's
// target) and "again: <RapidCheck seed command>".
std::vector<std::string> replay_lines(const Case& one_case);

// The one line a failure is known by (a junit message attribute, a diff row): the first reason's
// message, its first line; for an unexpected pass, a harness error or an inconclusive case what
// happened. Never GoogleTest text; may be shortened (at a word) to max_chars.
std::string failure_title(const Case& one_case, size_t max_chars = 0);

// The block a terminal and junit.xml show for a case that failed, deviated, passed unexpectedly,
// hit a harness error or was inconclusive:
//   <id>  <LEVEL>  <outcome>
//     <LEVEL>  <what>
//       <message line>…
//       the document says (<file>): "<words>"
//     replay: <command>
// Limits of 0 keep everything; otherwise each message line and passage is shortened at a word and
// a last line says the full text is in report.html and results.json.
struct BlockLimits {
  size_t line_chars = 0;
  size_t passage_chars = 0;
};
std::string failure_block(const Case& one_case, BlockLimits limits = {});
// The same for a case as recorded (the suite's listener, as each case ends); throws
// core::DataError when the record is malformed.
std::string failure_block(const nlohmann::json& one_case, BlockLimits limits = {});

// The note a shortened failure ends with.
inline const char* const kFullTextNote =
    "(shortened; the full text is in report.html and results.json)";

}  // namespace cc::reports
