// without_source_paths scans a line by hand for what a regular expression used to remove: these
// tests hold the scan to the expression's output (std::regex_replace, then the left trim) on the
// lines GoogleTest writes, on lines made to trip a hand-written scan, and on random lines over
// the characters that matter.
#include <gtest/gtest.h>

#include <cctype>
#include <random>
#include <regex>
#include <string>
#include <vector>

#include "reports/failure.h"

namespace {

// What reports/failure.cpp did before the scan, verbatim.
std::string by_regex(const std::string& line) {
  static const std::regex path(
      R"([^\s"'()]*\.(?:cpp|cc|cxx|h|hpp)(?::\d+|\(\d+\))(?::\s*(?:Failure\b)?)?)");
  const std::string out = std::regex_replace(line, path, "");
  if (out == line) return line;
  size_t i = 0;
  while (i < out.size() && std::isspace(static_cast<unsigned char>(out[i]))) ++i;
  return out.substr(i);
}

TEST(WithoutSourcePaths, AgreesWithTheRegularExpressionOnTrickyLines) {
  const std::vector<std::string> lines = {
      "",
      "/work/main/suites/status.cpp:42: Failure",
      "/work/main/suites/status.cpp:42: Failure\tValue of: x",
      "suites/status.cpp(42): error: expected 1",
      "  file.cc:7:   Failure",
      "file.cc:7:Failures",
      "file.cc:7:Failure_",
      "file.cc:7:Failure.",
      "file.cc:7: failure",
      "file.cxx:1",
      "file.h:1: x",
      "file.hpp:12: Failure",
      "file.hp:12:",
      "file.hppp:12:",
      "file.c:12:",
      "file.cpp:",
      "file.cpp:x",
      "file.cpp(",
      "file.cpp(12",
      "file.cpp(12)x",
      "file.cpp()",
      "file.cpp",
      ".cpp:1",
      "..cpp:1",
      "a.cpp:1b.h:2",
      "a.cpp:12:b.txt",
      "a.cpp:12:b.cc:3: Failure rest",
      "x.h:1.cpp:2",
      "a.cpp.h:3",
      "\"quoted/a.cpp:3\" and 'b.h(4)'",
      "(a.cpp:3)",
      "see a.cpp:3, b.cc:4; c.cxx(5): done",
      "expected 200; got 400 (x.cpp:9: Failure)",
      "a.cpp:1:\n  Failure",
      "a.cpp:1:   ",
      "a.cpp:1:",
      "a.cpp::1",
      "a.cpp:1::",
      "no location here. a.b.c d.e",
      "ü/ß.cpp:3: Failure é",
      "\x80\xff.h:1",
      "tab\t.cpp:1",
      "a.CPP:1",
      "a.cpp:0007(8)",
      "a.cpp(8):Failure",
      "a.cpp(8): Failure\vx",
      "     leading blanks only",
      "a.h(1)b.h(2)c.h(3)",
      "a.cpp:1 a.cpp:1 a.cpp:1 x",
  };
  for (const std::string& line : lines) {
    SCOPED_TRACE(line);
    EXPECT_EQ(cc::reports::without_source_paths(line), by_regex(line));
  }
}

TEST(WithoutSourcePaths, AgreesWithTheRegularExpressionOnRandomLines) {
  // The pieces a location is made of, and the characters that end or break one.
  const std::vector<std::string> pieces = {
      ".",  "cpp",     "cc",       "cxx", "h", "hpp", "hp", ":", "(", ")", "1",  "42", " ",
      "\t", "Failure", "Failures", "_",   "/", "\"",  "'",  "a", "x", "é", "\r", "\n", ","};
  std::mt19937 rng(20261205);  // fixed: a failure names a line that replays
  for (int n = 0; n < 20000; ++n) {
    std::string line;
    const int count = static_cast<int>(rng() % 16);
    for (int k = 0; k < count; ++k) line += pieces[rng() % pieces.size()];
    SCOPED_TRACE(line);
    ASSERT_EQ(cc::reports::without_source_paths(line), by_regex(line));
  }
}

}  // namespace
