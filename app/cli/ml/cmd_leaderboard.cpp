// flowcnn leaderboard: the trials of a grid search as a table (like the paper's Tables 4/5) or CSV.
#include <charconv>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "app/cli/command.h"
#include "engine/common/error.h"
#include "engine/search/leaderboard.h"
#include "engine/store/project.h"
#include "engine/store/searches.h"

namespace flowcnn::cli {
namespace {

const char* kUsage =
    "usage: flowcnn leaderboard PROJECT [SEARCH_ID] [options]\n"
    "\n"
    "Without SEARCH_ID, lists the project's searches. With it, prints the search's trials ranked\n"
    "by its selection accuracy (higher rung first for successive halving); '*' marks the best "
    "run.\n"
    "\n"
    "options:\n"
    "  --sort COL[:asc|:desc]  sort by rank (default), run, conv, fc_act, kernel, pool, padding, "
    "fc,\n"
    "                          filters, rung, train, val, epochs, time or state; accuracies and\n"
    "                          epochs sort best first unless :asc is given\n"
    "  --top N                 print only the first N rows\n"
    "  --csv FILE              write all rows as CSV to FILE ('-' for standard output)";

std::int64_t to_int(const std::string& opt, const std::string& v) {
    long long out = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
    if (ec != std::errc() || p != v.data() + v.size() || out < 1)
        throw ConfigError(opt + ": expected a positive integer, got '" + v + "'");
    return out;
}

void print_searches(store::Database& db) {
    const auto all = store::list_searches(db);
    std::printf("%4s  %-28s  %-10s  %-6s  %-9s  %8s  %-8s  %s\n", "id", "name", "mode", "select",
                "status", "finished", "best run", "best accuracy");
    for (const auto& s : all) {
        std::string best = "-", acc = "-";
        if (s.best_run_id) {
            best = std::to_string(*s.best_run_id);
            const auto& v = s.selection == "train" ? s.best_train_acc : s.best_val_acc;
            if (v) {
                char buf[16];
                std::snprintf(buf, sizeof buf, "%.2f%%", *v * 100);
                acc = buf;
            }
        }
        std::printf("%4lld  %-28s  %-10s  %-6s  %-9s  %8zu  %-8s  %s\n",
                    static_cast<long long>(s.id), s.name.c_str(), s.mode.c_str(),
                    s.selection.c_str(), s.status.c_str(), s.finished, best.c_str(), acc.c_str());
    }
    if (all.empty()) std::printf("(no searches)\n");
}

int run(const std::vector<std::string>& args) {
    std::vector<std::string> pos;
    std::string sort = "rank", csv;
    std::size_t top = 0;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&]() -> const std::string& {
            if (i + 1 >= args.size()) throw ConfigError(a + " needs a value");
            return args[++i];
        };
        if (a == "--sort")
            sort = value();
        else if (a == "--top")
            top = static_cast<std::size_t>(to_int(a, value()));
        else if (a == "--csv")
            csv = value();
        else if (a.size() > 1 && a[0] == '-')
            throw ConfigError("unknown option " + a + " (see --help)");
        else
            pos.push_back(a);
    }
    if (pos.empty() || pos.size() > 2)
        throw ConfigError("expected PROJECT [SEARCH_ID] (see flowcnn leaderboard --help)");

    std::string col_name = sort, dir;
    if (auto c = sort.find(':'); c != std::string::npos) {
        col_name = sort.substr(0, c);
        dir = sort.substr(c + 1);
        if (dir != "asc" && dir != "desc")
            throw ConfigError("--sort: direction must be asc or desc");
    }
    const auto col = search::parse_column(col_name);
    if (!col) throw ConfigError("--sort: unknown column '" + col_name + "'");

    auto project = store::Project::open(pos[0], true);
    if (pos.size() == 1) {
        print_searches(project.db());
        return 0;
    }
    auto board = search::leaderboard(project.db(), to_int("SEARCH_ID", pos[1]));
    const bool desc = dir.empty() ? search::default_descending(*col) : dir == "desc";
    if (*col != search::Column::Rank || desc) search::sort_rows(board.rows, *col, desc);

    if (!csv.empty()) {
        const auto text = search::to_csv(board);
        if (csv == "-") {
            std::fwrite(text.data(), 1, text.size(), stdout);
            return 0;
        }
        std::ofstream out(csv, std::ios::binary);
        if (!out) throw IoError("cannot write '" + csv + "'");
        out << text;
        out.close();
        if (!out) throw IoError("cannot write '" + csv + "'");
    }
    std::size_t finished = 0;
    for (auto& r : board.rows)
        if (r.status == "complete" || r.status == "pruned" || r.status == "failed") ++finished;
    std::printf(
        "search %lld '%s': %s, %s, selection by %s accuracy, %zu trials recorded (%zu finished)",
        static_cast<long long>(board.search_id), board.name.c_str(), board.mode.c_str(),
        board.status.c_str(), board.selection.c_str(), board.rows.size(), finished);
    if (board.grid_size) std::printf(", grid of %zu", board.grid_size);
    std::printf("\n");
    std::fputs(search::format_table(board, top).c_str(), stdout);
    if (!csv.empty()) std::printf("wrote %zu rows to %s\n", board.rows.size(), csv.c_str());
    return 0;
}

const CommandRegistrar reg{
    Command{"leaderboard", "ranked trials of a grid search (table or CSV)", kUsage, run}};

}  // namespace
}  // namespace flowcnn::cli
