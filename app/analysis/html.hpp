// The report's formats: one self-contained HTML page (inline CSS and SVG, no scripts, nothing
// fetched), one CSV per table, and one xlsx workbook with a sheet per table.
#pragma once

#include <string>
#include <vector>

#include "app/analysis/report_model.hpp"

namespace peninsula::app::analysis {

std::string RenderHtml(const Document& doc);
std::string RenderCsv(const DataTable& table);
// Every table of the document, in order.
std::vector<const DataTable*> Tables(const Document& doc);
std::vector<const Chart*> Charts(const Document& doc);
// An Office Open XML workbook (a zip archive of stored entries) with one sheet per table.
std::string RenderXlsx(const std::vector<const DataTable*>& tables);

}  // namespace peninsula::app::analysis
