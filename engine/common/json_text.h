#pragma once
// A small JSON text writer for the store's *_json columns and the CLI's --format json. Values are
// appended in order; the caller keeps the structure balanced. No parsing here.
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace flowcnn {

// `s` as a JSON string literal, quotes included. Control characters are \u-escaped; bytes >= 0x80
// are copied as they are (UTF-8 stays UTF-8).
inline std::string json_quote(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 2);
    out += '"';
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    out += buf;
                } else {
                    out += ch;
                }
        }
    }
    out += '"';
    return out;
}

// Builds one JSON value: json.begin_object(); json.key("a").value(1); json.end_object();
class JsonWriter {
public:
    JsonWriter& begin_object() { return open('{'); }
    JsonWriter& end_object() { return close('}'); }
    JsonWriter& begin_array() { return open('['); }
    JsonWriter& end_array() { return close(']'); }
    JsonWriter& key(std::string_view k) {
        comma();
        out_ += json_quote(k);
        out_ += ':';
        after_key_ = true;
        return *this;
    }
    JsonWriter& value(std::string_view v) { return raw(json_quote(v)); }
    JsonWriter& value(const char* v) { return value(std::string_view(v)); }
    JsonWriter& value(const std::string& v) { return value(std::string_view(v)); }
    JsonWriter& value(bool v) { return raw(v ? "true" : "false"); }
    JsonWriter& value(std::int64_t v) { return raw(std::to_string(v)); }
    JsonWriter& value(std::uint64_t v) { return raw(std::to_string(v)); }
    JsonWriter& value(int v) { return raw(std::to_string(v)); }
    JsonWriter& value(double v) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.10g", v);
        return raw(buf);
    }
    JsonWriter& null() { return raw("null"); }
    // An already-encoded JSON value.
    JsonWriter& raw(std::string_view v) {
        comma();
        out_ += v;
        return *this;
    }
    const std::string& str() const { return out_; }

private:
    JsonWriter& open(char c) {
        comma();
        out_ += c;
        first_ = true;
        return *this;
    }
    JsonWriter& close(char c) {
        out_ += c;
        first_ = false;
        return *this;
    }
    void comma() {
        if (after_key_) {
            after_key_ = false;
            first_ = false;
            return;
        }
        if (!first_ && !out_.empty()) out_ += ',';
        first_ = false;
    }
    std::string out_;
    bool first_ = true;
    bool after_key_ = false;
};

// The store's names for them (most callers say store::JsonWriter).
namespace store {
using flowcnn::json_quote;
using flowcnn::JsonWriter;
}  // namespace store

}  // namespace flowcnn
