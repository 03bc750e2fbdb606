list(APPEND MULTISCOPE_WIDGETS_SOURCES
  explorer/UnitListModel.h explorer/UnitListModel.cpp
  explorer/BrowserDock.h explorer/BrowserDock.cpp
  explorer/FoldersDock.h explorer/FoldersDock.cpp
  explorer/ExamplesDock.h explorer/ExamplesDock.cpp
  explorer/RenderedWordsDock.h explorer/RenderedWordsDock.cpp
  explorer/UnitResponseDock.h explorer/UnitResponseDock.cpp)
