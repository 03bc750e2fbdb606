# Tokenizer throughput (tokens/s, strings/s; cache off vs cold vs warm). Included from
# tests/bench/CMakeLists.txt.
add_executable(bench_tokenizer tokenizer/bench_tokenizer.cpp)
target_link_libraries(bench_tokenizer PRIVATE multiscope_core multiscope_test_support)
multiscope_warnings(bench_tokenizer)
