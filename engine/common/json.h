#pragma once
// A small JSON value (parse and dump) for metadata: hyper-parameters, training options, metrics,
// stored run and model descriptions. In common so that the store and the model engine share it
// without depending on each other. Objects keep their keys sorted, so dump() is stable (used for keys and files).
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace flowcnn {

class Json {
public:
    using Array = std::vector<Json>;
    using Object = std::map<std::string, Json, std::less<>>;

    Json() = default;  // null
    Json(std::nullptr_t) {}
    Json(bool b) : v_(b) {}
    Json(int i) : v_(static_cast<double>(i)) {}
    Json(std::int64_t i) : v_(static_cast<double>(i)) {}
    Json(std::uint64_t i) : v_(static_cast<double>(i)) {}
    Json(double d) : v_(d) {}
    Json(const char* s) : v_(std::string(s)) {}
    Json(std::string s) : v_(std::move(s)) {}
    Json(std::string_view s) : v_(std::string(s)) {}
    Json(Array a) : v_(std::move(a)) {}
    Json(Object o) : v_(std::move(o)) {}
    static Json array() { return Json(Array{}); }
    static Json object() { return Json(Object{}); }

    bool is_null() const { return v_.index() == 0; }
    bool is_bool() const { return v_.index() == 1; }
    bool is_number() const { return v_.index() == 2; }
    bool is_string() const { return v_.index() == 3; }
    bool is_array() const { return v_.index() == 4; }
    bool is_object() const { return v_.index() == 5; }

    // Typed access; throw FormatError on a type mismatch.
    bool as_bool() const;
    double as_number() const;
    std::int64_t as_int() const;
    const std::string& as_string() const;
    const Array& as_array() const;
    Array& as_array();
    const Object& as_object() const;
    Object& as_object();

    // Object access: operator[] inserts (turning null into an object); at() throws FormatError.
    Json& operator[](std::string_view key);
    const Json& at(std::string_view key) const;
    bool contains(std::string_view key) const;
    // Value of `key`, or `fallback` when absent or null.
    double get(std::string_view key, double fallback) const;
    std::int64_t get_int(std::string_view key, std::int64_t fallback) const;
    std::string get(std::string_view key, std::string_view fallback) const;
    bool get(std::string_view key, bool fallback) const;
    void push_back(Json v);
    std::size_t size() const;

    // Compact, sorted keys, numbers with up to 17 significant digits (integers without exponent).
    std::string dump() const;
    // Throws FormatError with the offset on malformed text.
    static Json parse(std::string_view text);

private:
    std::variant<std::nullptr_t, bool, double, std::string, Array, Object> v_;
};

// The model engine's name for it (most callers say model::Json).
namespace model {
using flowcnn::Json;
}

}  // namespace flowcnn
