// RenderXlsx: a minimal Office Open XML workbook written by hand. The zip archive stores its
// entries uncompressed (method 0, valid for every reader), so no compression library is
// needed; the CRC-32 is the zip standard's (polynomial 0xEDB88320).
#include <array>
#include <cstdint>
#include <cstdio>
#include <set>
#include <sstream>

#include "app/analysis/html.hpp"
#include "app/analysis/svg.hpp"

namespace peninsula::app::analysis {
namespace {

std::uint32_t Crc32(const std::string& data) {
  static const std::array<std::uint32_t, 256> table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t n = 0; n < 256; ++n) {
      std::uint32_t c = n;
      for (int k = 0; k < 8; ++k) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[n] = c;
    }
    return t;
  }();
  std::uint32_t c = 0xFFFFFFFFu;
  for (unsigned char b : data) c = table[(c ^ b) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

void Put16(std::string& out, std::uint32_t v) {
  out += static_cast<char>(v & 0xFF);
  out += static_cast<char>((v >> 8) & 0xFF);
}
void Put32(std::string& out, std::uint32_t v) {
  Put16(out, v & 0xFFFF);
  Put16(out, v >> 16);
}

// A zip archive of stored entries (fixed timestamp 1980-01-01, so output is reproducible).
class Zip {
 public:
  void Add(const std::string& name, const std::string& data) {
    std::uint32_t crc = Crc32(data), offset = static_cast<std::uint32_t>(body_.size());
    Header(body_, 0x04034b50, name, data.size(), crc, false, 0);
    body_ += name + data;
    Header(central_, 0x02014b50, name, data.size(), crc, true, offset);
    central_ += name;
    ++entries_;
  }
  std::string Finish() const {
    std::string out = body_ + central_;
    Put32(out, 0x06054b50);
    Put16(out, 0), Put16(out, 0), Put16(out, entries_), Put16(out, entries_);
    Put32(out, static_cast<std::uint32_t>(central_.size()));
    Put32(out, static_cast<std::uint32_t>(body_.size()));
    Put16(out, 0);
    return out;
  }

 private:
  static void Header(std::string& out, std::uint32_t sig, const std::string& name, std::size_t size,
                     std::uint32_t crc, bool central, std::uint32_t offset) {
    Put32(out, sig);
    if (central) Put16(out, 20);      // version made by
    Put16(out, 20);                   // version needed
    Put16(out, 0x0800);               // UTF-8 names
    Put16(out, 0);                    // stored
    Put16(out, 0), Put16(out, 0x21);  // time 00:00, date 1980-01-01
    Put32(out, crc);
    Put32(out, static_cast<std::uint32_t>(size));
    Put32(out, static_cast<std::uint32_t>(size));
    Put16(out, static_cast<std::uint32_t>(name.size()));
    Put16(out, 0);  // extra
    if (!central) return;
    Put16(out, 0), Put16(out, 0), Put16(out, 0);  // comment, disk, internal attributes
    Put32(out, 0);                                // external attributes
    Put32(out, offset);
  }
  std::string body_, central_;
  std::uint32_t entries_ = 0;
};

std::string Column(std::size_t k) {
  std::string s;
  for (++k; k > 0; k = (k - 1) / 26) s.insert(s.begin(), static_cast<char>('A' + (k - 1) % 26));
  return s;
}

std::string TextCell(const std::string& ref, const std::string& text) {
  return "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + EscapeXml(text) + "</t></is></c>";
}

std::string Sheet(const DataTable& t) {
  std::ostringstream s;
  s << "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet "
       "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>";
  s << "<row r=\"1\">" << TextCell("A1", t.title) << "</row><row r=\"2\">";
  for (std::size_t k = 0; k < t.header.size(); ++k) s << TextCell(Column(k) + "2", t.header[k]);
  s << "</row>";
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    std::string row = std::to_string(r + 3);
    s << "<row r=\"" << row << "\">";
    for (std::size_t k = 0; k < t.rows[r].size(); ++k) {
      const Cell& c = t.rows[r][k];
      if (!c.is_number) {
        s << TextCell(Column(k) + row, c.text);
      } else if (std::isfinite(c.number)) {
        char buf[40];
        std::snprintf(buf, sizeof buf, "%.15g", c.number);
        s << "<c r=\"" << Column(k) << row << "\"><v>" << buf << "</v></c>";
      }
    }
    s << "</row>";
  }
  s << "</sheetData></worksheet>";
  return s.str();
}

// Excel sheet names: at most 31 characters, none of []:*?/\, unique.
std::string SheetName(const std::string& id, std::size_t k, std::set<std::string>& used) {
  std::string name;
  for (char c : id) name += std::string("[]:*?/\\").find(c) == std::string::npos ? c : '_';
  name = name.substr(0, 31);
  if (name.empty() || !used.insert(name).second) {
    name = name.substr(0, 25) + "_" + std::to_string(k + 1);
    used.insert(name);
  }
  return name;
}

}  // namespace

std::string RenderXlsx(const std::vector<const DataTable*>& tables) {
  const std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
  const std::string rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  std::ostringstream types, book, rels;
  types << xml << "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        << "<Default Extension=\"rels\" ContentType=\"application/"
           "vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" "
           "ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" "
           "ContentType=\"application/"
           "vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>";
  book << xml << "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
       << "xmlns:r=\"" << rel << "\"><sheets>";
  rels << xml << "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
       << "relationships\">";
  Zip zip;
  std::set<std::string> used;
  for (std::size_t k = 0; k < tables.size(); ++k) {
    std::string n = std::to_string(k + 1);
    types << "<Override PartName=\"/xl/worksheets/sheet" << n << ".xml\" ContentType=\"application/"
          << "vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>";
    book << "<sheet name=\"" << EscapeXml(SheetName(tables[k]->id, k, used)) << "\" sheetId=\"" << n
         << "\" r:id=\"rId" << n << "\"/>";
    rels << "<Relationship Id=\"rId" << n << "\" Type=\"" << rel
         << "/worksheet\" Target=\"worksheets/sheet" << n << ".xml\"/>";
  }
  types << "</Types>";
  book << "</sheets></workbook>";
  rels << "</Relationships>";
  zip.Add("[Content_Types].xml", types.str());
  zip.Add("_rels/.rels", xml +
                             "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/"
                             "2006/relationships\"><Relationship Id=\"rId1\" Type=\"" +
                             rel + "/officeDocument\" Target=\"xl/workbook.xml\"/>" +
                             "</Relationships>");
  zip.Add("xl/workbook.xml", book.str());
  zip.Add("xl/_rels/workbook.xml.rels", rels.str());
  for (std::size_t k = 0; k < tables.size(); ++k) {
    zip.Add("xl/worksheets/sheet" + std::to_string(k + 1) + ".xml", Sheet(*tables[k]));
  }
  return zip.Finish();
}

}  // namespace peninsula::app::analysis
