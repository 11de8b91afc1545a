// Fuzz target: the model-file header parsers (src/core/gguf.cpp, safetensors.cpp), the index reader, combining and
// the report from a file. The input is the file's first bytes: seeds are small GGUF and safetensors headers
// (fuzz/corpus/fuzz_model_file). Invariants: no crash or hang; an error names the file and a byte within the
// input; a NeedMore asks for more than it had; what parses combines and computes to a sane report.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_common.hpp"
#include "model_file.hpp"
#include "report.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace llmcalc_fuzz;
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    // the whole file at hand (size known), and the same bytes as a prefix of an unknown-size file
    const llmcalc::HeaderParse whole = llmcalc::parse_model_file(bytes, bytes.size(), "f");
    const llmcalc::HeaderParse prefix = llmcalc::parse_model_file(bytes, 0, "f");
    for (const auto* p : {&whole, &prefix}) {
        if (p->status == llmcalc::HeaderParse::Status::Error) {
            check(p->error.rfind("f: ", 0) == 0 && p->error.find(" at byte ") != std::string::npos,
                  "error without the file name or byte: " + p->error);
        } else if (p->status == llmcalc::HeaderParse::Status::NeedMore) {
            check(p->need > bytes.size() && p->need <= llmcalc::kMaxHeaderBytes, "NeedMore asks for nothing new");
        }
    }
    // (an empty input has size 0, which means "unknown size")
    check(bytes.empty() || whole.status != llmcalc::HeaderParse::Status::NeedMore, "a whole file cannot need more bytes");
    llmcalc::SafetensorsIndex index;
    (void)llmcalc::parse_safetensors_index(bytes, index);
    if (!whole.ok()) return 0;
    check(prefix.ok(), "a file that parses whole fails as a prefix");
    const llmcalc::FileModelResult m = llmcalc::combine_model_files({whole.file});
    if (!m.ok()) return 0;
    check(m.model.weights.total == m.model.bytes, "weights.total differs from the tensors' bytes");
    (void)llmcalc::file_model_json(m.model);
    llmcalc::Inputs in;
    in.heads = 8;  // what a safetensors header lacks
    const llmcalc::Result res = llmcalc::compute(in, m.model);
    check_errors(res.errors, "compute(file)");
    if (res.ok()) check_report(res.report);
    return 0;
}
