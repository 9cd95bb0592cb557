#pragma once
// What the schema says, written for people: the commented TOML of config/example.toml and the
// knob table of docs/operations.md (`connector-service config-schema [--markdown]`;
// scripts/gen-config-docs.sh writes both files, and a test checks they agree with the schema).

#include <string>

namespace cs::service {

// Every table with its defaults and comments. Each connector is enabled with its base URLs;
// named tables get example names; optional tables are commented out.
std::string example_toml();
// The rows of the knob table: key, default, allowed values, meaning.
std::string markdown_knobs();

}  // namespace cs::service
