#include "harness/core/linear_regex.h"

#include <cctype>
#include <stdexcept>

namespace cc::core {

namespace {

using Op = LinearRegex::Op;
using Bytes = std::bitset<256>;

constexpr size_t kMaxInstructions = 20000;
constexpr int kMaxCount = 1000;  // the largest n or m of {n,m}
constexpr int kUnbounded = -1;

struct Node {
  enum class Kind { Bytes, Concat, Alt, Repeat, Assert } kind = Kind::Concat;
  Bytes bytes;
  std::vector<Node> kids;
  int min = 0, max = 0;  // Repeat
  Op assertion = Op::AtBegin;
};

Node bytes_node(const Bytes& b) {
  Node n;
  n.kind = Node::Kind::Bytes;
  n.bytes = b;
  return n;
}

Node byte_node(unsigned char c) {
  Bytes b;
  b.set(c);
  return bytes_node(b);
}

Node assert_node(Op op) {
  Node n;
  n.kind = Node::Kind::Assert;
  n.assertion = op;
  return n;
}

bool is_word(unsigned char c) { return std::isalnum(c) || c == '_'; }

Bytes class_of(bool (*in)(unsigned char)) {
  Bytes b;
  for (int c = 0; c < 256; ++c)
    if (in(static_cast<unsigned char>(c))) b.set(c);
  return b;
}

// \d \w \s and their capitals into `out`; false for any other letter.
bool class_escape(char e, Bytes& out) {
  static const auto digit = [](unsigned char c) { return c >= '0' && c <= '9'; };
  static const auto space = [](unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
  switch (e) {
    case 'd':
      out = class_of(+digit);
      return true;
    case 'D':
      out = ~class_of(+digit);
      return true;
    case 'w':
      out = class_of(is_word);
      return true;
    case 'W':
      out = ~class_of(is_word);
      return true;
    case 's':
      out = class_of(+space);
      return true;
    case 'S':
      out = ~class_of(+space);
      return true;
    default:
      return false;
  }
}

class Parser {
 public:
  explicit Parser(std::string_view p) : p_(p) {}

  Node parse() {
    Node n = alternation();
    if (i_ < p_.size()) fail("')' without its '('");
    return n;
  }

 private:
  [[noreturn]] void fail(const std::string& why) const {
    throw std::invalid_argument(why + " (at character " + std::to_string(i_ + 1) + ")");
  }
  bool more() const { return i_ < p_.size(); }
  char peek() const { return p_[i_]; }
  bool eat(char c) {
    if (!more() || peek() != c) return false;
    ++i_;
    return true;
  }
  char next() {
    if (!more()) fail("the pattern ends after '\\'");
    return p_[i_++];
  }

  Node alternation() {
    Node alt;
    alt.kind = Node::Kind::Alt;
    alt.kids.push_back(sequence());
    while (eat('|')) alt.kids.push_back(sequence());
    return alt.kids.size() == 1 ? std::move(alt.kids[0]) : alt;
  }

  Node sequence() {
    Node seq;
    while (more() && peek() != '|' && peek() != ')') seq.kids.push_back(quantified());
    return seq;
  }

  Node quantified() {
    Node atom = this->atom();
    int min = 0, max = 0;
    if (!quantifier(min, max)) return atom;
    if (atom.kind == Node::Kind::Assert) fail("a quantifier on an assertion");
    eat('?');  // lazy: the same whole matches
    if (more() && std::string_view("*+?{").find(peek()) != std::string_view::npos)
      fail("a quantifier on a quantifier");
    Node r;
    r.kind = Node::Kind::Repeat;
    r.min = min;
    r.max = max;
    r.kids.push_back(std::move(atom));
    return r;
  }

  bool quantifier(int& min, int& max) {
    if (eat('*')) return min = 0, max = kUnbounded, true;
    if (eat('+')) return min = 1, max = kUnbounded, true;
    if (eat('?')) return min = 0, max = 1, true;
    if (!eat('{')) return false;
    min = max = count();
    if (eat(',')) max = more() && peek() == '}' ? kUnbounded : count();
    if (!eat('}')) fail("a '{' that is no {n}, {n,} or {n,m} (a literal brace is \\{)");
    if (max != kUnbounded && max < min) fail("{n,m} with m below n");
    return true;
  }

  int count() {
    int n = 0;
    if (!more() || !std::isdigit(static_cast<unsigned char>(peek())))
      fail("a '{' that is no {n}, {n,} or {n,m} (a literal brace is \\{)");
    while (more() && std::isdigit(static_cast<unsigned char>(peek()))) {
      n = n * 10 + (p_[i_++] - '0');
      if (n > kMaxCount) fail("a repetition count over " + std::to_string(kMaxCount));
    }
    return n;
  }

  Node atom() {
    const char c = p_[i_++];
    switch (c) {
      case '(':
        return group();
      case '[':
        return bytes_node(char_class());
      case '.':
        return bytes_node(~(Bytes().set('\n').set('\r')));
      case '^':
        return assert_node(Op::AtBegin);
      case '$':
        return assert_node(Op::AtEnd);
      case '\\':
        return escape();
      case '*':
      case '+':
      case '?':
      case '{':
        --i_;
        fail("nothing to repeat");
      default:
        return byte_node(static_cast<unsigned char>(c));
    }
  }

  Node group() {
    if (eat('?')) {
      if (!eat(':')) fail("lookaround is not supported in a case pattern");
    }
    Node inner = alternation();
    if (!eat(')')) fail("a '(' without its ')'");
    return inner;
  }

  Node escape() {
    const char e = next();
    Bytes b;
    if (class_escape(e, b)) return bytes_node(b);
    if (e == 'b') return assert_node(Op::WordBoundary);
    if (e == 'B') return assert_node(Op::NotWordBoundary);
    if (e >= '1' && e <= '9') fail("backreferences are not supported in a case pattern");
    return byte_node(escaped_byte(e));
  }

  // The byte an escape stands for, in or out of a class (\b excepted: the caller's).
  unsigned char escaped_byte(char e) {
    switch (e) {
      case 't':
        return '\t';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 'v':
        return '\v';
      case 'f':
        return '\f';
      case '0':
        return '\0';
      case 'x':
        return static_cast<unsigned char>(hex(2));
      case 'u': {
        const int code = hex(4);
        if (code > 0x7f) fail("a \\u escape beyond ASCII (write the character itself)");
        return static_cast<unsigned char>(code);
      }
      default:
        if (std::isalnum(static_cast<unsigned char>(e))) fail(std::string("unknown escape \\") + e);
        return static_cast<unsigned char>(e);
    }
  }

  int hex(int digits) {
    int v = 0;
    for (int k = 0; k < digits; ++k) {
      const char h = more() ? p_[i_++] : '\0';
      if (!std::isxdigit(static_cast<unsigned char>(h)))
        fail("a \\x or \\u without its hex digits");
      v = v * 16 +
          (std::isdigit(static_cast<unsigned char>(h)) ? h - '0' : std::tolower(h) - 'a' + 10);
    }
    return v;
  }

  Bytes char_class() {
    const bool negate = eat('^');
    Bytes set;
    while (!eat(']')) {
      if (!more()) fail("a '[' without its ']'");
      Bytes b;
      if (eat('\\')) {
        const char e = next();
        if (class_escape(e, b)) {
          set |= b;
          continue;
        }
        range(e == 'b' ? '\b' : escaped_byte(e), set);
      } else {
        range(static_cast<unsigned char>(p_[i_++]), set);
      }
    }
    return negate ? ~set : set;
  }

  // `lo`, or the range lo-hi when a '-' and an end follow.
  void range(unsigned char lo, Bytes& set) {
    if (!(more() && peek() == '-' && i_ + 1 < p_.size() && p_[i_ + 1] != ']')) {
      set.set(lo);
      return;
    }
    ++i_;
    unsigned char hi = static_cast<unsigned char>(p_[i_++]);
    if (hi == '\\') {
      const char e = next();
      Bytes ignored;
      if (class_escape(e, ignored)) fail("a class escape as the end of a range");
      hi = e == 'b' ? '\b' : escaped_byte(e);
    }
    if (hi < lo) fail("a range out of order");
    for (int c = lo; c <= hi; ++c) set.set(c);
  }

  std::string_view p_;
  size_t i_ = 0;
};

class Emitter {
 public:
  explicit Emitter(std::vector<LinearRegex::Instruction>& program) : prog_(program) {}

  void emit(const Node& n) {
    switch (n.kind) {
      case Node::Kind::Bytes:
        push(Op::Byte).bytes = n.bytes;
        break;
      case Node::Kind::Assert:
        push(n.assertion);
        break;
      case Node::Kind::Concat:
        for (const Node& k : n.kids) emit(k);
        break;
      case Node::Kind::Alt:
        alternatives(n.kids);
        break;
      case Node::Kind::Repeat:
        repeat(n.kids[0], n.min, n.max);
        break;
    }
  }

 private:
  LinearRegex::Instruction& push(Op op) {
    if (prog_.size() >= kMaxInstructions)
      throw std::invalid_argument("the pattern is too large (over " +
                                  std::to_string(kMaxInstructions) + " instructions)");
    prog_.push_back({op, 0, 0, {}});
    return prog_.back();
  }
  int here() const { return static_cast<int>(prog_.size()); }

  void alternatives(const std::vector<Node>& kids) {
    std::vector<int> jumps;
    for (size_t k = 0; k + 1 < kids.size(); ++k) {
      const int split = here();
      push(Op::Split).x = split + 1;
      emit(kids[k]);
      jumps.push_back(here());
      push(Op::Jump);
      prog_[split].y = here();
    }
    emit(kids.back());
    for (int j : jumps) prog_[j].x = here();
  }

  void repeat(const Node& kid, int min, int max) {
    for (int k = 0; k < min; ++k) emit(kid);
    if (max == kUnbounded) {
      const int loop = here();
      push(Op::Split).x = loop + 1;
      emit(kid);
      push(Op::Jump).x = loop;
      prog_[loop].y = here();
      return;
    }
    std::vector<int> splits;
    for (int k = min; k < max; ++k) {
      const int split = here();
      splits.push_back(split);
      push(Op::Split).x = split + 1;
      emit(kid);
    }
    for (int s : splits) prog_[s].y = here();
  }

  std::vector<LinearRegex::Instruction>& prog_;
};

}  // namespace

LinearRegex::LinearRegex(std::string_view pattern) {
  const Node tree = Parser(pattern).parse();
  std::vector<Instruction> program;
  Emitter(program).emit(tree);
  program.push_back({Op::Match, 0, 0, {}});
  program_ = std::move(program);
}

bool LinearRegex::matches(std::string_view text) const {
  // Each list holds the Byte and Match instructions live at one position, every instruction at
  // most once (mark): hence the time linear in the text, whatever the pattern.
  const size_t n = text.size();
  std::vector<size_t> mark(program_.size(), static_cast<size_t>(-1));
  std::vector<int> current, next, stack;
  auto add = [&](std::vector<int>& list, int start, size_t pos) {
    stack.assign(1, start);
    while (!stack.empty()) {
      const int pc = stack.back();
      stack.pop_back();
      if (mark[pc] == pos) continue;
      mark[pc] = pos;
      const Instruction& in = program_[pc];
      const bool before = pos > 0 && is_word(text[pos - 1]);
      const bool after = pos < n && is_word(text[pos]);
      switch (in.op) {
        case Op::Byte:
        case Op::Match:
          list.push_back(pc);
          break;
        case Op::Jump:
          stack.push_back(in.x);
          break;
        case Op::Split:
          stack.push_back(in.y), stack.push_back(in.x);
          break;
        case Op::AtBegin:
          if (pos == 0) stack.push_back(pc + 1);
          break;
        case Op::AtEnd:
          if (pos == n) stack.push_back(pc + 1);
          break;
        case Op::WordBoundary:
          if (before != after) stack.push_back(pc + 1);
          break;
        case Op::NotWordBoundary:
          if (before == after) stack.push_back(pc + 1);
          break;
      }
    }
  };
  add(current, 0, 0);
  for (size_t pos = 0; pos < n && !current.empty(); ++pos) {
    next.clear();
    const auto byte = static_cast<unsigned char>(text[pos]);
    for (int pc : current)
      if (program_[pc].op == Op::Byte && program_[pc].bytes.test(byte)) add(next, pc + 1, pos + 1);
    current.swap(next);
  }
  for (int pc : current)
    if (program_[pc].op == Op::Match) return true;
  return false;
}

}  // namespace cc::core
