list(APPEND MULTISCOPE_CORE_SOURCES
  bundled/WordByteTokenizer.h bundled/WordByteTokenizer.cpp)
