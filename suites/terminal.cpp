#include "suites/terminal.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>

namespace cc::suites {

namespace {

constexpr const char* kErase = "\r\033[K";  // to the start of the line, then clear it

bool set(const char* name) {
  const char* v = std::getenv(name);
  return v && *v;
}

}  // namespace

TerminalStyle TerminalStyle::of_stdout() {
  TerminalStyle style;
  const char* term = std::getenv("TERM");
  style.live = isatty(STDOUT_FILENO) == 1 && !(term && std::string(term) == "dumb");
  style.colour = style.live && !set("NO_COLOR");
  winsize size{};
  if (style.live && ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0)
    style.columns = size.ws_col;
  return style;
}

std::string paint(const std::string& text, Colour colour, bool on) {
  if (!on) return text;
  const char* code = "";
  switch (colour) {
    case Colour::Red:
      code = "31";
      break;
    case Colour::Green:
      code = "32";
      break;
    case Colour::Yellow:
      code = "33";
      break;
    case Colour::Magenta:
      code = "35";
      break;
    case Colour::Cyan:
      code = "36";
      break;
    case Colour::Dim:
      code = "2";
      break;
    case Colour::Bold:
      code = "1";
      break;
  }
  return std::string("\033[") + code + "m" + text + "\033[0m";
}

Colour colour_of(core::CaseOutcome outcome) {
  using O = core::CaseOutcome;
  switch (outcome) {
    case O::Fail:
    case O::UnexpectedPass:
      return Colour::Red;
    case O::Deviation:
      return Colour::Yellow;
    case O::Pass:
      return Colour::Green;
    case O::HarnessError:
      return Colour::Magenta;
    case O::Inconclusive:
      return Colour::Cyan;
    default:
      return Colour::Dim;
  }
}

std::string paint_block(const std::string& block, core::CaseOutcome outcome, bool on) {
  if (!on) return block;
  const size_t end = block.find('\n');
  if (end == std::string::npos) return paint(block, colour_of(outcome), true);
  return paint(block.substr(0, end), colour_of(outcome), true) + block.substr(end);
}

// Forwards to the stream's own buffer; the first byte after the line was drawn erases it first.
class LiveLine::Guard : public std::streambuf {
 public:
  Guard(std::streambuf* to, std::atomic<bool>& drawn) : to_(to), drawn_(drawn) {}

 protected:
  int overflow(int c) override {
    if (c == traits_type::eof()) return to_->pubsync() == 0 ? 0 : traits_type::eof();
    clear_line();
    return to_->sputc(static_cast<char>(c));
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    if (n > 0) clear_line();
    return to_->sputn(s, n);
  }
  int sync() override { return to_->pubsync(); }

 private:
  void clear_line() {
    if (!drawn_.exchange(false)) return;
    std::fputs(kErase, stdout);
    std::fflush(stdout);
  }
  std::streambuf* to_;
  std::atomic<bool>& drawn_;
};

LiveLine::LiveLine()
    : out_(std::make_unique<Guard>(std::cout.rdbuf(), drawn_)),
      err_(std::make_unique<Guard>(std::cerr.rdbuf(), drawn_)) {
  saved_out_ = std::cout.rdbuf(out_.get());
  saved_err_ = std::cerr.rdbuf(err_.get());
}

LiveLine::~LiveLine() {
  finish();
  std::cout.flush();
  std::cout.rdbuf(saved_out_);
  std::cerr.rdbuf(saved_err_);
}

void LiveLine::draw(const std::string& text) {
  std::cout.flush();  // what went through std::cout lands before the line
  std::fputs(kErase, stdout);
  std::fputs(text.c_str(), stdout);
  std::fflush(stdout);
  drawn_ = true;
}

void LiveLine::erase() {
  if (!drawn_.exchange(false)) return;
  std::fputs(kErase, stdout);
  std::fflush(stdout);
}

void LiveLine::finish() {
  if (!drawn_.exchange(false)) return;
  std::fputs("\n", stdout);
  std::fflush(stdout);
}

}  // namespace cc::suites
