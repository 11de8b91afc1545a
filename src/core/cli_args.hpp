// The command line's own options (everything that is not an input key), parsed without I/O so that tests can run
// them: --json, --pretty, --help, --list-*, --explain PATH, --lang en|zh. The CLI (src/cli/main.cpp) reads
// --config's file first, then calls parse_cli.
#pragma once

#include <string>
#include <vector>

#include "inputs.hpp"

namespace llmcalc {

struct CliCommand {
    enum class Action { Report, Help, ListModels, ListGpus, ListFormats, ListOptimizers, ListKeys, Explain };
    Action action = Action::Report;
    bool pretty = false;
    bool json = false;            // --json (the report is JSON either way; with --explain: the explanation as JSON)
    std::string explain_path;     // --explain PATH: a path of quantities() or params.by_component.<name>
    std::string lang = "en";      // --lang en|zh (the --explain text)
    std::vector<InputError> errors;  // named errors: input keys as parse_args gives them, then the CLI's options
};

// args: argv without argv[0]. Input keys go to `in`; a bad value or an unknown option is an error naming it.
CliCommand parse_cli(const std::vector<std::string>& args, Inputs& in);

}  // namespace llmcalc
