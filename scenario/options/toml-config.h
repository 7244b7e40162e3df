/*
 * --config files in TOML, the format of the sweep specs (doc/sweep.rst): flags as `name = value` at
 * the top level, values strings, numbers or booleans. A file with a [flags] table is a sweep spec:
 * only its [flags] are read (the fixed flags of every run of the sweep; name, seeds and [grid] are
 * the sweep's). Read with toml++ (Debian's libtomlplusplus-dev); SimOptions checks each entry
 * as it checks a command-line flag. Files not named *.toml keep the older `name = value` lines.
 */
#ifndef HANDSHAKE_TOML_CONFIG_H
#define HANDSHAKE_TOML_CONFIG_H

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/** One flag of a TOML config file: its name, its value as flag text, and where it was. */
struct TomlConfigEntry
{
    std::string name;
    std::string value; //!< strings as written; integers and floats in shortest form; true/false
    uint32_t line{0};
};

/**
 * The flags \p text holds, in file order. Returns an empty string on success, else
 * "SOURCE:LINE: what is wrong" (a TOML syntax error, or a value that is a table or an array).
 */
std::string ReadTomlConfig(const std::string& text,
                           const std::string& source,
                           std::vector<TomlConfigEntry>& entries);

} // namespace ns3

#endif // HANDSHAKE_TOML_CONFIG_H
