#include "toml-config.h"

// Header-only: the one file that parses TOML compiles toml++ in, so nothing links against it and
// the installed package does not depend on it.
#include <toml++/toml.h>

#include <algorithm>
#include <charconv>

namespace ns3
{

namespace
{

/** The flag text of a TOML string, number or boolean; false for anything else. */
bool
FlagText(const toml::node& node, std::string& text)
{
    if (node.is_string())
    {
        text = *node.value<std::string>();
    }
    else if (node.is_boolean())
    {
        text = *node.value<bool>() ? "true" : "false";
    }
    else if (node.is_integer())
    {
        text = std::to_string(*node.value<int64_t>());
    }
    else if (node.is_floating_point())
    {
        char buffer[64];
        auto result = std::to_chars(buffer, buffer + sizeof(buffer), *node.value<double>());
        text.assign(buffer, result.ptr);
    }
    else
    {
        return false;
    }
    return true;
}

std::string
Where(const std::string& source, const toml::source_region& region)
{
    return source + ":" + std::to_string(region.begin.line) + ": ";
}

std::string
ReadTable(const toml::table& table,
          const std::string& source,
          bool top,
          std::vector<TomlConfigEntry>& entries)
{
    for (const auto& [key, node] : table)
    {
        std::string name(key.str());
        std::string text;
        if (!FlagText(node, text))
        {
            const char* what = node.is_table() ? "table" : node.is_array() ? "list" : "date or time";
            return Where(source, key.source()) + name + ": a flag takes a string, number or boolean, not a " +
                   what + (top ? " (flags are top-level keys, or a sweep spec's [flags])" : "");
        }
        entries.push_back({name, text, static_cast<uint32_t>(key.source().begin.line)});
    }
    return "";
}

} // namespace

std::string
ReadTomlConfig(const std::string& text, const std::string& source, std::vector<TomlConfigEntry>& entries)
{
    toml::table table;
    try
    {
        table = toml::parse(text, source);
    }
    catch (const toml::parse_error& error)
    {
        return Where(source, error.source()) + std::string(error.description());
    }
    std::vector<TomlConfigEntry> read;
    // A sweep spec (doc/sweep.rst): its [flags] are the run's, the rest (name, seeds, [grid]) the sweep's.
    const toml::table* flags = table["flags"].as_table();
    std::string error = flags ? ReadTable(*flags, source, false, read) : ReadTable(table, source, true, read);
    if (!error.empty())
    {
        return error;
    }
    // toml++ keeps a table's keys sorted: give them back in the file's order.
    std::stable_sort(read.begin(), read.end(),
                     [](const TomlConfigEntry& a, const TomlConfigEntry& b) { return a.line < b.line; });
    entries.insert(entries.end(), read.begin(), read.end());
    return "";
}

} // namespace ns3
