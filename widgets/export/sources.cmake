list(APPEND MULTISCOPE_WIDGETS_SOURCES
  export/FigureExport.h export/FigureExport.cpp
  export/NeuronCard.h export/NeuronCard.cpp
  export/NeuronCardExporter.h export/NeuronCardExporter.cpp)
