// HTML and CSV rendering of a report Document.
#include "app/analysis/html.hpp"

#include <sstream>

#include "app/analysis/svg.hpp"

namespace peninsula::app::analysis {
namespace {

const char* const kStyle = R"(
body{font-family:sans-serif;max-width:1000px;margin:2em auto;color:#222;line-height:1.4}
h1{border-bottom:2px solid #1f77b4}h2{margin-top:2em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:1em 0;font-size:90%}
th,td{border:1px solid #ccc;padding:3px 8px}td.n{text-align:right}th{background:#f0f4f8}
caption{font-weight:bold;text-align:left;padding:4px 0}
nav a{margin-right:1em}.facts{color:#555;font-size:85%}
svg.chart{display:block;margin:1em 0;font-size:11px}.chart-title{font-weight:bold;font-size:13px}
)";

std::string CellHtml(const Cell& c) {
  if (c.is_number) return "<td class=\"n\">" + FormatNumber(c.number) + "</td>";
  return "<td>" + EscapeXml(c.text) + "</td>";
}

void TableHtml(std::ostringstream& s, const DataTable& t) {
  s << "<table id=\"table-" << EscapeXml(t.id) << "\"><caption>" << EscapeXml(t.title)
    << " <small>(" << EscapeXml(t.id) << ".csv)</small></caption><tr>";
  for (const auto& h : t.header) s << "<th>" << EscapeXml(h) << "</th>";
  s << "</tr>";
  for (const auto& row : t.rows) {
    s << "<tr>";
    for (const auto& c : row) s << CellHtml(c);
    s << "</tr>";
  }
  s << "</table>\n";
}

std::string CsvField(const std::string& f) {
  if (f.find_first_of(",\"\n") == std::string::npos) return f;
  std::string out = "\"";
  for (char c : f) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

std::string RenderHtml(const Document& doc) {
  std::ostringstream s;
  // The policy forbids every fetch and script: the page must render from itself alone.
  s << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
    << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
       "style-src 'unsafe-inline'\"><title>"
    << EscapeXml(doc.title) << "</title><style>" << kStyle << "</style></head><body>\n<h1>"
    << EscapeXml(doc.title) << "</h1>\n<div class=\"facts\">";
  for (const auto& f : doc.facts) s << EscapeXml(f) << "<br>";
  s << "</div>\n<nav>";
  for (const auto& sec : doc.sections) {
    s << "<a href=\"#" << EscapeXml(sec.id) << "\">" << EscapeXml(sec.title) << "</a>";
  }
  s << "</nav>\n";
  for (const auto& sec : doc.sections) {
    s << "<section id=\"" << EscapeXml(sec.id) << "\"><h2>" << EscapeXml(sec.title) << "</h2>\n";
    for (const auto& item : sec.items) {
      if (const auto* p = std::get_if<std::string>(&item)) s << "<p>" << EscapeXml(*p) << "</p>\n";
      if (const auto* t = std::get_if<DataTable>(&item)) TableHtml(s, *t);
      if (const auto* c = std::get_if<Chart>(&item)) s << RenderSvg(*c) << "\n";
    }
    s << "</section>\n";
  }
  s << "</body></html>\n";
  return s.str();
}

std::string RenderCsv(const DataTable& t) {
  std::ostringstream s;
  for (std::size_t k = 0; k < t.header.size(); ++k) s << (k ? "," : "") << CsvField(t.header[k]);
  s << "\n";
  for (const auto& row : t.rows) {
    for (std::size_t k = 0; k < row.size(); ++k) {
      s << (k ? "," : "");
      if (!row[k].is_number) {
        s << CsvField(row[k].text);
      } else if (std::isfinite(row[k].number)) {
        char buf[40];
        std::snprintf(buf, sizeof buf, "%.10g", row[k].number);  // full precision, not rounded
        s << buf;
      }
    }
    s << "\n";
  }
  return s.str();
}

std::vector<const DataTable*> Tables(const Document& doc) {
  std::vector<const DataTable*> out;
  for (const auto& sec : doc.sections)
    for (const auto& item : sec.items)
      if (const auto* t = std::get_if<DataTable>(&item)) out.push_back(t);
  return out;
}

std::vector<const Chart*> Charts(const Document& doc) {
  std::vector<const Chart*> out;
  for (const auto& sec : doc.sections)
    for (const auto& item : sec.items)
      if (const auto* c = std::get_if<Chart>(&item)) out.push_back(c);
  return out;
}

}  // namespace peninsula::app::analysis
