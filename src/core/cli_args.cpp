#include "cli_args.hpp"

#include "explain.hpp"

namespace llmcalc {

CliCommand parse_cli(const std::vector<std::string>& args, Inputs& in) {
    CliCommand c;
    std::vector<std::string> rest;
    c.errors = parse_args(args, in, &rest);
    using A = CliCommand::Action;
    // An option's value: --opt=value or the next argument that is not itself an option.
    auto value_of = [&](size_t& i, const std::string& opt, std::string& out) {
        const std::string& a = rest[i];
        if (a.size() > opt.size() && a[opt.size()] == '=') { out = a.substr(opt.size() + 1); return true; }
        if (i + 1 < rest.size() && rest[i + 1].rfind("--", 0) != 0) { out = rest[++i]; return true; }
        return false;
    };
    auto is = [](const std::string& a, const char* opt) {
        const std::string o(opt);
        return a == o || (a.rfind(o + "=", 0) == 0);
    };
    for (size_t i = 0; i < rest.size(); ++i) {
        const std::string& r = rest[i];
        if (r == "--json") c.json = true;
        else if (r == "--pretty") c.pretty = true;
        else if (r == "--help" || r == "-h") c.action = A::Help;
        else if (r == "--list-models") c.action = A::ListModels;
        else if (r == "--list-gpus") c.action = A::ListGpus;
        else if (r == "--list-formats") c.action = A::ListFormats;
        else if (r == "--list-optimizers") c.action = A::ListOptimizers;
        else if (r == "--list-keys") c.action = A::ListKeys;
        else if (is(r, "--explain")) {
            if (!value_of(i, "--explain", c.explain_path) || c.explain_path.empty()) {
                c.errors.push_back({"explain", "needs a report path, e.g. --explain memory.training.optimizer_bytes"});
                continue;
            }
            const bool component = c.explain_path.rfind("params.by_component.", 0) == 0 && c.explain_path.size() > 20;
            if (!component && !find_quantity(c.explain_path))
                c.errors.push_back({"explain", "unknown report path '" + c.explain_path +
                                                   "' (one of " + explain_paths().front() + ", ... or "
                                                   "params.by_component.<name>)"});
            if (c.action == A::Report) c.action = A::Explain;
        } else if (is(r, "--lang")) {
            if (!value_of(i, "--lang", c.lang) || (c.lang != "en" && c.lang != "zh"))
                c.errors.push_back({"lang", "must be en or zh, got '" + c.lang + "'"});
        } else {
            c.errors.push_back({r.rfind("--", 0) == 0 ? r.substr(2) : r, "unknown option"});
        }
    }
    return c;
}

}  // namespace llmcalc
