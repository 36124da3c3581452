#include "modules/reports/xlsx.hpp"

#include <charconv>
#include <cstdint>

#include "modules/reports/zip.hpp"

namespace retainer::reports {
namespace {

constexpr std::string_view kXmlDecl = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)";
constexpr std::string_view kMainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

// Cell style indexes into cellXfs of styles.xml below.
enum Style { kPlain = 0, kBold = 1, kHours = 2, kRubles = 3, kHoursBold = 4, kRublesBold = 5 };

std::string styles_xml() {
    // numFmtId 2 is the built-in "0.00", 4 the built-in "#,##0.00".
    return std::string(kXmlDecl) + R"(<styleSheet xmlns=")" + std::string(kMainNs) + R"(">)" +
           R"(<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>)"
           R"(<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>)"
           R"(<fills count="2"><fill><patternFill patternType="none"/></fill>)"
           R"(<fill><patternFill patternType="gray125"/></fill></fills>)"
           R"(<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>)"
           R"(<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>)"
           R"(<cellXfs count="6">)"
           R"(<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>)"
           R"(<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>)"
           R"(<xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>)"
           R"(<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>)"
           R"(<xf numFmtId="2" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>)"
           R"(<xf numFmtId="4" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>)"
           R"(</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>)"
           R"(</styleSheet>)";
}

/// Hours as shown (hundredths), so a total cell equals the SUM of the cells a reader sees.
std::string hours_number(std::int64_t hundredths) {
    char buf[40];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, static_cast<double>(hundredths) / 100.0);
    return ec == std::errc() ? std::string(buf, end) : "0";
}

void text_cell(std::string& out, const std::string& ref, std::string_view text, int style) {
    out += R"(<c r=")" + ref + R"(" t="inlineStr")";
    if (style != kPlain) out += R"( s=")" + std::to_string(style) + '"';
    out += R"(><is><t xml:space="preserve">)" + xml_escape(text) + "</t></is></c>";
}

void number_cell(std::string& out, const std::string& ref, const std::string& number, int style) {
    out +=
        R"(<c r=")" + ref + R"(" s=")" + std::to_string(style) + R"("><v>)" + number + "</v></c>";
}

}  // namespace

std::string column_letters(std::size_t col) {
    std::string letters;
    ++col;
    while (col > 0) {
        --col;
        letters.insert(letters.begin(), static_cast<char>('A' + col % 26));
        col /= 26;
    }
    return letters;
}

std::string cell_ref(std::size_t row, std::size_t col) {
    return column_letters(col) + std::to_string(row + 1);
}

std::string xml_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char ch : text) {
        auto c = static_cast<unsigned char>(ch);
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
            default:
                if (c < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') break;
                out += ch;
        }
    }
    return out;
}

std::string sheet_xml(const Table& table, std::size_t frozen_columns) {
    std::string out(kXmlDecl);
    out += R"(<worksheet xmlns=")" + std::string(kMainNs) + R"(">)";
    out += R"(<sheetViews><sheetView workbookViewId="0"><pane xSplit=")" +
           std::to_string(frozen_columns) + R"(" ySplit="1" topLeftCell=")" +
           cell_ref(1, frozen_columns) +
           R"(" activePane="bottomRight" state="frozen"/></sheetView></sheetViews>)";
    if (frozen_columns > 0)
        out += R"(<cols><col min="1" max=")" + std::to_string(frozen_columns) +
               R"(" width="32" customWidth="1"/></cols>)";
    out += "<sheetData>";
    out += R"(<row r="1">)";
    for (std::size_t c = 0; c < table.header.size(); ++c)
        text_cell(out, cell_ref(0, c), table.header[c], kBold);
    out += "</row>";
    for (std::size_t r = 0; r < table.body.size(); ++r) {
        bool totals = r + 1 == table.body.size();
        out += R"(<row r=")" + std::to_string(r + 2) + R"(">)";
        const auto& row = table.body[r];
        for (std::size_t c = 0; c < row.size(); ++c) {
            const Table::Value& v = row[c];
            std::string ref = cell_ref(r + 1, c);
            switch (v.kind) {
                case Table::Value::Kind::kText:
                    if (!v.text.empty()) text_cell(out, ref, v.text, totals ? kBold : kPlain);
                    break;
                case Table::Value::Kind::kHours:
                    number_cell(out, ref, hours_number(v.amount), totals ? kHoursBold : kHours);
                    break;
                case Table::Value::Kind::kRubles:
                    number_cell(out, ref, format_rubles_plain(v.amount, '.'),
                                totals ? kRublesBold : kRubles);
                    break;
            }
        }
        out += "</row>";
    }
    out += "</sheetData></worksheet>";
    return out;
}

std::string to_xlsx(const Table& table, std::size_t frozen_columns, std::string_view sheet_name) {
    const std::string decl(kXmlDecl);
    const std::string rels_ns = "http://schemas.openxmlformats.org/package/2006/relationships";
    const std::string doc_rel =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    const std::string ct = "application/vnd.openxmlformats-officedocument.spreadsheetml.";
    std::vector<ZipEntry> parts = {
        {"[Content_Types].xml",
         decl +
             R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
             R"(<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
             R"(<Default Extension="xml" ContentType="application/xml"/>)"
             R"(<Override PartName="/xl/workbook.xml" ContentType=")" +
             ct + R"(sheet.main+xml"/>)" +
             R"(<Override PartName="/xl/worksheets/sheet1.xml" ContentType=")" + ct +
             R"(worksheet+xml"/>)" + R"(<Override PartName="/xl/styles.xml" ContentType=")" + ct +
             R"(styles+xml"/>)" + "</Types>"},
        {"_rels/.rels", decl + R"(<Relationships xmlns=")" + rels_ns + R"(">)" +
                            R"(<Relationship Id="rId1" Type=")" + doc_rel +
                            R"(/officeDocument" Target="xl/workbook.xml"/></Relationships>)"},
        {"xl/workbook.xml", decl + R"(<workbook xmlns=")" + std::string(kMainNs) +
                                R"(" xmlns:r=")" + doc_rel + R"("><sheets><sheet name=")" +
                                xml_escape(sheet_name) +
                                R"(" sheetId="1" r:id="rId1"/></sheets></workbook>)"},
        {"xl/_rels/workbook.xml.rels", decl + R"(<Relationships xmlns=")" + rels_ns + R"(">)" +
                                           R"(<Relationship Id="rId1" Type=")" + doc_rel +
                                           R"(/worksheet" Target="worksheets/sheet1.xml"/>)" +
                                           R"(<Relationship Id="rId2" Type=")" + doc_rel +
                                           R"(/styles" Target="styles.xml"/></Relationships>)"},
        {"xl/styles.xml", styles_xml()},
        {"xl/worksheets/sheet1.xml", sheet_xml(table, frozen_columns)},
    };
    return zip_archive(parts);
}

}  // namespace retainer::reports
