#include "engine/flow/flow.h"

namespace flowcnn::flow {

std::string_view direction_name(Direction d) {
    switch (d) {
        case Direction::Both: return "both";
        case Direction::ClientToServer: return "client";
        case Direction::ServerToClient: return "server";
    }
    return "both";
}

std::string_view fill_mode_name(FillMode f) {
    switch (f) {
        case FillMode::Repeat: return "repeat";
        case FillMode::Zero: return "zero";
    }
    return "repeat";
}

bool parse_direction(std::string_view s, Direction& out) {
    if (s == "both") {
        out = Direction::Both;
    } else if (s == "client" || s == "c2s") {
        out = Direction::ClientToServer;
    } else if (s == "server" || s == "s2c") {
        out = Direction::ServerToClient;
    } else {
        return false;
    }
    return true;
}

bool parse_fill_mode(std::string_view s, FillMode& out) {
    if (s == "repeat") {
        out = FillMode::Repeat;
    } else if (s == "zero") {
        out = FillMode::Zero;
    } else {
        return false;
    }
    return true;
}

std::string_view end_reason_name(EndReason r) {
    switch (r) {
        case EndReason::Fin: return "fin";
        case EndReason::Rst: return "rst";
        case EndReason::IdleTimeout: return "idle_timeout";
        case EndReason::ActiveTimeout: return "active_timeout";
        case EndReason::EndOfCapture: return "end_of_capture";
    }
    return "end_of_capture";
}

}  // namespace flowcnn::flow
