#include "modules/reports/xlsx.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdint>
#include <map>

#include "modules/reports/zip.hpp"

namespace retainer::reports {
namespace {

std::uint32_t u32(const std::string& s, std::size_t at) {
    std::uint32_t v = 0;
    for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(s[at + i]);
    return v;
}
std::uint16_t u16(const std::string& s, std::size_t at) {
    return static_cast<std::uint16_t>(static_cast<unsigned char>(s[at]) |
                                      (static_cast<unsigned char>(s[at + 1]) << 8));
}

std::string inflate_raw(const std::string& packed, std::size_t size) {
    std::string out(size, '\0');
    z_stream zs{};
    EXPECT_EQ(inflateInit2(&zs, -15), Z_OK);
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data()));
    zs.avail_in = static_cast<uInt>(packed.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    EXPECT_EQ(inflate(&zs, Z_FINISH), Z_STREAM_END);
    inflateEnd(&zs);
    return out;
}

// Reads an archive through its central directory, as unzip does.
std::map<std::string, std::string> unzip(const std::string& zip) {
    std::map<std::string, std::string> files;
    std::size_t eocd = zip.size() - 22;
    EXPECT_EQ(u32(zip, eocd), 0x06054b50u);
    std::size_t count = u16(zip, eocd + 10);
    std::size_t at = u32(zip, eocd + 16);
    for (std::size_t i = 0; i < count; ++i) {
        EXPECT_EQ(u32(zip, at), 0x02014b50u);
        std::uint32_t crc = u32(zip, at + 16);
        std::size_t packed = u32(zip, at + 20), size = u32(zip, at + 24);
        std::size_t name_len = u16(zip, at + 28);
        std::size_t local = u32(zip, at + 42);
        std::string name = zip.substr(at + 46, name_len);
        EXPECT_EQ(u32(zip, local), 0x04034b50u);
        std::size_t data_at = local + 30 + u16(zip, local + 26) + u16(zip, local + 28);
        std::string data = inflate_raw(zip.substr(data_at, packed), size);
        EXPECT_EQ(crc32_of(data), crc) << name;
        files[name] = data;
        at += 46 + name_len;
    }
    return files;
}

Table one_line_table() {
    using V = Table::Value;
    Table t;
    t.header = {"Сотрудник", "2026-01, ч", "2026-01, ₽"};
    t.body = {{{V::Kind::kText, "Анна & <Ко>", 0},
               {V::Kind::kHours, {}, 150},
               {V::Kind::kRubles, {}, 150'000}},
              {{V::Kind::kText, "Итого", 0},
               {V::Kind::kHours, {}, 150},
               {V::Kind::kRubles, {}, 150'000}}};
    return t;
}

}  // namespace

TEST(Xlsx, ColumnLettersRunAToZThenAA) {
    EXPECT_EQ(column_letters(0), "A");
    EXPECT_EQ(column_letters(25), "Z");
    EXPECT_EQ(column_letters(26), "AA");
    EXPECT_EQ(column_letters(51), "AZ");
    EXPECT_EQ(column_letters(701), "ZZ");
    EXPECT_EQ(column_letters(702), "AAA");
    EXPECT_EQ(column_letters(16383), "XFD");  // Excel's last column
}

TEST(Xlsx, CellRefsAreOneBasedRows) {
    EXPECT_EQ(cell_ref(0, 0), "A1");
    EXPECT_EQ(cell_ref(2, 1), "B3");
    EXPECT_EQ(cell_ref(9, 27), "AB10");
}

TEST(Xlsx, XmlEscapingDropsForbiddenControlCharacters) {
    EXPECT_EQ(xml_escape("a<b>&\"c\""), "a&lt;b&gt;&amp;&quot;c&quot;");
    EXPECT_EQ(xml_escape(std::string("x\x01y\tz", 5)), "xy\tz");
    EXPECT_EQ(xml_escape("Ромашка"), "Ромашка");
}

TEST(Xlsx, SheetHasNumbersAsNumbersAndTextInline) {
    std::string xml = sheet_xml(one_line_table(), 1);
    EXPECT_NE(
        xml.find(
            R"(<c r="A2" t="inlineStr"><is><t xml:space="preserve">Анна &amp; &lt;Ко&gt;</t></is></c>)"),
        std::string::npos);
    EXPECT_NE(xml.find(R"(<c r="B2" s="2"><v>1.5</v></c>)"), std::string::npos);
    EXPECT_NE(xml.find(R"(<c r="C2" s="3"><v>1500.00</v></c>)"), std::string::npos);
    EXPECT_NE(xml.find(R"(<c r="C3" s="5"><v>1500.00</v></c>)"), std::string::npos);  // bold total
    EXPECT_NE(xml.find(R"(topLeftCell="B2")"), std::string::npos);
}

TEST(Zip, ArchiveReadsBackThroughItsCentralDirectory) {
    std::string big(100'000, 'x');
    auto files = unzip(zip_archive({{"a.txt", "hello"}, {"dir/b.xml", big}, {"empty", ""}}));
    ASSERT_EQ(files.size(), 3u);
    EXPECT_EQ(files["a.txt"], "hello");
    EXPECT_EQ(files["dir/b.xml"], big);
    EXPECT_EQ(files["empty"], "");
}

TEST(Zip, SameInputGivesSameBytes) {
    EXPECT_EQ(zip_archive({{"a", "1"}}), zip_archive({{"a", "1"}}));
}

TEST(Xlsx, WorkbookHoldsThePartsExcelNeeds) {
    auto files = unzip(to_xlsx(one_line_table(), 1, "Трудозатраты"));
    for (const char* part :
         {"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
          "xl/styles.xml", "xl/worksheets/sheet1.xml"})
        EXPECT_TRUE(files.count(part)) << part;
    EXPECT_NE(
        files["xl/workbook.xml"].find(R"(<sheet name="Трудозатраты" sheetId="1" r:id="rId1"/>)"),
        std::string::npos);
}

}  // namespace retainer::reports
