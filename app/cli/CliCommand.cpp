#include "CliCommand.h"

#include <cstdio>

namespace ms::cli {

void printResult(const std::string& text) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    if (text.empty() || text.back() != '\n') std::fputc('\n', stdout);
    std::fflush(stdout);
}

}  // namespace ms::cli
