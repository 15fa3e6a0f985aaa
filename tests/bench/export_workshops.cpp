// Benchmark helper (scripts/bench): a database of many workshops to export.
//   copk_bench_export DB WORKSHOPS   adds WORKSHOPS/2 demo communities (each a completed launch workshop and its
//                                    renewal a year later, with every kind of content) through the store API
// tests/bench/bench_export.py then times `cop-kiosk export --workshop all` on it.
#include <cstdlib>
#include <iostream>
#include <string>

#include "facilitation/demo.h"
#include "facilitation/paths.h"
#include "facilitation/store/store.h"

int main(int argc, char** argv) {
    if (argc != 3 || std::atoi(argv[2]) < 2) {
        std::cerr << "usage: copk_bench_export DB WORKSHOPS (2 or more)\n";
        return 2;
    }
    try {
        auto store = facilitation::Store::Open(argv[1]);
        const int communities = std::atoi(argv[2]) / 2;
        for (int i = 0; i < communities; ++i) facilitation::CreateDemo(*store, facilitation::TemplatesDir());
        std::cout << store->ListWorkshops().size() << " workshops in " << argv[1] << "\n";
        return 0;
    } catch (const std::exception& error) {
        std::cerr << "copk_bench_export: " << error.what() << "\n";
        return 1;
    }
}
