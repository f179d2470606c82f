// The report as data: sections of paragraphs, tables and charts, built from the results file
// (report_build.cpp) and rendered as HTML with inline SVG (html.cpp, svg.cpp), CSV and xlsx
// (xlsx.cpp). Keeping the content apart from the formats means every format shows the same
// numbers, all read from the HDF5 file.
#pragma once

#include <cmath>
#include <string>
#include <variant>
#include <vector>

namespace peninsula::app::analysis {

struct Cell {
  std::string text;  // shown when the cell is not a number
  double number = NAN;
  bool is_number = false;
  static Cell Text(std::string t) { return {std::move(t), NAN, false}; }
  static Cell Number(double v) { return {"", v, true}; }
};

struct DataTable {
  std::string id;  // file name of its CSV and sheet name in the workbook
  std::string title;
  std::vector<std::string> header;
  std::vector<std::vector<Cell>> rows;
};

struct Series {
  std::string name;
  std::vector<double> values;  // one per category (NaN: no bar)
};

enum class ChartKind { kBars, kStacked, kHeatmap, kLines };

// Bars: categories along the axis, one bar per series. Stacked: one bar per category made of
// the series (components), with `totals` marked. Heatmap: rows = categories, columns =
// `columns`, series[0].values row-major. Lines: categories along the x axis (years), one line
// per series.
struct Chart {
  ChartKind kind = ChartKind::kBars;
  std::string id, title, unit;
  std::vector<std::string> categories;
  std::vector<Series> series;
  std::vector<std::string> columns;
  std::vector<double> totals;
};

using Item = std::variant<std::string, DataTable, Chart>;  // a paragraph, a table or a chart

struct Section {
  std::string id, title;
  std::vector<Item> items;
};

struct Document {
  std::string title;
  std::vector<std::string> facts;  // provenance lines
  std::vector<Section> sections;
};

}  // namespace peninsula::app::analysis
