# Sources of core/text: CLIP's BPE tokenizer and the caption clean-up before it. All of it is
# torch-free (QtCore for Unicode data, zlib); tests/core/text compiles the same list, less
# VocabularyLocator, into a sanitizer build.
list(APPEND MULTISCOPE_CORE_SOURCES
  text/Utf8.h text/Utf8.cpp
  text/UnicodeProps.h text/UnicodeProps.cpp
  text/CodePage1252.h text/CodePage1252.cpp
  text/HtmlEntities.h text/HtmlEntities.cpp
  text/Mojibake.h text/Mojibake.cpp
  text/TextFixer.h text/TextFixer.cpp
  text/TextCleaner.h text/TextCleaner.cpp
  text/PreTokenizer.h text/PreTokenizer.cpp
  text/BpeVocabulary.h text/BpeVocabulary.cpp
  text/BpeTokenizer.h text/BpeTokenizer.cpp
  text/VocabularyLocator.h text/VocabularyLocator.cpp
  text/CommonWords.h text/CommonWords.cpp)
