#!/usr/bin/env python3
"""ctest app_globals: the app's state is one object, AppState (src/app/app_state.hpp; issue #10 item 6).

Scans src/app/*.cpp for mutable variables outside AppState: namespace-scope variables that are not const (a pointer
counts as const only when the pointer itself is: `const char* const`), and `static` or `thread_local` variables
inside functions or classes that are not const. Constants and immutable tables are fine. The few deliberate
exceptions are listed in ALLOWED with the reason; anything else fails the test with file:line and the name.

A heuristic over the source text (comments, strings and raw strings removed, braces tracked), not a C++ parser: it
knows the shapes this code base uses. Run: app_globals_check.py <src/app directory>.
"""
import os
import re
import sys

# file -> {name: why it stays}
ALLOWED = {
    "main.cpp": {
        "g_app": "the one AppState: the browser calls back into the page (frame, after_paint) with no user data",
    },
    "i18n.cpp": {
        "g_lang": "the UI language read by tr() from every call site, also before the ImGui context exists and as a "
                  "plain function pointer (llmcalc::export_plain); set by settings and by the platform's font check",
        "g_zh_drawable": "whether the font atlas has the Chinese glyphs: the platform layer's font state, read by tr()",
        "g_missing": "strings tr() found untranslated (a diagnostic of tr() itself, for the untranslated hook)",
        "g_table": "the English -> Chinese table tr() reads: compiled in, or loaded once with the Chinese font on the "
                   "served page (load_zh_pack), as the font itself is the platform's",
        "g_pack_texts": "the loaded Chinese strings that g_table and the core's message templates point into",
    },
    "render_gl.cpp": {
        "g": "the WebGL2 renderer's GL objects (one GL context per page), as Dear ImGui's own backends keep theirs; "
             "used by the platform layer only",
    },
    "format.cpp": {
        "g_binary": "GB or GiB for fmt_ui::bytes(), mirrored from AppState::gib by settings.cpp; read by every "
                    "formatter call, as tr() reads the language",
    },
}
# The platform layer (the browser page: one window, GL context, JS callbacks without user data) keeps its own state.
SKIPPED_FILES = {"platform_web.cpp"}

IDENT = r"[A-Za-z_]\w*"


