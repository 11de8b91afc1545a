#include "i18n.hpp"

namespace ui {

namespace {
Lang g_lang = Lang::En;
}  // namespace

const char* tr(const char* english) { return english; }
void set_lang(Lang l) { g_lang = l; }
Lang lang() { return g_lang; }

}  // namespace ui
