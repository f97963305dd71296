#pragma once
// ASCII text helpers for protocol text (HTTP header names, host names, CSV fields): case folding
// of A-Z only, whatever the process locale, and the HTTP header whitespace trim.
#include <string>
#include <string_view>

namespace flowcnn {

constexpr char ascii_lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

inline std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = ascii_lower(c);
    return out;
}

// `s` equals `lower`, ignoring the case of `s` (`lower` is given in lower case).
constexpr bool iequals(std::string_view s, std::string_view lower) noexcept {
    if (s.size() != lower.size()) return false;
    for (std::size_t i = 0; i < s.size(); ++i)
        if (ascii_lower(s[i]) != lower[i]) return false;
    return true;
}

// `s` starts with `lower_prefix`, ignoring the case of `s`.
constexpr bool istarts_with(std::string_view s, std::string_view lower_prefix) noexcept {
    return s.size() >= lower_prefix.size() && iequals(s.substr(0, lower_prefix.size()), lower_prefix);
}

// An HTTP header value or name without the optional whitespace around it (spaces and tabs, and the
// CR of a CRLF line end).
constexpr std::string_view trim_header_space(std::string_view s) noexcept {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

}  // namespace flowcnn
