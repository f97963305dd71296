#pragma once
// CSV output as RFC 4180 describes it: fields separated by commas, records ended by CRLF, a field
// quoted when it holds a comma, a double quote, CR or LF (or starts/ends with a space), and quotes
// inside doubled. Used for flow lists and leaderboards.
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace flowcnn::exporter {

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

}  // namespace flowcnn::exporter
