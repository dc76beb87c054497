// #rate-limits: for every "burst" observation, an inline SVG bar chart of accepted vs throttled
// calls per 100 ms bin, with axes, labels and a legend. Inline SVG needs no xmlns in HTML, so the
// page holds no URL of its own.
#include <algorithm>
#include <cstdio>
#include <sstream>

#include "reports/html_parts.h"
#include "reports/model.h"

namespace cc::reports::html {
namespace {

// At least one second of bins: the window the documented limits are stated over.
constexpr int kMinBins = 10;

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

}  // namespace

std::string burst_chart(const Burst& burst, const std::string& title) {
  const std::vector<Burst::Bin>& bins = burst.bins;
  const int n = std::max<int>(kMinBins, static_cast<int>(bins.size()));
  int top = 1;
  for (const auto& b : bins) top = std::max({top, b.accepted, b.throttled});
  const int step = top <= 10 ? 1 : top <= 25 ? 5 : top <= 50 ? 10 : (top + 4) / 5;
  top = (top + step - 1) / step * step;

  const double left = 48, right = 16, upper = 34, lower = 42, group = 44, plot_h = 180;
  const double width = left + right + n * group, height = upper + plot_h + lower;
  auto y = [&](double v) { return upper + plot_h - plot_h * v / top; };
  std::ostringstream out;
  out << "<svg role=\"img\" width=\"" << num(width) << "\" height=\"" << num(height)
      << "\" viewBox=\"0 0 " << num(width) << " " << num(height)
      << "\" font-family=\"system-ui,sans-serif\" font-size=\"11\">\n"
      << "<title>" << esc(title) << "</title>\n";
  // Grid and y axis.
  for (int v = 0; v <= top; v += step)
    out << "<line x1=\"" << num(left) << "\" x2=\"" << num(width - right) << "\" y1=\"" << num(y(v))
        << "\" y2=\"" << num(y(v)) << "\" stroke=\"#d0d7de\" stroke-width=\""
        << (v == 0 ? 1.5 : 0.5) << "\"/>"
        << "<text x=\"" << num(left - 6) << "\" y=\"" << num(y(v) + 4) << "\" text-anchor=\"end\">"
        << v << "</text>\n";
  out << "<text transform=\"translate(12," << num(upper + plot_h / 2)
      << ") rotate(-90)\" text-anchor=\"middle\">"
      << "calls</text>\n";
  // Bars: accepted and throttled side by side in each 100 ms bin.
  for (int i = 0; i < n; ++i) {
    const Burst::Bin bin = i < static_cast<int>(bins.size()) ? bins[i] : Burst::Bin{};
    const double x0 = left + i * group + 6;
    const int a = bin.accepted, t = bin.throttled;
    const std::string range = std::to_string(i * 100) + "–" + std::to_string((i + 1) * 100) + " ms";
    out << "<rect class=\"bar accepted\" x=\"" << num(x0) << "\" y=\"" << num(y(a))
        << "\" width=\"15\" height=\"" << num(plot_h * a / top) << "\" fill=\"#2da44e\"><title>"
        << range << ": " << a << " accepted</title></rect>"
        << "<rect class=\"bar throttled\" x=\"" << num(x0 + 16) << "\" y=\"" << num(y(t))
        << "\" width=\"15\" height=\"" << num(plot_h * t / top) << "\" fill=\"#cf222e\"><title>"
        << range << ": " << t << " throttled</title></rect>"
        << "<text x=\"" << num(x0 + 16) << "\" y=\"" << num(upper + plot_h + 14)
        << "\" text-anchor=\"middle\">" << i * 100 << "</text>\n";
  }
  out << "<text x=\"" << num(left + n * group / 2) << "\" y=\"" << num(height - 8)
      << "\" text-anchor=\"middle\">"
      << "ms since the burst started (100 ms bins)</text>\n";
  // Legend.
  out << "<rect x=\"" << num(left)
      << "\" y=\"8\" width=\"12\" height=\"12\" fill=\"#2da44e\"/><text x=\"" << num(left + 16)
      << "\" y=\"18\">accepted</text>"
      << "<rect x=\"" << num(left + 90)
      << "\" y=\"8\" width=\"12\" height=\"12\" fill=\"#cf222e\"/><text x=\"" << num(left + 106)
      << "\" y=\"18\">throttled</text>\n</svg>";
  return out.str();
}

namespace {

// One burst's figure: the chart and a caption with its numbers.
std::string burst_figure(const Case& c, const Burst& b) {
  std::ostringstream out;
  const long long calls = b.calls;
  out << "<figure class=\"chart\" data-burst=\"1\" id=\"rate-" << esc(case_anchor(c.id).substr(5))
      << "\">\n"
      << burst_chart(b, c.id + ": accepted vs throttled per 100 ms") << "\n<figcaption>"
      << case_link(c.id) << " " << outcome_badge(c.outcome) << "<br/>" << calls
      << " calls (twice the documented " << calls / 2 << "/s) in " << esc(format_ms(b.duration_ms))
      << ": " << b.accepted << " accepted, " << b.throttled
      << " throttled.</figcaption>\n</figure>\n";
  return out.str();
}

}  // namespace

std::string rate_limits(const Results& r) {
  std::ostringstream out;
  out << "<section id=\"rate-limits\">\n<h2>Rate limits</h2>\n";
  int charts = 0;
  for (const Case& c : r.cases)
    for (const Observation& o : c.observations)
      if (o.burst) {
        out << burst_figure(c, *o.burst);
        ++charts;
      }
  if (charts == 0) out << "<p class=\"muted\">No case of this run measured a burst.</p>\n";
  out << "</section>\n";
  return out.str();
}

}  // namespace cc::reports::html
