// Generic layer calculator against seed 003's formulas, thop's example and PyTorch's Conv2d output size.
#include <doctest/doctest.h>

#include <string>

#include "layers.hpp"

using namespace llmcalc;

namespace {
bool error_has(const LayerStackReport& r, const std::string& needle) {
    for (const auto& e : r.errors)
        if (e.key == "layer_stack" && e.message.find(needle) != std::string::npos) return true;
    return false;
}
}  // namespace

TEST_CASE("seed 003 / thop: Linear(1000,500) + Linear(500,100)") {
    // seed 003's thop example: params (1000+1)x500 + (500+1)x100 = 550,600; thop reports 550,000 MACs for a (1,1000)
    // input (ptflops: FLOPs = 2 x MACs).
    const LayerStackReport r = layer_stack("linear in=1000 out=500\nlinear in=500 out=100\n");
    REQUIRE(r.ok());
    REQUIRE(r.layers.size() == 2);
    CHECK(r.layers[0].params == 500500);
    CHECK(r.total_params == 550600);
    CHECK(r.total_macs == 550000);
    CHECK(r.total_flops == 1100000);
    // `in` may be left out: it follows the previous layer
    CHECK(layer_stack("linear in=1000 out=500\nlinear out=100").total_params == 550600);
    CHECK(layer_stack("linear in=10 out=5 bias=false").total_params == 50);
    CHECK(layer_stack("linear in=10 out=5 n=8").total_macs == 400);  // seed 003: 2BIO FLOPs, B = 8 rows
}

TEST_CASE("Conv2d: (Kw Kh Cin + 1) Cout params and PyTorch's output size") {
    // torch.nn.Conv2d docs: H_out = floor((H_in + 2 padding - dilation (kernel - 1) - 1) / stride + 1)
    CHECK(conv2d_output_size(224, 7, 2, 3, 1) == 112);
    CHECK(conv2d_output_size(224, 3, 1, 1, 1) == 224);
    CHECK(conv2d_output_size(5, 3, 2, 0, 2) == 1);   // dilated kernel spans 5
    CHECK(conv2d_output_size(4, 3, 1, 0, 2) == 0);   // does not fit
    // ResNet-50 stem conv1: 3 -> 64, 7x7, stride 2, pad 3, no bias: 9,408 params, 118,013,952 MACs at 224x224
    const LayerStackReport r = layer_stack("conv2d in=3 out=64 k=7 s=2 p=3 h=224 w=224 bias=false");
    REQUIRE(r.ok());
    CHECK(r.total_params == 9408);
    CHECK(r.layers[0].shape == "64x112x112");
    CHECK(r.total_macs == 112.0 * 112 * 64 * 3 * 49);
    // seed 003 with bias: (7*7*3 + 1) * 64
    CHECK(layer_stack("conv2d in=3 out=64 k=7 s=2 p=3 h=224 w=224").total_params == (7 * 7 * 3 + 1) * 64);
    // groups: depthwise 3x3 over 32 channels = 32 x 9 weights + 32 biases; next layer takes 32x112x112
    const LayerStackReport dw = layer_stack("conv2d in=3 out=32 k=3 s=2 p=1 h=224 w=224\nconv2d out=32 k=3 p=1 g=32");
    REQUIRE(dw.ok());
    CHECK(dw.layers[1].params == 32 * 9 + 32);
    CHECK(dw.layers[1].macs == 112.0 * 112 * 32 * 9);
}

TEST_CASE("norms, embedding, attention, block") {
    CHECK(layer_stack("layernorm dim=768").total_params == 1536);      // seed 003: 2C
    CHECK(layer_stack("rmsnorm dim=768").total_params == 768);
    CHECK(layer_stack("embedding vocab=50257 dim=768").total_params == 38597376);
    // seed 003: MHSA 4E^2 (+4E bias); FLOPs 8BSE^2 + 4BS^2E
    const LayerStackReport a = layer_stack("attention embed=768 heads=12 seq=1024");
    REQUIRE(a.ok());
    CHECK(a.total_params == 4 * 768 * 768 + 4 * 768);
    CHECK(a.total_flops == 8.0 * 1024 * 768 * 768 + 4.0 * 1024 * 1024 * 768);
    // seed 002: a GPT-2 block is 12h^2 + 13h; seed 003: 24BSE^2 + 4BS^2E FLOPs
    const LayerStackReport b = layer_stack("block hidden=768 heads=12 seq=1024");
    REQUIRE(b.ok());
    CHECK(b.total_params == 12 * 768 * 768 + 13 * 768);
    CHECK(b.total_flops == 24.0 * 1024 * 768 * 768 + 4.0 * 1024 * 1024 * 768);
    // GQA + gated MLP + RMSNorm, no bias (a Llama-3-8B layer: published.json per_layer 218112000)
    CHECK(layer_stack("block hidden=4096 heads=32 kv_heads=8 ffn=14336 gated=true norm=rmsnorm bias=false seq=1")
              .total_params == 218112000);
}

TEST_CASE("bad lines give named errors with the line number") {
    CHECK(error_has(layer_stack("linear in=10"), "line 1: missing 'out='"));
    CHECK(error_has(layer_stack("\n\nfoo in=1"), "line 3: unknown layer 'foo'"));
    CHECK(error_has(layer_stack("linear in=abc out=3"), "'in' must be a whole number"));
    CHECK(error_has(layer_stack("linear in=-1 out=3"), "'in' must be a whole number"));
    CHECK(error_has(layer_stack("linear in=99999999999999 out=3"), "'in' must be a whole number"));
    CHECK(error_has(layer_stack("linear in=1 out=3 colour=red"), "unknown key 'colour'"));
    CHECK(error_has(layer_stack("linear in 1"), "expected key=value"));
    CHECK(error_has(layer_stack("linear in=1 out=2 bias=maybe"), "'bias' must be true or false"));
    CHECK(error_has(layer_stack("conv2d in=3 out=8 k=7 h=4 w=4"), "does not fit"));
    CHECK(error_has(layer_stack("conv2d in=3 out=8 k=3 g=2 h=8 w=8"), "'g' (2) must divide"));
    CHECK(error_has(layer_stack("attention embed=10 heads=3 seq=4"), "'heads' (3) must divide"));
    CHECK(error_has(layer_stack("linear in=1000000000 out=1000000000 bias=false\nlinear out=1000000000"), "more than 1e15"));
    CHECK(error_has(layer_stack("conv2d in=1000000000 out=1000000000 k=1000 h=1000000000 w=1000000000"), "more than 1e15"));
    CHECK(error_has(layer_stack("embedding vocab=1000000000 dim=1000000000"), "more than 1e15"));
    CHECK(error_has(layer_stack("block hidden=100000000 heads=1 seq=1"), "more than 1e15"));
    CHECK(error_has(layer_stack("# only a comment\n"), "no layers"));
    CHECK(error_has(layer_stack(""), "no layers"));
    // good lines around a bad one still report the bad one; comments and blank lines are fine
    const LayerStackReport r = layer_stack("linear in=4 out=4  # a\n\nlinear out=x\n");
    CHECK(r.errors.size() == 1);
    CHECK(error_has(r, "line 3:"));
}

TEST_CASE("JSON writer") {
    const std::string j = layer_stack_json(layer_stack("linear in=1000 out=500\nlinear out=100"));
    CHECK(j.find("\"total\":{\"params\":550600,\"macs\":550000,\"flops\":1100000}") != std::string::npos);
    CHECK(layer_stack_json(layer_stack("bogus")).find("unknown layer") != std::string::npos);
}
