// Model files read from their headers: GGUF (v2, v3; split files combined) and safetensors (one file, shards, and
// model.safetensors.index.json). Pure parsing, no I/O: the shells (CLI, JS API, page) hand in the first bytes of a
// file and the parser either answers, names an error ("what, at which byte"), or says how many bytes it needs.
// Bounded: a header larger than kMaxHeaderBytes is refused, counts are checked against the bytes before anything is
// allocated, and every step reads forward, so time and memory are linear in the header size.
//
// From the tensors that are really in the file: exact parameters and stored bytes per tensor type and per component;
// from GGUF metadata the architecture (ModelConfig) so KV cache, speed and GPU counts follow. docs/model-files.md.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "inputs.hpp"
#include "memory.hpp"
#include "model.hpp"

namespace llmcalc {

// The largest header read: 128 MiB. GGUF headers are mostly the tokenizer (Llama 3: ~8 MB; 256k-token vocabularies
// ~20 MB); safetensors itself refuses JSON headers above 100,000,000 bytes (huggingface/safetensors MAX_HEADER_SIZE).
constexpr uint64_t kMaxHeaderBytes = uint64_t{128} << 20;
// What a shell reads first (then doubles, up to kMaxHeaderBytes, while the parser asks for more).
constexpr uint64_t kFirstHeaderRead = uint64_t{1} << 20;

// One GGUF metadata value (or a safetensors __metadata__ string).
struct FileValue {
    enum class Kind { Int, Float, Bool, String, Array } kind = Kind::Int;
    int64_t i = 0;              // Int (uint64 above int64 is kept as Float), Bool
    double f = 0;               // Float
    std::string s;              // String
    uint32_t array_type = 0;    // Array: GGUF element type (gguf_type)
    uint64_t array_count = 0;   // Array: element count
    std::vector<int64_t> ints;  // Array of integers or bools with at most kMaxKeptArray elements (per-layer values)
};
constexpr uint64_t kMaxKeptArray = 4096;

struct FileTensor {
    std::string name;
    std::string dtype;           // ggml type name ("Q4_K") or safetensors dtype ("BF16")
    std::vector<int64_t> shape;  // as the file writes it (GGUF: ne[0] first; safetensors: row-major, outermost first)
    int64_t elements = 0;
    int64_t bytes = 0;           // stored bytes
    int file = 0;                // index of the file (shard) it is in
};

struct ParsedFile {
    std::string format;          // "gguf" | "safetensors"
    std::string name;            // as given by the shell (file name), for messages
    uint32_t version = 0;        // GGUF version
    uint64_t header_bytes = 0;   // bytes before the tensor data (GGUF: data offset after alignment; safetensors 8 + n)
    uint64_t file_size = 0;      // 0 = unknown
    uint64_t data_bytes = 0;     // sum of the tensors' stored bytes
    std::vector<FileTensor> tensors;
    std::vector<std::pair<std::string, FileValue>> metadata;  // in file order
    const FileValue* find(std::string_view key) const;
};

// The answer of one parse attempt.
struct HeaderParse {
    enum class Status { Ok, NeedMore, Error } status = Status::Error;
    ParsedFile file;
    uint64_t need = 0;           // NeedMore: read at least this many bytes from the start and call again
    std::string error;           // Error: "<name>: <what> at byte <offset>"
    uint64_t error_offset = 0;
    bool ok() const { return status == Status::Ok; }
};

// `head` = the first bytes of the file (all of it or a prefix); file_size = the whole file's size (0 = unknown:
// then running out of bytes asks for more until kMaxHeaderBytes). `name` is only used in messages.
HeaderParse parse_gguf(std::string_view head, uint64_t file_size, std::string_view name = "gguf");
HeaderParse parse_safetensors(std::string_view head, uint64_t file_size, std::string_view name = "safetensors");
// By the first bytes: "GGUF" magic, '{' (an index JSON: refused here, see parse_safetensors_index), else safetensors.
HeaderParse parse_model_file(std::string_view head, uint64_t file_size, std::string_view name = "file");
bool looks_like_index_json(std::string_view head);

// model.safetensors.index.json: weight_map (tensor -> shard file name) and metadata.total_size.
struct SafetensorsIndex {
    std::vector<std::pair<std::string, std::string>> weight_map;
    int64_t total_size = -1;     // -1 = not given
    std::vector<std::string> shards;  // distinct shard names in first-seen order
};
// Errors name the key and the byte ("" when ok).
std::string parse_safetensors_index(std::string_view text, SafetensorsIndex& out);

// One tally row: parameters (elements) and stored bytes of the tensors of one dtype or component.
struct TensorTally {
    std::string key;
    int64_t tensors = 0;
    int64_t params = 0;
    int64_t bytes = 0;
};

// What a set of files (one model: a single file, GGUF splits, safetensors shards [+ index]) holds.
struct FileModel {
    std::string format;                 // "gguf" | "safetensors"
    std::vector<std::string> files;     // names in the given order
    int64_t tensors = 0;
    int64_t params = 0;                 // elements of all weight tensors (quantization scales excluded, see below)
    int64_t bytes = 0;                  // stored bytes of all tensors
    int64_t scale_bytes = 0;            // quantization scales / zeros / absmax tensors (bytes, not parameters)
    uint64_t header_bytes = 0;          // summed over files
    std::vector<TensorTally> by_dtype;      // ordered by bytes, largest first
    std::vector<TensorTally> by_component;  // embedding, lm_head, attention, mlp, experts, shared_experts, router,
                                            // norms, vision, quant_scales, other (non-empty rows, in this order)
    WeightBytes weights;                // the same bytes in memory.hpp's parts (the report's weights_detail)
    bool has_config = false;            // GGUF metadata gave the architecture
    ModelConfig config;                 // from GGUF metadata, or what the tensor shapes show (safetensors)
    std::string architecture;           // general.architecture
    std::string model_name;             // general.name
    std::vector<std::pair<std::string, std::string>> facts;  // metadata shown to the user (key, value text)
    std::vector<std::string> missing;   // ModelConfig dimensions the file does not give (input keys: heads, ...)
    int64_t k_rows = 0;                 // safetensors: rows of layer 0's k_proj (kv_heads x head_dim), 0 = unknown
    std::vector<std::string> notes;
    std::vector<std::string> warnings;
};

// Combine parsed files (GGUF splits in any order, safetensors shards) into one model; `index` (optional) checks the
// shards against weight_map and total_size. Errors: mixed formats, duplicate tensors, a GGUF split given twice.
struct FileModelResult {
    FileModel model;
    std::string error;
    bool ok() const { return error.empty(); }
};
FileModelResult combine_model_files(const std::vector<ParsedFile>& files, const SafetensorsIndex* index = nullptr);

namespace detail {
// The answer when a parser ran out of bytes at `need_at`: NeedMore (doubling the read, within the cap and the file)
// or a named error when the file or the cap ends first.
HeaderParse short_read(std::string_view name, uint64_t have, uint64_t need_at, uint64_t file_size);
HeaderParse header_error(std::string_view name, const std::string& what, uint64_t offset);
}  // namespace detail

// The component a tensor name belongs to (GGUF and Hugging Face names): one of the by_component keys.
const char* tensor_component(std::string_view name);

// The model compute() uses for a file: config.json (Inputs::config) when given, else the file's own (GGUF metadata,
// or safetensors shapes + typed keys for what the header lacks, e.g. kv_heads from k_proj rows), then typed keys.
// Missing dimensions are errors naming the key to give.
struct ResolvedModel;
struct Report;
ResolvedModel resolve_file_model(const Inputs& in, const FileModel& file);
// The input key a user types for one of FileModel::missing ("llama.attention.head_count" -> "heads"; a safetensors
// entry is already the key).
std::string missing_input_key(const std::string& missing);
// The file's notes and warnings in the report, its parameter count checked against the architecture's, its section.
void add_file_findings(const FileModel& file, Report& r);

// The "file" section of the report / the JS API's inspect() answer.
std::string file_model_json(const FileModel& m, bool pretty = false);

// ---- for the JS API (src/web/bindings.cpp) and the page: text in, JSON out
// One step of reading a file's header: {"ok":true,"header_bytes":N}, {"need":N} (read the first N bytes and call
// again), {"index":true} (a JSON file: read it whole, up to the cap) or {"errors":[{"key":"file","message":..}]}.
std::string probe_header_json(std::string_view head, uint64_t file_size, std::string_view name);
// The model of the headers of one model's files, back to back in `heads`, described by `files_json` =
// [{"name","size","length"}] (what the JS API and the page read); the error names the file.
FileModelResult model_from_heads(std::string_view heads, std::string_view files_json);
// The headers of one model's files, back to back in `heads`, described by `files_json` = [{"name","size","length"}]
// (length: bytes of this file's header in `heads`; size: the whole file) -> {"file":{..},"report":{..}|null,
// "errors":[..]} with the scenario of `hash` (URL-hash keys); {"errors":[..]} alone when the files cannot be read.
std::string inspect_files_json(std::string_view hash, std::string_view heads, std::string_view files_json);

}  // namespace llmcalc
