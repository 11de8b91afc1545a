#include "layers.hpp"

#include <cctype>
#include <cmath>

#include "flops.hpp"
#include "json.hpp"

namespace llmcalc {
namespace {

constexpr int64_t kMaxValue = 1'000'000'000;  // per dimension
// Largest parameter count of one layer or the stack: keeps every int64 product exact and far from overflow
// (the same bound the model calculator uses for whole models).
constexpr double kMaxParams = 1e15;
constexpr const char* kKey = "layer_stack";

struct Arg {
    std::string key, value;
    bool used = false;
};

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

// What the previous layer produced, for omitted inputs.
struct Flow {
    int64_t features = 0;           // last dimension (linear/norm/attention/block output)
    int64_t channels = 0, h = 0, w = 0;  // conv2d output
};

class Line {
public:
    Line(int n, std::vector<Arg> args, LayerStackReport& r) : n_(n), args_(std::move(args)), r_(r) {}

    void error(const std::string& msg) {
        r_.errors.push_back({kKey, "line " + std::to_string(n_) + ": " + msg});
        bad_ = true;
    }
    bool bad() const { return bad_; }

    // An integer in [lo, kMaxValue]; `fallback` < 0 means required (unless `inherited` > 0).
    int64_t integer(const char* key, int64_t fallback, int64_t lo = 1, int64_t inherited = 0) {
        for (auto& a : args_) {
            if (a.key != key) continue;
            a.used = true;
            int64_t v = 0;
            bool ok = !a.value.empty() && a.value.size() <= 12;
            for (char c : a.value) ok = ok && c >= '0' && c <= '9';
            if (ok) {
                for (char c : a.value) v = v * 10 + (c - '0');
            }
            if (!ok || v < lo || v > kMaxValue) {
                error(std::string("'") + key + "' must be a whole number from " + std::to_string(lo) + " to " +
                      std::to_string(kMaxValue) + ", got '" + a.value + "'");
                return lo;
            }
            return v;
        }
        if (inherited > 0) return inherited;
        if (fallback < 0) {
            error(std::string("missing '") + key + "=' (and no previous layer to take it from)");
            return lo;
        }
        return fallback;
    }
    bool boolean(const char* key, bool fallback) {
        for (auto& a : args_) {
            if (a.key != key) continue;
            a.used = true;
            if (a.value == "true" || a.value == "1" || a.value == "yes") return true;
            if (a.value == "false" || a.value == "0" || a.value == "no") return false;
            error(std::string("'") + key + "' must be true or false, got '" + a.value + "'");
            return fallback;
        }
        return fallback;
    }
    std::string word(const char* key, const char* fallback) {
        for (auto& a : args_)
            if (a.key == key) { a.used = true; return a.value; }
        return fallback;
    }
    void check_unused(const std::string& kind) {
        for (const auto& a : args_)
            if (!a.used) error("unknown key '" + a.key + "' for " + kind);
    }

private:
    int n_;
    std::vector<Arg> args_;
    LayerStackReport& r_;
    bool bad_ = false;
};

double dd(int64_t v) { return static_cast<double>(v); }

// Multi-head attention with optional GQA: q and o are E x E, k and v E x (kv_heads x E/heads); per token the
// projections cost their weights in MACs and QK^T + AV cost 2 x seq x E (seed 003: 8BSE^2 + 4BS^2E FLOPs).
void attention(int64_t e, int64_t heads, int64_t kv_heads, int64_t seq, int64_t batch, bool bias, int64_t& params,
               double& macs) {
    const int64_t kv = kv_heads * (e / heads);
    const int64_t weights = 2 * e * e + 2 * e * kv;
    params += weights + (bias ? 2 * e + 2 * kv : 0);
    macs += dd(batch) * dd(seq) * (dd(weights) + 2.0 * dd(seq) * dd(e));
}

}  // namespace

int64_t conv2d_output_size(int64_t in, int64_t k, int64_t s, int64_t p, int64_t d) {
    const int64_t span = in + 2 * p - d * (k - 1) - 1;
    if (span < 0 || s <= 0) return 0;
    return span / s + 1;
}

LayerStackReport layer_stack(std::string_view text) {
    LayerStackReport r;
    Flow flow;
    int n = 0;
    while (!text.empty()) {
        ++n;
        const size_t nl = text.find('\n');
        std::string_view raw = text.substr(0, nl);
        text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
        if (const size_t hash = raw.find('#'); hash != std::string_view::npos) raw = raw.substr(0, hash);
        std::string_view s = trim(raw);
        if (s.empty()) continue;

        // tokens: first the kind, then key=value pairs separated by spaces or commas
        std::string kind;
        std::vector<Arg> args;
        bool tokens_ok = true;
        std::string bad_token;
        size_t i = 0;
        while (i < s.size()) {
            while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == ',')) ++i;
            size_t j = i;
            while (j < s.size() && s[j] != ' ' && s[j] != '\t' && s[j] != ',') ++j;
            if (j == i) break;
            std::string tok(s.substr(i, j - i));
            i = j;
            for (auto& c : tok) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            if (kind.empty()) { kind = tok; continue; }
            const size_t eq = tok.find('=');
            if (eq == std::string::npos || eq == 0 || eq + 1 == tok.size()) { tokens_ok = false; bad_token = tok; break; }
            args.push_back({tok.substr(0, eq), tok.substr(eq + 1)});
        }
        Line L(n, std::move(args), r);
        if (!tokens_ok) { L.error("expected key=value, got '" + bad_token + "'"); continue; }

