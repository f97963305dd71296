#include "engine/common/json.h"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "engine/common/error.h"
#include "engine/common/json_text.h"

namespace flowcnn {
namespace {

[[noreturn]] void type_error(const char* want) {
    throw FormatError(std::string("JSON: expected ") + want);
}

void dump_string(const std::string& s, std::string& out) { out += json_quote(s); }

void dump_number(double d, std::string& out) {
    if (!std::isfinite(d)) {
        out += "null";
        return;
    }
    if (d == std::floor(d) && std::fabs(d) < 1e15) {
        out += std::to_string(static_cast<long long>(d));
        return;
    }
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, d);
    out.append(buf, r.ptr);
}

struct Parser {
    std::string_view s;
    std::size_t i = 0;

    [[noreturn]] void fail(const char* what) const {
        throw FormatError("JSON: " + std::string(what) + " at offset " + std::to_string(i));
    }
    void ws() {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t')) ++i;
    }
    bool eat(char c) {
        ws();
        if (i < s.size() && s[i] == c) {
            ++i;
            return true;
        }
        return false;
    }
    void expect(char c) {
        if (!eat(c)) fail((std::string("expected '") + c + "'").c_str());
    }
    static void put_utf8(unsigned cp, std::string& out) {
        if (cp < 0x80) {
            out.push_back(static_cast<char>(cp));
        } else if (cp < 0x800) {
            out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else if (cp < 0x10000) {
            out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else {
            out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        }
    }
    unsigned hex4() {
        if (i + 4 > s.size()) fail("truncated \\u escape");
        unsigned v = 0;
        for (int k = 0; k < 4; ++k) {
            char c = s[i++];
            v <<= 4;
            if (c >= '0' && c <= '9') v |= static_cast<unsigned>(c - '0');
            else if (c >= 'a' && c <= 'f') v |= static_cast<unsigned>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') v |= static_cast<unsigned>(c - 'A' + 10);
            else fail("bad \\u escape");
        }
        return v;
    }
    std::string str() {
        expect('"');
        std::string out;
        while (true) {
            if (i >= s.size()) fail("unterminated string");
            char c = s[i++];
            if (c == '"') break;
            if (c != '\\') {
                out.push_back(c);
                continue;
            }
            if (i >= s.size()) fail("unterminated string");
            char e = s[i++];
            switch (e) {
                case '"': out.push_back('"'); break;
                case '\\': out.push_back('\\'); break;
                case '/': out.push_back('/'); break;
                case 'n': out.push_back('\n'); break;
                case 'r': out.push_back('\r'); break;
                case 't': out.push_back('\t'); break;
                case 'b': out.push_back('\b'); break;
                case 'f': out.push_back('\f'); break;
                case 'u': {
                    unsigned cp = hex4();
                    if (cp >= 0xD800 && cp < 0xDC00 && i + 1 < s.size() && s[i] == '\\' &&
                        s[i + 1] == 'u') {
                        i += 2;
                        unsigned lo = hex4();
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    }
                    put_utf8(cp, out);
                    break;
                }
                default: fail("bad escape");
            }
        }
        return out;
    }
    Json value(int depth) {
        if (depth > 200) fail("nested too deeply");
        ws();
        if (i >= s.size()) fail("unexpected end");
        char c = s[i];
        if (c == '{') {
            ++i;
            Json::Object o;
            if (eat('}')) return Json(std::move(o));
            do {
                ws();
                std::string k = str();
                expect(':');
                o[std::move(k)] = value(depth + 1);
            } while (eat(','));
            expect('}');
            return Json(std::move(o));
        }
        if (c == '[') {
            ++i;
            Json::Array a;
            if (eat(']')) return Json(std::move(a));
            do {
                a.push_back(value(depth + 1));
            } while (eat(','));
            expect(']');
            return Json(std::move(a));
        }
        if (c == '"') return Json(str());
        if (s.substr(i, 4) == "true") {
            i += 4;
            return Json(true);
        }
        if (s.substr(i, 5) == "false") {
            i += 5;
            return Json(false);
        }
        if (s.substr(i, 4) == "null") {
            i += 4;
            return Json();
        }
        double d = 0;
        const char* b = s.data() + i;
        auto r = std::from_chars(b, s.data() + s.size(), d);
        if (r.ec != std::errc() || r.ptr == b) fail("unexpected character");
        i += static_cast<std::size_t>(r.ptr - b);
        return Json(d);
    }
};

}  // namespace

bool Json::as_bool() const {
    if (!is_bool()) type_error("a boolean");
    return std::get<bool>(v_);
}
double Json::as_number() const {
    if (!is_number()) type_error("a number");
    return std::get<double>(v_);
}
std::int64_t Json::as_int() const {
    double d = as_number();
    if (d != std::floor(d)) type_error("an integer");
    // Converting a double outside int64's range (1e300, inf) is undefined: refuse it instead.
    if (!(d >= -9.2e18 && d <= 9.2e18)) type_error("an integer within +-9.2e18");
    return static_cast<std::int64_t>(d);
}
const std::string& Json::as_string() const {
    if (!is_string()) type_error("a string");
    return std::get<std::string>(v_);
}
const Json::Array& Json::as_array() const {
    if (!is_array()) type_error("an array");
    return std::get<Array>(v_);
}
Json::Array& Json::as_array() {
    if (!is_array()) type_error("an array");
    return std::get<Array>(v_);
}
const Json::Object& Json::as_object() const {
    if (!is_object()) type_error("an object");
    return std::get<Object>(v_);
}
Json::Object& Json::as_object() {
    if (!is_object()) type_error("an object");
    return std::get<Object>(v_);
}
Json& Json::operator[](std::string_view key) {
    if (is_null()) v_ = Object{};
    auto& o = as_object();
    auto it = o.find(key);
    if (it == o.end()) it = o.emplace(std::string(key), Json()).first;
    return it->second;
}
const Json& Json::at(std::string_view key) const {
    auto& o = as_object();
    auto it = o.find(key);
    if (it == o.end()) throw FormatError("JSON: missing key '" + std::string(key) + "'");
    return it->second;
}
bool Json::contains(std::string_view key) const {
    return is_object() && as_object().find(key) != as_object().end();
}
double Json::get(std::string_view key, double fallback) const {
    if (!contains(key) || at(key).is_null()) return fallback;
    return at(key).as_number();
}
std::int64_t Json::get_int(std::string_view key, std::int64_t fallback) const {
    if (!contains(key) || at(key).is_null()) return fallback;
    return at(key).as_int();
}
std::string Json::get(std::string_view key, std::string_view fallback) const {
    if (!contains(key) || at(key).is_null()) return std::string(fallback);
    return at(key).as_string();
}
bool Json::get(std::string_view key, bool fallback) const {
    if (!contains(key) || at(key).is_null()) return fallback;
    return at(key).as_bool();
}
void Json::push_back(Json v) {
    if (is_null()) v_ = Array{};
    as_array().push_back(std::move(v));
}
std::size_t Json::size() const {
    if (is_array()) return as_array().size();
    if (is_object()) return as_object().size();
    return 0;
}

std::string Json::dump() const {
    std::string out;
    struct Dumper {
        std::string& out;
        void operator()(const Json& j) const {
            if (j.is_null()) out += "null";
            else if (j.is_bool()) out += j.as_bool() ? "true" : "false";
            else if (j.is_number()) dump_number(j.as_number(), out);
            else if (j.is_string()) dump_string(j.as_string(), out);
            else if (j.is_array()) {
                out.push_back('[');
                bool first = true;
                for (auto& e : j.as_array()) {
                    if (!first) out.push_back(',');
                    first = false;
                    (*this)(e);
                }
                out.push_back(']');
            } else {
                out.push_back('{');
                bool first = true;
                for (auto& [k, v] : j.as_object()) {
                    if (!first) out.push_back(',');
                    first = false;
                    dump_string(k, out);
                    out.push_back(':');
                    (*this)(v);
                }
                out.push_back('}');
            }
        }
    };
    Dumper{out}(*this);
    return out;
}

Json Json::parse(std::string_view text) {
    Parser p{text};
    Json v = p.value(0);
    p.ws();
    if (p.i != text.size()) p.fail("trailing characters");
    return v;
}

}  // namespace flowcnn
