list(APPEND MULTISCOPE_WIDGETS_SOURCES
  docks/LogDock.h docks/LogDock.cpp)
