// Inline SVG charts: sizes derive from the data, labels are escaped, NaN values draw nothing.
#include "app/analysis/svg.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

namespace peninsula::app::analysis {
namespace {

constexpr double kWidth = 760, kLeft = 170, kRight = 30, kTop = 40, kBar = 12;
const char* const kPalette[] = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd",
                                "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};

const char* Colour(std::size_t k) { return kPalette[k % (sizeof kPalette / sizeof *kPalette)]; }

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

// Linear map of [lo, hi] (always containing 0) onto the plot's width.
struct Scale {
  double lo = 0, hi = 0;
  double X(double v) const { return kLeft + (v - lo) / (hi - lo) * (kWidth - kLeft - kRight); }
  void Include(double v) {
    if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
  }
  void Finish() {
    if (hi - lo < 1e-12) hi = lo + 1;
    double pad = 0.05 * (hi - lo);
    lo -= lo < 0 ? pad : 0, hi += hi > 0 ? pad : 0;
  }
};

void Open(std::ostringstream& s, const Chart& c, double height) {
  s << "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"chart-" << EscapeXml(c.id)
    << "\" role=\"img\" width=\"" << kWidth << "\" height=\"" << Num(height) << "\" viewBox=\"0 0 "
    << kWidth << ' ' << Num(height) << "\"><title>" << EscapeXml(c.title) << "</title>"
    << "<text x=\"10\" y=\"18\" class=\"chart-title\">" << EscapeXml(c.title)
    << (c.unit.empty() ? "" : " (" + EscapeXml(c.unit) + ")") << "</text>";
}

// The legend in as many lines as the chart's width needs (many series, long names); returns
// how far the plot below it moves down.
double Legend(std::ostringstream& s, const std::vector<Series>& series) {
  double x = kLeft, y = 26;
  for (std::size_t k = 0; k < series.size(); ++k) {
    const double width = 24 + 7.0 * series[k].name.size();
    if (x > kLeft && x + width > kWidth - 10) x = kLeft, y += 14;
    s << "<rect x=\"" << Num(x) << "\" y=\"" << Num(y) << "\" width=\"10\" height=\"10\" fill=\""
      << Colour(k) << "\"/><text x=\"" << Num(x + 14) << "\" y=\"" << Num(y + 9)
      << "\" class=\"legend\">" << EscapeXml(series[k].name) << "</text>";
    x += width;
  }
  return y - 26;
}

void Axis(std::ostringstream& s, const Scale& sc, double top, double bottom) {
  s << "<line x1=\"" << Num(sc.X(0)) << "\" x2=\"" << Num(sc.X(0)) << "\" y1=\"" << Num(top)
    << "\" y2=\"" << Num(bottom) << "\" stroke=\"#333\"/>";
  for (double v : {sc.lo, 0.0, sc.hi}) {
    s << "<text x=\"" << Num(sc.X(v)) << "\" y=\"" << Num(bottom + 14)
      << "\" text-anchor=\"middle\" class=\"tick\">" << FormatNumber(v) << "</text>";
  }
}

void BarRect(std::ostringstream& s, const Scale& sc, double v, double y, double h,
             const char* colour, const std::string& tip) {
  double x0 = sc.X(std::min(0.0, v)), x1 = sc.X(std::max(0.0, v));
  s << "<rect x=\"" << Num(x0) << "\" y=\"" << Num(y) << "\" width=\""
    << Num(std::max(x1 - x0, 0.5)) << "\" height=\"" << Num(h) << "\" fill=\"" << colour
    << "\"><title>" << EscapeXml(tip) << "</title></rect>";
}

std::string Bars(const Chart& c) {
  Scale sc;
  for (const auto& se : c.series)
    for (double v : se.values) sc.Include(v);
  sc.Finish();
  std::ostringstream legend;
  const double top = kTop + Legend(legend, c.series);
  const double row = kBar * c.series.size() + 8;
  const double height = top + row * c.categories.size() + 30;
  std::ostringstream s;
  Open(s, c, height);
  s << legend.str();
  for (std::size_t i = 0; i < c.categories.size(); ++i) {
    double y = top + row * i;
    s << "<text x=\"" << Num(kLeft - 6) << "\" y=\"" << Num(y + row / 2 + 3)
      << "\" text-anchor=\"end\" class=\"label\">" << EscapeXml(c.categories[i]) << "</text>";
    for (std::size_t k = 0; k < c.series.size(); ++k) {
      double v = c.series[k].values[i];
      if (!std::isfinite(v)) continue;
      BarRect(s, sc, v, y + 4 + kBar * k, kBar - 1, Colour(k),
              c.categories[i] + ", " + c.series[k].name + ": " + FormatNumber(v));
    }
  }
  Axis(s, sc, top, top + row * c.categories.size());
  s << "</svg>";
  return s.str();
}

std::string Stacked(const Chart& c) {
  Scale sc;
  for (std::size_t i = 0; i < c.categories.size(); ++i) {
    double pos = 0, neg = 0;
    for (const auto& se : c.series) (se.values[i] > 0 ? pos : neg) += se.values[i];
    sc.Include(pos), sc.Include(neg);
    if (i < c.totals.size()) sc.Include(c.totals[i]);
  }
  sc.Finish();
  std::ostringstream legend;
  const double top = kTop + Legend(legend, c.series);
  const double row = 22, height = top + row * c.categories.size() + 30;
  std::ostringstream s;
  Open(s, c, height);
  s << legend.str();
  for (std::size_t i = 0; i < c.categories.size(); ++i) {
    double y = top + row * i, pos = 0, neg = 0;
    s << "<text x=\"" << Num(kLeft - 6) << "\" y=\"" << Num(y + 15)
      << "\" text-anchor=\"end\" class=\"label\">" << EscapeXml(c.categories[i]) << "</text>";
    for (std::size_t k = 0; k < c.series.size(); ++k) {
      double v = c.series[k].values[i];
      if (!std::isfinite(v) || v == 0) continue;
      double& base = v > 0 ? pos : neg;
      double x0 = sc.X(base), x1 = sc.X(base + v);
      base += v;
      s << "<rect x=\"" << Num(std::min(x0, x1)) << "\" y=\"" << Num(y + 4) << "\" width=\""
        << Num(std::max(std::abs(x1 - x0), 0.5)) << "\" height=\"14\" fill=\"" << Colour(k)
        << "\"><title>"
        << EscapeXml(c.categories[i] + ", " + c.series[k].name + ": " + FormatNumber(v))
        << "</title></rect>";
    }
    if (i < c.totals.size() && std::isfinite(c.totals[i])) {
      s << "<rect class=\"total\" x=\"" << Num(sc.X(c.totals[i]) - 1.5) << "\" y=\"" << Num(y + 1)
        << "\" width=\"3\" height=\"20\" fill=\"#000\"><title>total: " << FormatNumber(c.totals[i])
        << "</title></rect>";
    }
  }
  Axis(s, sc, top, top + row * c.categories.size());
  s << "</svg>";
  return s.str();
}

std::string HeatColour(double v, double max_abs) {
  if (!std::isfinite(v)) return "#eeeeee";
  double t = std::min(1.0, std::abs(v) / max_abs);
  int fade = static_cast<int>(255 * (1 - 0.75 * t));
  char buf[16];
  if (v >= 0) {
    std::snprintf(buf, sizeof buf, "#%02x%02xff", fade, fade);  // blue: gains
  } else {
    std::snprintf(buf, sizeof buf, "#ff%02x%02x", fade, fade);  // red: losses
  }
  return buf;
}

std::string Heatmap(const Chart& c) {
  const std::size_t rows = c.categories.size(), cols = c.columns.size();
  const auto& v = c.series.at(0).values;
  double max_abs = 1e-12;
  for (double x : v)
    if (std::isfinite(x)) max_abs = std::max(max_abs, std::abs(x));
  const double cw = std::min(90.0, (kWidth - kLeft - kRight) / std::max<std::size_t>(cols, 1));
  const double ch = 24, height = kTop + 20 + ch * rows + 10;
  std::ostringstream s;
  Open(s, c, height);
  for (std::size_t j = 0; j < cols; ++j) {
    s << "<text x=\"" << Num(kLeft + cw * (j + 0.5)) << "\" y=\"" << Num(kTop + 12)
      << "\" text-anchor=\"middle\" class=\"label\">" << EscapeXml(c.columns[j]) << "</text>";
  }
  for (std::size_t i = 0; i < rows; ++i) {
    double y = kTop + 20 + ch * i;
    s << "<text x=\"" << Num(kLeft - 6) << "\" y=\"" << Num(y + 16)
      << "\" text-anchor=\"end\" class=\"label\">" << EscapeXml(c.categories[i]) << "</text>";
    for (std::size_t j = 0; j < cols; ++j) {
      double x = v[i * cols + j];
      s << "<rect x=\"" << Num(kLeft + cw * j) << "\" y=\"" << Num(y) << "\" width=\""
        << Num(cw - 2) << "\" height=\"" << Num(ch - 2) << "\" fill=\"" << HeatColour(x, max_abs)
        << "\"><title>"
        << EscapeXml(c.categories[i] + " / " + c.columns[j] + ": " + FormatNumber(x))
        << "</title></rect><text x=\"" << Num(kLeft + cw * (j + 0.5) - 1) << "\" y=\""
        << Num(y + 15) << "\" text-anchor=\"middle\" class=\"cell\">" << FormatNumber(x, 1)
        << "</text>";
    }
  }
  s << "</svg>";
  return s.str();
}

// Time paths: years along x, one polyline per series, broken at NaN; the zero line marked.
std::string Lines(const Chart& c) {
  constexpr double left = 70, plot_height = 220;
  std::ostringstream legend;
  const double top = kTop + Legend(legend, c.series);
  double lo = 0, hi = 0;
  for (const auto& se : c.series)
    for (double v : se.values)
      if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
  if (hi - lo < 1e-12) hi = lo + 1;
  const std::size_t n = c.categories.size();
  auto X = [&](std::size_t k) {
    return left + (n > 1 ? k * (kWidth - left - kRight) / (n - 1) : 0.0);
  };
  auto Y = [&](double v) { return top + (hi - v) / (hi - lo) * plot_height; };
  std::ostringstream s;
  Open(s, c, top + plot_height + 40);
  s << legend.str() << "<rect x=\"" << Num(left) << "\" y=\"" << Num(top) << "\" width=\""
    << Num(kWidth - left - kRight) << "\" height=\"" << Num(plot_height)
    << "\" fill=\"none\" stroke=\"#ccc\"/><line x1=\"" << Num(left) << "\" x2=\""
    << Num(kWidth - kRight) << "\" y1=\"" << Num(Y(0)) << "\" y2=\"" << Num(Y(0))
    << "\" stroke=\"#333\"/>";
  for (double v : {lo, 0.0, hi}) {
    if (v == 0.0 && (lo == 0.0 || hi == 0.0)) continue;  // drawn as lo or hi already
    s << "<text x=\"" << Num(left - 4) << "\" y=\"" << Num(Y(v) + 4)
      << "\" text-anchor=\"end\" class=\"tick\">" << FormatNumber(v, 3) << "</text>";
  }
  const std::size_t every = std::max<std::size_t>(1, (n + 7) / 8);
  for (std::size_t k = 0; k < n; k += every) {
    s << "<text x=\"" << Num(X(k)) << "\" y=\"" << Num(top + plot_height + 14)
      << "\" text-anchor=\"middle\" class=\"tick\">" << EscapeXml(c.categories[k]) << "</text>";
  }
  for (std::size_t q = 0; q < c.series.size(); ++q) {
    std::string points;
    auto flush = [&] {
      if (points.find(' ') != std::string::npos) {
        s << "<polyline fill=\"none\" stroke-width=\"1.5\" stroke=\"" << Colour(q) << "\" points=\""
          << points << "\"><title>" << EscapeXml(c.series[q].name) << "</title></polyline>";
      }
      points.clear();
    };
    for (std::size_t k = 0; k < n && k < c.series[q].values.size(); ++k) {
      double v = c.series[q].values[k];
      if (!std::isfinite(v)) {
        flush();
        continue;
      }
      points += (points.empty() ? "" : " ") + Num(X(k)) + "," + Num(Y(v));
    }
    flush();
  }
  s << "</svg>";
  return s.str();
}

}  // namespace

std::string EscapeXml(const std::string& text) {
  std::string out;
  for (char ch : text) {
    switch (ch) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += ch;
    }
  }
  return out;
}

std::string FormatNumber(double v, int decimals) {
  if (!std::isfinite(v)) return "n/a";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string RenderSvg(const Chart& chart) {
  switch (chart.kind) {
    case ChartKind::kStacked:
      return Stacked(chart);
    case ChartKind::kHeatmap:
      return Heatmap(chart);
    case ChartKind::kLines:
      return Lines(chart);
    case ChartKind::kBars:
      break;
  }
  return Bars(chart);
}

}  // namespace peninsula::app::analysis