def strip_code(text):
    """Comments, raw strings, strings and char literals blanked (newlines kept, so line numbers stay)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
            continue
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
            continue
        m = re.match(r'R"([^(\s]*)\(', text[i:i + 20])
        if m and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            end = text.find(")" + m.group(1) + '"', i + m.end())
            end = n if end < 0 else end + len(m.group(1)) + 2
            out.append('""' + re.sub(r"[^\n]", " ", text[i + 2:end]))
            i = end
            continue
        if c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(c + " " * (j - i - 1) + c)
            i = j + 1
            continue
        out.append(c)
        i += 1
    return "".join(out)


def declarator_name(head):
    """The declared name of a declaration head (text before '=', '(' or '{' of its first declarator)."""
    head = re.sub(r"\[[^\]]*\]\s*$", "", head.strip())
    m = re.search(r"(" + IDENT + r")\s*$", head)
    return m.group(1) if m else None


def is_const(decl_specs):
    """decl_specs: the text before the declarator name. True when the variable itself is immutable."""
    while re.search(r"<[^<>]*>", decl_specs):  # template arguments say nothing about the variable itself
        decl_specs = re.sub(r"<[^<>]*>", "", decl_specs)
    words = set(re.findall(IDENT, decl_specs))
    if "constexpr" in words:
        return True
    if "*" in decl_specs:
        return re.search(r"\*\s*const\b[^*]*$", decl_specs) is not None
    return "const" in words


NOT_VARIABLES = ("using", "typedef", "template", "struct", "class", "enum", "union", "friend", "static_assert",
                 "namespace", "return", "extern", "#", "public", "private", "protected", "operator")


def classify(stmt):
    """(name, specs) when `stmt` (a statement up to ';', '{' or '=') declares a variable, else None."""
    s = " ".join(stmt.split())
    if not s or s.startswith(NOT_VARIABLES) or s.startswith("EM_JS"):
        return None
    eq = s.find("=")
    par = s.find("(")
    fp = re.match(r"^(.*?)\(\s*\*\s*(" + IDENT + r")\s*\)\s*\(", s)  # a function pointer: `R (*name)(args)`
    if fp and (eq < 0 or fp.end() < eq or s.find(")", fp.end()) < eq):
        return fp.group(2), fp.group(1) + "*"
    if 0 <= par and (eq < 0 or par < eq):
        # `Type name(args)`: a variable only when constructed from literals; otherwise a function declaration
        m = re.match(r"(.*?\b" + IDENT + r")\s*\((.*)\)\s*(?:const\s*)?(?:noexcept\s*)?$", s)
        if not m:
            return None
        args = m.group(2).strip()
        if not args or not re.match(r'^[-+\d."{]', args):
            return None
        head = m.group(1)
    else:
        head = s[:eq] if eq >= 0 else s
        depth = 0  # the first declarator: up to a ',' outside template arguments
        for k, ch in enumerate(head):
            depth += {"<": 1, ">": -1}.get(ch, 0)
            if ch == "," and depth == 0:
                head = head[:k]
                break
    name = declarator_name(head)
    if not name:
        return None
    specs = head.strip()[: head.strip().rfind(name)]
    if not re.search(IDENT, specs):  # no type: an assignment or a call, not a declaration
        return None
    return name, specs


def scan(path):
    text = strip_code(open(path, encoding="utf-8").read())
    findings = []
    stack = []  # "ns" (namespace / extern "C"), "code" (function, class, initializer)
    stmt, stmt_line = "", 1
    after_type = None  # `struct X {...} name;`: the specs of the type just closed at namespace scope
    line = 1
    paren = 0

    def at_namespace_scope():
        return all(k == "ns" for k in stack)  # a ("type", head) entry is a class body: not namespace scope

    def check(stmt_text, where):
        s = " ".join(stmt_text.split())
        if not s:
            return
        if at_namespace_scope():
            s = re.sub(r"^(static|inline)\s+", "", s)
            r = classify(s)
            if r and not is_const(r[1]):
                findings.append((where, r[0]))
        elif re.match(r"^(static|thread_local)\b", s):
            r = classify(re.sub(r"^(static|thread_local)\s+", "", s))
            if r and not is_const(r[1]):
                findings.append((where, r[0]))

    i = 0
    while i < len(text):
        c = text[i]
        if c == "\n":
            line += 1
        if c == "#" and text[:i].rstrip(" \t").endswith(("\n", "")) and (i == 0 or text[i - 1] in "\n \t"):
            j = text.find("\n", i)  # preprocessor line (continuations are rare here)
            j = len(text) if j < 0 else j
            i = j
            continue
        if c in "()":
            paren += 1 if c == "(" else -1
        if paren == 0 and c in ";{}":
            if c == "{":
                s = " ".join(stmt.split())
                if re.match(r"^(inline\s+)?namespace\b", s) or s.startswith('extern ""'):
                    stack.append("ns")
                elif re.match(r"^(const\s+)?(struct|class|enum|union)\b", s) and at_namespace_scope():
                    stack.append(("type", s))
                else:
                    # `Type name = {` / `Type name{`: a variable with a braced initializer
                    if re.search(r"=\s*$", s) or re.search(r"[\w\]]\s*$", s) and not re.match(
                            r"^(struct|class|enum|union)\b", s) and not s.endswith(("else", "do", "try")):
                        check(s.rstrip("= "), stmt_line)
                    stack.append("code")
                stmt = ""
            elif c == "}":
                top = stack.pop() if stack else None
                after_type = top[1] if isinstance(top, tuple) else None
                stmt = ""
            else:
                name = declarator_name(" ".join(stmt.split()).split("=")[0])
                if after_type is not None and name and not is_const(after_type):
                    findings.append((stmt_line, name))
                elif after_type is None:
                    check(stmt, stmt_line)
                after_type = None
                stmt = ""
            i += 1
            continue
        if not stmt.strip():
            stmt_line = line
        stmt += c
        i += 1
    return findings


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..", "src", "app")
    bad = []
    for name in sorted(os.listdir(src)):
        if not name.endswith(".cpp") or name in SKIPPED_FILES:
            continue
        for where, var in scan(os.path.join(src, name)):
            if var not in ALLOWED.get(name, {}):
                bad.append(f"{name}:{where}: {var}")
    if bad:
        print("Mutable globals outside AppState (put them in AppState or a panel's view, src/app/app_state.hpp; or, "
              "if one must stay, add it to ALLOWED in tests/app/app_globals_check.py with the reason):")
        print("\n".join("  " + b for b in bad))
        return 1
    print(f"app_globals: no mutable global in {src} besides the {sum(len(v) for v in ALLOWED.values())} allowed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
