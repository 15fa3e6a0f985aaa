// Included before facilitation/templates.cpp in the fuzz build only (COPK_FUZZ, facilitation/CMakeLists.txt),
// where toml++ is compiled in rather than taken from Debian's library: its assertions are turned off, as in
// that library (built with NDEBUG by gcc, where TOML_ASSERT and TOML_ASSERT_ASSUME do nothing), so that the
// fuzzer explores the parser the product runs. With them on, toml++ 3.3.0 aborts on inputs such as "[#" or
// "t = 1979-05-27T;" where a precondition it asserts does not hold (upstream marzer/tomlplusplus pull request
// 301), while the library the product links goes on to report a parse error, which the product shows as a
// TemplateError (tests/fuzz/regressions/template/ keeps such inputs). Memory errors and undefined behaviour in
// toml++ are still findings: ASan and UBSan check its code in this build.
#pragma once

#define TOML_ASSERT(expr) static_cast<void>(0)
