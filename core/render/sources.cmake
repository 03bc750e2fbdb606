list(APPEND MULTISCOPE_CORE_SOURCES
  render/FontLibrary.h render/FontLibrary.cpp
  render/TextRenderer.h render/TextRenderer.cpp)
