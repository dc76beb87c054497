#pragma once
// Text that goes into XML, HTML and Markdown: whatever a target answered (binary bodies, control
// characters, markup) must come out as inert, well-formed text.
#include <string>
#include <string_view>

namespace cc::reports {

// Valid UTF-8 holding only characters XML 1.0 allows: invalid sequences become U+FFFD, control
// characters other than tab, newline and carriage return are dropped.
std::string clean_text(std::string_view s);

// clean_text, then & < > " ' as character references: safe in element content and in quoted
// attributes, of XML and of HTML alike.
std::string xml_escape(std::string_view s);

// For a Markdown table cell or list item: one line, pipes and markup characters escaped, at most
// max_chars characters (shortened as `shorten` does).
std::string markdown_inline(std::string_view s, std::size_t max_chars = 200);

// At most max_chars characters: unchanged when it fits, else cut after the last whole word (or at
// a line break, or after punctuation such as ',' in JSON) and " …" appended. Only a single token
// longer than half the limit is cut inside, at a character boundary. A reader must never see
// half a word and take it for what the target said.
std::string shorten(std::string_view s, std::size_t max_chars);
// How many characters (not bytes) of UTF-8 text.
std::size_t char_count(std::string_view s);

// The first non-empty line, trimmed.
std::string first_line(std::string_view s);

// Cuts at a UTF-8 character boundary near max_bytes and appends a note of what was cut.
std::string truncate_utf8(std::string_view s, std::size_t max_bytes);

}  // namespace cc::reports
