// flowcnn: the headless command-line entry over the engine.
#include <cstdio>
#include <cstring>

int main(int argc, char** argv) {
    if (argc > 1 && std::strcmp(argv[1], "--version") == 0) {
        std::puts("flowcnn 0.1.0");
        return 0;
    }
    std::fprintf(stderr, "usage: flowcnn <command> [options]\n");
    return 2;
}
