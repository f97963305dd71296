#include "engine/common/csv.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "engine/common/error.h"

namespace flowcnn {

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

CsvReader::CsvReader(std::istream& in, std::string source) : in_(&in), source_(std::move(source)) {}

CsvReader::CsvReader(const std::string& path) : source_(path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw IoError("cannot read '" + path + "': it is a folder");
    auto f = std::make_unique<std::ifstream>(path, std::ios::binary);
    if (!f->is_open()) throw IoError("cannot open '" + path + "': " + std::strerror(errno));
    owned_ = std::move(f);
    in_ = owned_.get();
}

CsvReader::~CsvReader() = default;

bool CsvReader::fill() {
    if (eof_) return false;
    constexpr std::size_t kChunk = 1 << 16;
    buf_.resize(kChunk);
    in_->read(buf_.data(), static_cast<std::streamsize>(kChunk));
    len_ = static_cast<std::size_t>(in_->gcount());
    pos_ = 0;
    if (in_->bad()) throw IoError("cannot read '" + source_ + "'");
    if (len_ < kChunk) eof_ = true;
    if (!started_) {  // skip a UTF-8 byte-order mark
        started_ = true;
        if (len_ >= 3 && buf_.compare(0, 3, "\xEF\xBB\xBF") == 0) pos_ = 3;
    }
    return pos_ < len_;
}

int CsvReader::get() {
    if (pos_ == len_ && !fill()) return -1;
    return static_cast<unsigned char>(buf_[pos_++]);
}

int CsvReader::peek() {
    if (pos_ == len_ && !fill()) return -1;
    return static_cast<unsigned char>(buf_[pos_]);
}

bool CsvReader::next(std::vector<std::string>& fields) {
    fields.clear();
    enum class State { FieldStart, Unquoted, Quoted, QuoteInQuoted } st = State::FieldStart;
    std::string field;
    std::int64_t quote_line = 0;
    line_ = next_line_;
    for (;;) {
        const int c = get();
        if (c < 0) {
            if (st == State::Quoted)
                throw FormatError(source_ + " line " + std::to_string(quote_line) +
                                  ": a quoted field is not closed by the end of the file");
            if (st == State::FieldStart && fields.empty()) return false;
            fields.push_back(std::move(field));
            return true;
        }
        const char ch = static_cast<char>(c);
        if (st == State::Quoted) {
            if (ch == '"') st = State::QuoteInQuoted;
            else field += ch;
            if (ch == '\n') ++next_line_;
            continue;
        }
        if (ch == '\r' || ch == '\n') {  // the record ends (outside quotes)
            if (ch == '\r' && peek() == '\n') get();
            ++next_line_;
            if (st == State::FieldStart && fields.empty()) {  // an empty line
                line_ = next_line_;
                continue;
            }
            fields.push_back(std::move(field));
            return true;
        }
        if (ch == ',') {
            fields.push_back(std::move(field));
            field.clear();
            st = State::FieldStart;
            continue;
        }
        if (st == State::FieldStart && ch == '"') {
            st = State::Quoted;
            quote_line = next_line_;
            continue;
        }
        if (st == State::QuoteInQuoted && ch == '"') {  // a doubled quote
            field += '"';
            st = State::Quoted;
            continue;
        }
        field += ch;
        st = State::Unquoted;
    }
}

}  // namespace flowcnn