        LayerRow row;
        row.line = n;
        row.kind = kind;
        double macs = 0;
        int64_t params = 0;
        if (kind == "linear" || kind == "dense" || kind == "fc") {
            row.kind = "linear";
            const int64_t in = L.integer("in", -1, 1, flow.features);
            const int64_t out = L.integer("out", -1);
            const bool bias = L.boolean("bias", true);
            const int64_t rows = L.integer("n", 1);
            if (!L.bad() && dd(in + 1) * dd(out) > kMaxParams) L.error("the layer has more than 1e15 parameters");
            if (!L.bad()) params = (in + (bias ? 1 : 0)) * out;  // seed 003: (I + 1) x O
            macs = dd(rows) * dd(in) * dd(out);
            flow = Flow{out, 0, 0, 0};
            row.shape = std::to_string(rows) + "x" + std::to_string(out);
        } else if (kind == "conv2d" || kind == "conv") {
            row.kind = "conv2d";
            const int64_t in = L.integer("in", -1, 1, flow.channels);
            const int64_t out = L.integer("out", -1);
            const int64_t k = L.integer("k", 0);
            const int64_t kh = L.integer("kh", k > 0 ? k : -1);
            const int64_t kw = L.integer("kw", k > 0 ? k : -1);
            const int64_t st = L.integer("s", 1), pad = L.integer("p", 0, 0), dil = L.integer("d", 1);
            const int64_t groups = L.integer("g", 1);
            const bool bias = L.boolean("bias", true);
            const int64_t h = L.integer("h", -1, 1, flow.h), w = L.integer("w", -1, 1, flow.w);
            const int64_t batch = L.integer("batch", 1);
            if (!L.bad() && (in % groups != 0 || out % groups != 0))
                L.error("'g' (" + std::to_string(groups) + ") must divide 'in' (" + std::to_string(in) + ") and 'out' (" +
                        std::to_string(out) + ")");
            const int64_t oh = conv2d_output_size(h, kh, st, pad, dil), ow = conv2d_output_size(w, kw, st, pad, dil);
            if (!L.bad() && (oh < 1 || ow < 1))
                L.error("the kernel (" + std::to_string(kh) + "x" + std::to_string(kw) + ", dilation " + std::to_string(dil) +
                        ") does not fit the padded input " + std::to_string(h) + "x" + std::to_string(w));
            // seed 003: (Kw x Kh x Cin + 1) x Cout, with Cin / groups per output channel.
            if (!L.bad() && (dd(kh) * dd(kw) * dd(in) + 1) * dd(out) > kMaxParams)
                L.error("the layer has more than 1e15 parameters");
            if (!L.bad()) params = (kh * kw * (in / groups) + (bias ? 1 : 0)) * out;
            macs = dd(batch) * dd(oh) * dd(ow) * dd(out) * dd(in / groups) * dd(kh) * dd(kw);
            flow = Flow{out, out, oh, ow};
            row.shape = std::to_string(out) + "x" + std::to_string(oh) + "x" + std::to_string(ow);
        } else if (kind == "layernorm" || kind == "rmsnorm") {
            const int64_t dim = L.integer("dim", -1, 1, flow.features);
            const bool bias = kind == "layernorm" && L.boolean("bias", true);
            params = bias ? 2 * dim : dim;  // gamma (+ beta)
            flow = Flow{dim, 0, 0, 0};
            row.shape = std::to_string(dim);
        } else if (kind == "embedding") {
            const int64_t vocab = L.integer("vocab", -1);
            const int64_t dim = L.integer("dim", -1);
            if (!L.bad() && dd(vocab) * dd(dim) > kMaxParams) L.error("the layer has more than 1e15 parameters");
            if (!L.bad()) params = vocab * dim;  // a lookup: no MACs
            flow = Flow{dim, 0, 0, 0};
            row.shape = std::to_string(dim);
        } else if (kind == "attention" || kind == "mha") {
            row.kind = "attention";
            const int64_t e = L.integer("embed", -1, 1, flow.features);
            const int64_t heads = L.integer("heads", -1);
            const int64_t kv = L.integer("kv_heads", heads);
            const int64_t seq = L.integer("seq", -1);
            const int64_t batch = L.integer("batch", 1);
            const bool bias = L.boolean("bias", true);
            if (!L.bad() && e % heads != 0) L.error("'heads' (" + std::to_string(heads) + ") must divide 'embed' (" + std::to_string(e) + ")");
            if (!L.bad() && (kv > heads || heads % kv != 0)) L.error("'kv_heads' must divide 'heads'");
            if (!L.bad() && 4.0 * dd(e) * dd(e) > kMaxParams) L.error("the layer has more than 1e15 parameters");
            if (!L.bad()) attention(e, heads, kv, seq, batch, bias, params, macs);
            flow = Flow{e, 0, 0, 0};
            row.shape = std::to_string(seq) + "x" + std::to_string(e);
        } else if (kind == "block" || kind == "transformer") {
            row.kind = "block";
            const int64_t h = L.integer("hidden", -1, 1, flow.features);
            const int64_t heads = L.integer("heads", -1);
            const int64_t kv = L.integer("kv_heads", heads);
            const int64_t ffn = L.integer("ffn", 4 * h);
            const int64_t seq = L.integer("seq", -1);
            const int64_t batch = L.integer("batch", 1);
            const bool gated = L.boolean("gated", false);
            const bool bias = L.boolean("bias", true);
            const std::string norm = L.word("norm", "layernorm");
            if (norm != "layernorm" && norm != "rmsnorm") L.error("'norm' must be layernorm or rmsnorm, got '" + norm + "'");
            if (!L.bad() && h % heads != 0) L.error("'heads' (" + std::to_string(heads) + ") must divide 'hidden' (" + std::to_string(h) + ")");
            if (!L.bad() && (kv > heads || heads % kv != 0)) L.error("'kv_heads' must divide 'heads'");
            if (!L.bad() && 4.0 * dd(h) * dd(h) + 3.0 * dd(h) * dd(ffn) > kMaxParams)
                L.error("the layer has more than 1e15 parameters");
            if (!L.bad()) {
                attention(h, heads, kv, seq, batch, bias, params, macs);
                const int64_t ups = gated ? 2 : 1;
                params += ups * (h * ffn + (bias ? ffn : 0)) + ffn * h + (bias ? h : 0);  // seed 002: 8h^2 + 5h
                macs += dd(batch) * dd(seq) * dd((ups + 1) * h * ffn);
                params += 2 * (norm == "layernorm" ? 2 * h : h);  // two norms per block
            }
            flow = Flow{h, 0, 0, 0};
            row.shape = std::to_string(seq) + "x" + std::to_string(h);
        } else {
            L.error("unknown layer '" + kind + "' (linear, conv2d, layernorm, rmsnorm, embedding, attention, block)");
            continue;
        }
        L.check_unused(row.kind);
        if (L.bad()) continue;
        if (dd(r.total_params) + dd(params) > kMaxParams) {
            L.error("the stack has more than 1e15 parameters");
            continue;
        }
        row.params = params;
        row.macs = macs;
        row.flops = kFlopsPerMac * macs;
        r.total_params += params;
        r.total_macs += macs;
        r.total_flops += row.flops;
        r.layers.push_back(std::move(row));
    }
    if (r.layers.empty() && r.errors.empty()) r.errors.push_back({kKey, "no layers: write one layer per line, e.g. 'linear in=1000 out=500'"});
    return r;
}

std::string layer_stack_json(const LayerStackReport& r, bool pretty) {
    json::Writer w(pretty);
    w.begin_object().key("layers").begin_array();
    for (const auto& l : r.layers)
        w.begin_object()
            .field("line", l.line).field("kind", l.kind).field("output", l.shape).field("params", l.params)
            .field_number("macs", l.macs).field_number("flops", l.flops)
            .end_object();
    w.end_array();
    w.key("total").begin_object()
        .field("params", r.total_params).field_number("macs", r.total_macs).field_number("flops", r.total_flops)
        .end_object();
    w.key("errors").begin_array();
    for (const auto& e : r.errors) w.begin_object().field("key", e.key).field("message", e.message).end_object();
    w.end_array();
    return w.end_object().take();
}

}  // namespace llmcalc
