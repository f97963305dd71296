#pragma once
// CSV output as RFC 4180 describes it: fields separated by commas, records ended by CRLF, a field
// quoted when it holds a comma, a double quote, CR or LF (or starts/ends with a space), and quotes
// inside doubled. Used for flow lists and leaderboards. CsvReader reads such files back (and
// per-flow label files of other tools).
#include <cstdint>
#include <cstdio>
#include <istream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace flowcnn {

// The field as it appears in a CSV record (quoted only when needed).
std::string csv_escape(std::string_view field);
// One record without the line end.
std::string csv_row(const std::vector<std::string>& cells);

class CsvWriter {
public:
    // Creates (truncates) the file. Throws IoError.
    explicit CsvWriter(const std::string& path);
    ~CsvWriter();  // closes; errors at this point are lost, call close() to see them
    CsvWriter(const CsvWriter&) = delete;
    CsvWriter& operator=(const CsvWriter&) = delete;

    void row(const std::vector<std::string>& cells);  // throws IoError
    void close();                                     // flushes; throws IoError (e.g. disk full)
    std::size_t rows() const { return rows_; }

private:
    std::FILE* f_ = nullptr;
    std::string path_;
    std::size_t rows_ = 0;
};

// CSV input, RFC 4180 read as leniently as Python's csv module reads it: fields separated by
// commas; a field that starts with a double quote is quoted and may hold commas, line ends and
// doubled quotes; records end with CRLF, LF or a lone CR. A quote inside an unquoted field is an
// ordinary character, and so is text after a quoted field's closing quote ("a"b -> ab). A UTF-8
// byte-order mark at the start is skipped and empty lines are skipped. A quoted field still open
// at the end of the input is a FormatError naming the source and the line it opened on.
class CsvReader {
public:
    // Reads `in`, which must outlive the reader; `source` names it in error messages.
    CsvReader(std::istream& in, std::string source);
    // Opens a file (named in error messages). Throws IoError when it cannot be read.
    explicit CsvReader(const std::string& path);
    ~CsvReader();
    CsvReader(const CsvReader&) = delete;
    CsvReader& operator=(const CsvReader&) = delete;

    // The next record's fields; false (and no fields) at the end of the input. Throws FormatError
    // (unclosed quote) or IoError (read error).
    bool next(std::vector<std::string>& fields);
    std::int64_t line() const { return line_; }  // line (from 1) the last record started on
    const std::string& source() const { return source_; }

private:
    int get();   // next byte or -1 at the end
    int peek();  // the same without consuming it
    bool fill();

    std::unique_ptr<std::istream> owned_;
    std::istream* in_ = nullptr;
    std::string source_;
    std::string buf_;
    std::size_t pos_ = 0, len_ = 0;
    bool started_ = false, eof_ = false;
    std::int64_t line_ = 0, next_line_ = 1;
};

// The exporters' names for them (callers say exporter::CsvWriter, exporter::CsvReader).
namespace exporter {
using flowcnn::csv_escape;
using flowcnn::csv_row;
using flowcnn::CsvReader;
using flowcnn::CsvWriter;
}  // namespace exporter

}  // namespace flowcnn
