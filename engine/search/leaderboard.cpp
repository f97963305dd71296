#include "engine/search/leaderboard.h"

#include <algorithm>
#include <cstdio>

#include "engine/common/error.h"
#include "engine/common/json.h"
#include "engine/search/grid.h"
#include "engine/store/runs.h"
#include "engine/store/searches.h"

namespace flowcnn::search {
namespace {

struct ColumnName {
    Column col;
    std::string_view name;
};
constexpr ColumnName kColumns[] = {
    {Column::Rank, "rank"},       {Column::Run, "run"},        {Column::ConvAct, "conv"},
    {Column::FcAct, "fc_act"},    {Column::Kernel, "kernel"},  {Column::Pool, "pool"},
    {Column::Padding, "padding"}, {Column::Fc, "fc"},          {Column::Filters, "filters"},
    {Column::Rung, "rung"},       {Column::TrainAcc, "train"}, {Column::ValAcc, "val"},
    {Column::Epochs, "epochs"},   {Column::Time, "time"},      {Column::State, "state"},
};

std::string pct(const std::optional<double>& v) {
    if (!v) return "-";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f%%", *v * 100.0);
    return buf;
}

std::string secs(const std::optional<double>& v) {
    if (!v) return "-";
    char buf[32];
    if (*v < 60)
        std::snprintf(buf, sizeof buf, "%.1fs", *v);
    else if (*v < 3600)
        std::snprintf(buf, sizeof buf, "%dm%02ds", static_cast<int>(*v) / 60,
                      static_cast<int>(*v) % 60);
    else
        std::snprintf(buf, sizeof buf, "%dh%02dm", static_cast<int>(*v) / 3600,
                      (static_cast<int>(*v) % 3600) / 60);
    return buf;
}

std::string num(const std::optional<double>& v) {
    if (!v) return "";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", *v);
    return buf;
}

std::string csv_field(std::string_view s) {
    if (s.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(s);
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

// Sort key of a row for a column: a number or a string; nullopt when the row has no value.
struct Key {
    bool has = false;
    double n = 0;
    std::string s;
    bool is_text = false;
};

Key key_of(const LeaderboardRow& r, Column c) {
    Key k;
    k.has = true;
    auto opt = [&](const std::optional<double>& v) {
        k.has = v.has_value();
        k.n = v.value_or(0);
    };
    auto text = [&](std::string_view s) {
        k.is_text = true;
        k.s = std::string(s);
    };
    switch (c) {
        case Column::Rank:
            k.has = r.rank > 0;
            k.n = r.rank;
            break;
        case Column::Run:
            k.n = static_cast<double>(r.run_id);
            break;
        case Column::ConvAct:
            text(model::activation_name(r.hparams.conv_act));
            break;
        case Column::FcAct:
            text(model::activation_name(r.hparams.fc_act));
            break;
        case Column::Kernel:
            k.n = r.hparams.kernel;
            break;
        case Column::Pool:
            text(model::pooling_name(r.hparams.pool));
            break;
        case Column::Padding:
            text(model::padding_name(r.hparams.padding));
            break;
        case Column::Fc:
            k.n = r.hparams.fc;
            break;
        case Column::Filters:
            k.n = r.hparams.filters;
            break;
        case Column::Rung:
            k.n = r.rung;
            break;
        case Column::TrainAcc:
            opt(r.train_acc);
            break;
        case Column::ValAcc:
            opt(r.val_acc);
            break;
        case Column::Epochs:
            k.n = r.epochs;
            break;
        case Column::Time:
            opt(r.seconds);
            break;
        case Column::State:
            text(r.status);
            break;
    }
    return k;
}

}  // namespace

std::string_view column_name(Column c) {
    for (auto& k : kColumns)
        if (k.col == c) return k.name;
    return "rank";
}

std::optional<Column> parse_column(std::string_view s) {
    for (auto& k : kColumns)
        if (k.name == s) return k.col;
    if (s == "train_acc") return Column::TrainAcc;
    if (s == "val_acc") return Column::ValAcc;
    if (s == "status") return Column::State;
    if (s == "conv_act") return Column::ConvAct;
    if (s == "seconds") return Column::Time;
    if (s == "id" || s == "run_id") return Column::Run;
    return std::nullopt;
}

bool default_descending(Column c) {
    return c == Column::TrainAcc || c == Column::ValAcc || c == Column::Epochs;
}

namespace {

LeaderboardRow leaderboard_row(const store::RunSummary& run) {
    LeaderboardRow r;
    r.run_id = run.id;
    r.key = run.trial_key;
    r.rung = run.rung;
    try {
        r.hparams = model::HyperParams::from_json(run.hparams_json);
    } catch (const Error&) {
    }
    try {
        r.budget = static_cast<int>(model::Json::parse(run.train_json).get_int("epochs", 0));
    } catch (const Error&) {
    }
    r.status = run.status;
    r.epochs = run.epochs_done;
    r.train_acc = run.train_acc;
    r.val_acc = run.val_acc;
    r.train_loss = run.train_loss;
    r.val_loss = run.val_loss;
    r.seconds = run.seconds;
    r.error = run.error;
    return r;
}

}  // namespace

Leaderboard leaderboard(store::Database& db, std::int64_t search_id) {
    const store::StoredSearch s = store::get_search(db, search_id);
    Leaderboard b;
    b.search_id = s.id;
    b.name = s.name;
    b.dataset_id = s.dataset_id;
    b.mode = s.mode;
    b.selection = s.selection;
    b.status = s.status;
    b.created_at = s.created_at;
    b.best_run_id = s.best_run_id;
    try {
        b.grid_size = Grid::from_json(s.grid_json).size();
    } catch (const Error&) {
        b.grid_size = 0;
    }
    for (const auto& run : store::search_runs(db, search_id)) b.rows.push_back(leaderboard_row(run));
    // Rank: finished trials with the selection accuracy.
    const bool on_val = b.selection != "train";
    auto sel = [&](const LeaderboardRow& r) { return on_val ? r.val_acc : r.train_acc; };
    auto other = [&](const LeaderboardRow& r) { return on_val ? r.train_acc : r.val_acc; };
    auto ranked = [&](const LeaderboardRow& r) {
        return (r.status == "complete" || r.status == "pruned") && sel(r).has_value();
    };
    std::stable_sort(b.rows.begin(), b.rows.end(),
                     [&](const LeaderboardRow& x, const LeaderboardRow& y) {
                         const bool rx = ranked(x), ry = ranked(y);
                         if (rx != ry) return rx;
                         if (!rx) return x.run_id < y.run_id;
                         if (x.rung != y.rung) return x.rung > y.rung;
                         if (*sel(x) != *sel(y)) return *sel(x) > *sel(y);
                         const double ox = other(x).value_or(-1), oy = other(y).value_or(-1);
                         if (ox != oy) return ox > oy;
                         return x.run_id < y.run_id;
                     });
    int rank = 0;
    for (auto& r : b.rows) r.rank = ranked(r) ? ++rank : 0;
    return b;
}

void sort_rows(std::vector<LeaderboardRow>& rows, Column by, bool descending) {
    std::stable_sort(rows.begin(), rows.end(),
                     [&](const LeaderboardRow& x, const LeaderboardRow& y) {
                         const Key a = key_of(x, by), b = key_of(y, by);
                         if (a.has != b.has) return a.has;
                         if (!a.has) return false;
                         if (a.is_text) return descending ? a.s > b.s : a.s < b.s;
                         return descending ? a.n > b.n : a.n < b.n;
                     });
}

std::string format_table(const Leaderboard& board, std::size_t max_rows) {
    const std::vector<std::string> header = {"rank", "run",     "conv", "fc_act", "kernel",
                                             "pool", "padding", "fc",   "rung",   "train",
                                             "val",  "epochs",  "time", "state"};
    std::vector<std::vector<std::string>> cells;
    std::size_t n = 0;
    for (auto& r : board.rows) {
        if (max_rows && n++ >= max_rows) break;
        const auto& h = r.hparams;
        const std::string k = std::to_string(h.kernel);
        std::string state = r.status;
        if (board.best_run_id && *board.best_run_id == r.run_id) state += " *";
        cells.push_back(
            {r.rank ? std::to_string(r.rank) : "-", std::to_string(r.run_id),
             std::string(model::activation_name(h.conv_act)),
             std::string(model::activation_name(h.fc_act)),
             k + "x" + k + "x" + std::to_string(h.filters),
             std::string(model::pooling_name(h.pool)), std::string(model::padding_name(h.padding)),
             std::to_string(h.fc), std::to_string(r.rung), pct(r.train_acc), pct(r.val_acc),
             std::to_string(r.epochs) + (r.budget ? "/" + std::to_string(r.budget) : ""),
             secs(r.seconds), state});
    }
    std::vector<std::size_t> width(header.size());
    for (std::size_t c = 0; c < header.size(); ++c) {
        width[c] = header[c].size();
        for (auto& row : cells) width[c] = std::max(width[c], row[c].size());
    }
    // Numbers right-aligned, words left-aligned.
    auto right = [](std::size_t c) { return c <= 1 || c == 7 || c == 8 || (c >= 9 && c <= 12); };
    std::string out;
    auto line = [&](const std::vector<std::string>& row) {
        std::string l;
        for (std::size_t c = 0; c < row.size(); ++c) {
            if (c) l += "  ";
            const auto pad = std::string(width[c] - row[c].size(), ' ');
            l += right(c) ? pad + row[c] : row[c] + (c + 1 < row.size() ? pad : "");
        }
        while (!l.empty() && l.back() == ' ') l.pop_back();
        out += l + "\n";
    };
    line(header);
    for (auto& row : cells) line(row);
    return out;
}

std::string to_csv(const Leaderboard& board) {
    std::string out =
        "rank,run_id,trial_key,conv_act,fc_act,kernel,filters,pool,padding,fc,rung,train_acc,"
        "val_acc,train_loss,val_loss,epochs,budget,seconds,state,best,error\n";
    for (auto& r : board.rows) {
        const auto& h = r.hparams;
        const bool best = board.best_run_id && *board.best_run_id == r.run_id;
        out += (r.rank ? std::to_string(r.rank) : "") + "," + std::to_string(r.run_id) + "," +
               csv_field(r.key) + "," + std::string(model::activation_name(h.conv_act)) + "," +
               std::string(model::activation_name(h.fc_act)) + "," + std::to_string(h.kernel) +
               "," + std::to_string(h.filters) + "," + std::string(model::pooling_name(h.pool)) +
               "," + std::string(model::padding_name(h.padding)) + "," + std::to_string(h.fc) +
               "," + std::to_string(r.rung) + "," + num(r.train_acc) + "," + num(r.val_acc) + "," +
               num(r.train_loss) + "," + num(r.val_loss) + "," + std::to_string(r.epochs) + "," +
               std::to_string(r.budget) + "," + num(r.seconds) + "," + csv_field(r.status) + "," +
               (best ? "1" : "0") + "," + csv_field(r.error) + "\n";
    }
    return out;
}

}  // namespace flowcnn::search
