#pragma once
// A small well-formedness checker, so the tests need no XML library: one root element, tags
// nested and matched, attributes quoted and unique, only the five predefined entities and
// character references, and only characters XML 1.0 allows (valid UTF-8). In html mode it also
// accepts <!DOCTYPE html> and treats <script> and <style> bodies as raw text — report.html is
// written to pass it, which catches an unclosed or misnested element.
#include <string>
#include <string_view>

namespace cc::reports::testing {

// "" when well-formed, else the first problem and its byte offset.
std::string xml_problem(std::string_view doc, bool html = false);

}  // namespace cc::reports::testing
