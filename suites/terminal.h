#pragma once
// How a run talks to a person at a terminal (issue 17, "On a terminal"): one progress line
// rewritten in place and outcomes in colour when stdout is a TTY; `NO_COLOR` (any non-empty value,
// no-color.org) keeps the live line and drops the colour. Anything else — a pipe, a file, a CI log,
// TERM=dumb — gets the plain lines, byte for byte as before, since logs and tests read them.
#include <atomic>
#include <memory>
#include <ostream>
#include <streambuf>
#include <string>

#include "harness/core/results.h"

namespace cc::suites {

struct TerminalStyle {
  bool live = false;    // one progress line rewritten in place (\r, erase to end of line)
  bool colour = false;  // ANSI colours for outcomes and the verdict
  int columns = 80;     // the terminal's width: a live line longer than it would wrap
  // From stdout (isatty), TERM and NO_COLOR.
  static TerminalStyle of_stdout();
};

enum class Colour { Red, Green, Yellow, Magenta, Cyan, Dim, Bold };

// `text` in the colour, or unchanged when `on` is false.
std::string paint(const std::string& text, Colour colour, bool on);
// fail red, deviation yellow, pass green, harness error magenta, inconclusive cyan, the rest dim;
// an unexpected pass is red (the run fails on it), an expected failure dim.
Colour colour_of(core::CaseOutcome outcome);
// A failure block (reports/failure.h) with its first line — "<id>  <level>  <outcome>" — in the
// outcome's colour.
std::string paint_block(const std::string& block, core::CaseOutcome outcome, bool on);

// The live progress line on stdout. While it is drawn, anything else written through std::cout or
// std::cerr (a property's "[ property ]" line, a diagnostic) first erases it, so no output is ever
// appended to it; the next draw() puts it back.
class LiveLine {
 public:
  LiveLine();
  ~LiveLine();  // leaves the cursor on a fresh line and gives std::cout and std::cerr back
  LiveLine(const LiveLine&) = delete;
  LiveLine& operator=(const LiveLine&) = delete;

  void draw(const std::string& text);  // replaces the line
  void erase();                        // before a block printed in its place
  void finish();                       // the line as it stands stays, the cursor moves below it

 private:
  class Guard;  // the streambuf that erases the line before foreign output
  std::atomic<bool> drawn_{false};
  std::unique_ptr<Guard> out_, err_;
  std::streambuf *saved_out_ = nullptr, *saved_err_ = nullptr;
};

}  // namespace cc::suites
