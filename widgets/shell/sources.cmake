list(APPEND MULTISCOPE_WIDGETS_SOURCES
  shell/MainWindow.h shell/MainWindow.cpp
  shell/WorkerStatusWidget.h shell/WorkerStatusWidget.cpp
  shell/LanguageSwitcher.h shell/LanguageSwitcher.cpp
  shell/AboutText.h shell/AboutText.cpp
  shell/Workbench.h shell/Workbench.cpp)
