#include "app/cli/args.h"

#include <unistd.h>

#include <atomic>
#include <charconv>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>

#include "engine/common/error.h"

namespace flowcnn::cli {

Args::Args(const std::vector<std::string>& argv, std::initializer_list<std::string_view> value_options,
           std::initializer_list<std::string_view> flags) {
    auto is_in = [](std::initializer_list<std::string_view> list, std::string_view n) {
        for (auto x : list)
            if (x == n) return true;
        return false;
    };
    bool only_positional = false;
    for (std::size_t i = 0; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        if (only_positional || a.size() < 2 || a[0] != '-' || a == "-") {
            positional_.push_back(a);
            continue;
        }
        if (a == "--") {
            only_positional = true;
            continue;
        }
        if (a.rfind("--", 0) != 0) throw ConfigError("unknown option '" + a + "' (options start with --)");
        std::string name = a.substr(2), value;
        bool inline_value = false;
        if (auto eq = name.find('='); eq != std::string::npos) {
            value = name.substr(eq + 1);
            name = name.substr(0, eq);
            inline_value = true;
        }
        if (is_in(flags, name)) {
            if (inline_value) throw ConfigError("option --" + name + " takes no value");
            values_.emplace_back(name, "");
        } else if (is_in(value_options, name)) {
            if (!inline_value) {
                if (i + 1 >= argv.size()) throw ConfigError("option --" + name + " needs a value");
                value = argv[++i];
            }
            values_.emplace_back(name, value);
        } else {
            throw ConfigError("unknown option '--" + name + "'");
        }
    }
}

void Args::expect_positional(std::size_t min, std::size_t max, std::string_view what) const {
    if (positional_.size() < min) throw ConfigError("missing arguments: expected " + std::string(what));
    if (positional_.size() > max)
        throw ConfigError("unexpected argument '" + positional_[max] + "': expected " + std::string(what));
}

bool Args::has(std::string_view name) const {
    for (auto& [n, v] : values_)
        if (n == name) return true;
    return false;
}

std::optional<std::string> Args::get(std::string_view name) const {
    std::optional<std::string> out;
    for (auto& [n, v] : values_)
        if (n == name) out = v;
    return out;
}

std::vector<std::string> Args::all(std::string_view name) const {
    std::vector<std::string> out;
    for (auto& [n, v] : values_)
        if (n == name) out.push_back(v);
    return out;
}

std::string Args::get_or(std::string_view name, std::string_view fallback) const {
    auto v = get(name);
    return v ? *v : std::string(fallback);
}

long long Args::get_int(std::string_view name, long long fallback, long long lo, long long hi) const {
    auto v = get(name);
    return v ? parse_int("--" + std::string(name), *v, lo, hi) : fallback;
}

double Args::get_double(std::string_view name, double fallback, double lo, double hi) const {
    auto v = get(name);
    return v ? parse_double("--" + std::string(name), *v, lo, hi) : fallback;
}

long long parse_int(std::string_view what, std::string_view v, long long lo, long long hi) {
    long long out = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
    if (ec != std::errc() || p != v.data() + v.size() || out < lo || out > hi)
        throw ConfigError(std::string(what) + ": expected an integer from " + std::to_string(lo) + " to " +
                          std::to_string(hi) + ", got '" + std::string(v) + "'");
    return out;
}

double parse_double(std::string_view what, std::string_view v, double lo, double hi) {
    const std::string s(v);
    char* end = nullptr;
    const double out = std::strtod(s.c_str(), &end);
    if (s.empty() || end != s.c_str() + s.size() || !(out >= lo && out <= hi))
        throw ConfigError(std::string(what) + ": expected a number from " + std::to_string(lo) + " to " +
                          std::to_string(hi) + ", got '" + s + "'");
    return out;
}

std::vector<std::string> split(std::string_view s, char sep) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (true) {
        const auto p = s.find(sep, start);
        out.emplace_back(s.substr(start, p == std::string_view::npos ? std::string_view::npos : p - start));
        if (p == std::string_view::npos) break;
        start = p + 1;
    }
    return out;
}

namespace {
std::int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}
}  // namespace

ProgressPrinter::ProgressPrinter(bool quiet) : quiet_(quiet), tty_(::isatty(STDERR_FILENO) != 0) {}
ProgressPrinter::~ProgressPrinter() { done(); }

void ProgressPrinter::done() {
    if (open_line_) {
        std::fputs("\n", stderr);
        open_line_ = false;
    }
}

ProgressFn ProgressPrinter::fn() {
    return [this](const Progress& p) {
        if (quiet_) return;
        const auto t = now_ms();
        const bool last = p.total > 0 && p.done >= p.total;
        if (!last && t - last_ms_ < (tty_ ? 100 : 5000)) return;
        last_ms_ = t;
        char pct[16] = "";
        if (p.total > 0)
            std::snprintf(pct, sizeof pct, "%3.0f%% ", 100.0 * static_cast<double>(p.done) / static_cast<double>(p.total));
        if (tty_) {
            std::fprintf(stderr, "\r\033[K%s: %s%s", p.stage.c_str(), pct, p.message.c_str());
            open_line_ = true;
        } else {
            std::fprintf(stderr, "%s: %s%s\n", p.stage.c_str(), pct, p.message.c_str());
        }
        std::fflush(stderr);
    };
}

namespace {
std::atomic<CancelToken*> g_token{nullptr};
extern "C" void on_sigint(int) {
    if (auto* t = g_token.load()) {
        t->cancel();
        std::signal(SIGINT, SIG_DFL);  // a second Ctrl-C ends the program
    }
}
}  // namespace

CancelOnSigint::CancelOnSigint(CancelToken& token) {
    g_token.store(&token);
    std::signal(SIGINT, on_sigint);
}
CancelOnSigint::~CancelOnSigint() {
    std::signal(SIGINT, SIG_DFL);
    g_token.store(nullptr);
}

std::string thousands(std::int64_t n) {
    std::string digits = std::to_string(n < 0 ? -n : n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return n < 0 ? "-" + out : out;
}

}  // namespace flowcnn::cli
