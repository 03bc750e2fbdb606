list(APPEND MULTISCOPE_CORE_SOURCES
  session/ModelSession.h session/ModelSession.cpp)
