// Limits on untrusted input, in one place (issue #14: a shared link, a pasted file or a JS caller must not be able
// to freeze, exhaust or abort the core). Every reader of outside text checks these before doing work that grows with
// the input: the CLI before reading a --config file, the JS API and the page before handing text to the core, the
// core's `config` key and the JSON parser. docs/security.md lists them.
#pragma once

#include <cstddef>

namespace llmcalc::limits {

// Largest config.json text accepted, in bytes (UTF-8). Real Hugging Face config.json files are 0.5-10 KB (the
// largest in tests/data/configs is under 10 KB); 2 MiB leaves room for pretty-printed wrappers with long
// id2label tables while keeping the parser's worst case (kJsonMemoryPerByte below) near 70 MB (measured: docs/security.md).
constexpr size_t kMaxConfigBytes = 2u * 1024u * 1024u;

// The JSON parser's memory budget: at most kJsonMemoryPerByte bytes of parsed values per byte of text, plus
// kJsonMemoryFloor. A value costs sizeof(json::Value) plus its string's bytes; text denser than that (e.g. a
// million-element array of 0s) is refused with a named error instead of growing memory ~50x its size.
constexpr size_t kJsonMemoryPerByte = 16;
constexpr size_t kJsonMemoryFloor = 1u << 20;

}  // namespace llmcalc::limits
