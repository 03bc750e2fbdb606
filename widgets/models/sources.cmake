list(APPEND MULTISCOPE_WIDGETS_SOURCES
  models/GetModelDialog.h models/GetModelDialog.cpp)
