list(APPEND MULTISCOPE_WIDGETS_SOURCES
  probe/ProbeCanvas.h probe/ProbeCanvas.cpp
  probe/ZeroShotChart.h probe/ZeroShotChart.cpp
  probe/ProbeDock.h probe/ProbeDock.cpp
  probe/AttackBenchDock.h probe/AttackBenchDock.cpp
  probe/CompareStrip.h probe/CompareStrip.cpp
  probe/Heatmap.h probe/Heatmap.cpp)
