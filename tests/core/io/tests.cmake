# Test suites for core/io.
multiscope_add_test(tst_npy SOURCES io/tst_npy.cpp LIBS multiscope_core ${TORCH_LIBRARIES} LABELS unit)
target_include_directories(tst_npy SYSTEM PRIVATE ${TORCH_INCLUDE_DIRS})
multiscope_add_test(tst_safetensors SOURCES io/tst_safetensors.cpp LIBS multiscope_core ${TORCH_LIBRARIES} LABELS unit)
target_include_directories(tst_safetensors SYSTEM PRIVATE ${TORCH_INCLUDE_DIRS})
multiscope_add_test(tst_int8_weights SOURCES io/tst_int8_weights.cpp LIBS multiscope_core ${TORCH_LIBRARIES} LABELS unit)
target_include_directories(tst_int8_weights SYSTEM PRIVATE ${TORCH_INCLUDE_DIRS})

# The torch-free parsers under ASan+UBSan, compiled on their own (never with LibTorch or
# multiscope_core). Other torch-free parsers join with
#   target_sources(tst_parsers_asan PRIVATE <core sources> <test sources>)
# or by appending to MULTISCOPE_PARSER_ASAN_SOURCES before this file is included.
list(APPEND MULTISCOPE_PARSER_ASAN_SOURCES
  ${PROJECT_SOURCE_DIR}/core/io/Npy.cpp
  ${PROJECT_SOURCE_DIR}/core/io/Safetensors.cpp)
multiscope_add_test(tst_parsers_asan SOURCES io/tst_parsers_asan.cpp ${MULTISCOPE_PARSER_ASAN_SOURCES}
  LIBS Qt6::Core Qt6::Test nlohmann_json::nlohmann_json LABELS unit)
target_include_directories(tst_parsers_asan PRIVATE ${PROJECT_SOURCE_DIR}/core)
multiscope_sanitize_target(tst_parsers_asan address)

# TorchScript archives like OpenAI's, made during the test by a script run with Debian's
# python3 (python3-torch); the pyenv python3 on PATH has no torch.
multiscope_add_test(tst_torchscript SOURCES io/tst_torchscript.cpp LIBS multiscope_core ${TORCH_LIBRARIES}
  LABELS unit TIMEOUT 300)
target_include_directories(tst_torchscript SYSTEM PRIVATE ${TORCH_INCLUDE_DIRS})
target_compile_definitions(tst_torchscript PRIVATE
  MULTISCOPE_SYSTEM_PYTHON="/usr/bin/python3"
  MULTISCOPE_TORCHSCRIPT_SCRIPT="${PROJECT_SOURCE_DIR}/tests/tools/make_torchscript_archive.py")
