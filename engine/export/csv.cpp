#include "engine/export/csv.h"

#include <cerrno>
#include <cstring>

#include "engine/common/error.h"

namespace flowcnn::exporter {

std::string csv_escape(std::string_view field) {
    bool quote = field.find_first_of(",\"\r\n") != std::string_view::npos ||
                 (!field.empty() && (field.front() == ' ' || field.back() == ' '));
    if (!quote) return std::string(field);
    std::string s = "\"";
    for (char c : field) {
        if (c == '"') s += '"';
        s += c;
    }
    s += '"';
    return s;
}

std::string csv_row(const std::vector<std::string>& cells) {
    std::string s;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i) s += ',';
        s += csv_escape(cells[i]);
    }
    return s;
}

CsvWriter::CsvWriter(const std::string& path) : path_(path) {
    f_ = std::fopen(path.c_str(), "wb");
    if (!f_) throw IoError("cannot create '" + path + "': " + std::strerror(errno));
}

CsvWriter::~CsvWriter() {
    if (f_) std::fclose(f_);
}

void CsvWriter::row(const std::vector<std::string>& cells) {
    if (!f_) throw IoError("'" + path_ + "' is closed");
    std::string line = csv_row(cells);
    line += "\r\n";
    if (std::fwrite(line.data(), 1, line.size(), f_) != line.size())
        throw IoError("cannot write '" + path_ + "': " + std::strerror(errno));
    ++rows_;
}

void CsvWriter::close() {
    if (!f_) return;
    bool ok = std::fflush(f_) == 0;
    ok = std::fclose(f_) == 0 && ok;
    f_ = nullptr;
    if (!ok) throw IoError("cannot finish '" + path_ + "': " + std::strerror(errno));
}

}  // namespace flowcnn::exporter
