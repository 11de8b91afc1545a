// The one doctest main; each unit has its own <unit>_test.cpp beside this file.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
