# Test suites for core/text.

# The tokenizer against the reference cases.
multiscope_add_test(tst_tokenizer
  SOURCES text/tst_tokenizer.cpp text/TokenizerCases.h text/TokenizerCases.cpp
  LIBS multiscope_core ZLIB::ZLIB nlohmann_json::nlohmann_json
  LABELS unit)
target_include_directories(tst_tokenizer PRIVATE "${CMAKE_CURRENT_SOURCE_DIR}/text")

# The same text sources under AddressSanitizer + UBSan, compiled directly (they are torch-free:
# QtCore and zlib only), fed a subset of the cases and random byte strings.
function(multiscope_add_tokenizer_asan_test)
  set(MULTISCOPE_CORE_SOURCES "")
  include("${PROJECT_SOURCE_DIR}/core/text/sources.cmake")
  list(FILTER MULTISCOPE_CORE_SOURCES EXCLUDE REGEX "VocabularyLocator")  # needs catalog/
  list(TRANSFORM MULTISCOPE_CORE_SOURCES PREPEND "${PROJECT_SOURCE_DIR}/core/")
  add_executable(tst_tokenizer_asan text/tst_tokenizer_asan.cpp text/TokenizerCases.h
                 text/TokenizerCases.cpp ${MULTISCOPE_CORE_SOURCES})
  target_include_directories(tst_tokenizer_asan PRIVATE "${PROJECT_SOURCE_DIR}/core"
                             "${CMAKE_CURRENT_SOURCE_DIR}/text")
  target_link_libraries(tst_tokenizer_asan PRIVATE multiscope_test_support Qt6::Core Qt6::Test
                        ZLIB::ZLIB nlohmann_json::nlohmann_json)
  multiscope_sanitize_target(tst_tokenizer_asan address)
  multiscope_warnings(tst_tokenizer_asan)
  add_test(NAME tst_tokenizer_asan COMMAND tst_tokenizer_asan)
  set_tests_properties(tst_tokenizer_asan PROPERTIES LABELS unit TIMEOUT 300
    ENVIRONMENT "ASAN_OPTIONS=detect_leaks=1;UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1")
endfunction()
multiscope_add_tokenizer_asan_test()
