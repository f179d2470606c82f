// Charts of the report as inline SVG (no scripts, no fonts or files fetched): grouped
// horizontal bars, stacked bars with totals, and heatmaps, from report_model.hpp's Chart.
#pragma once

#include <string>

#include "app/analysis/report_model.hpp"

namespace peninsula::app::analysis {

std::string RenderSvg(const Chart& chart);
std::string EscapeXml(const std::string& text);
// A number as the report prints it: fixed decimals, "n/a" for NaN.
std::string FormatNumber(double v, int decimals = 2);

}  // namespace peninsula::app::analysis
