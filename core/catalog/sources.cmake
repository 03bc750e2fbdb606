list(APPEND MULTISCOPE_CORE_SOURCES
  catalog/Checkpoints.h catalog/Checkpoints.cpp
  catalog/ModelLocator.h catalog/ModelLocator.cpp)
