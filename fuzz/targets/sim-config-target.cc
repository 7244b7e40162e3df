// Fuzz target (5): the bytes as the text of a handshake-sim --config file, then the whole flag parse
// the file feeds (ns-3's CommandLine included), as handshake-sim --config=FILE does. Checks: no
// crash, no abort, no exit from inside the parser; a rejected file or flag gives one line of error.
//
// Each input starts from ns-3's initial attribute defaults and global values (Config::Reset, after
// an input that may have set some), so that an input fails or passes alone, as its replay will.
#include "fuzz-check.h"
#include "fuzz-targets.h"

#include "ns3/config.h"
#include "ns3/handshake-sim-components.h"
#include "ns3/sim-options.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <string>
#include <vector>

namespace ns3
{
namespace handshake
{
namespace fuzz
{

namespace
{

bool g_parsing = false;
bool g_defaultsTouched = true; //!< the last input had ns-3 attributes or globals (CamelCase)

/** An exit() from inside the parse (ns-3's CommandLine does that) fails like a crash. */
void
ExitWhileParsing()
{
    if (g_parsing)
    {
        CheckFailed("!g_parsing", __FILE__, __LINE__, "the parse exited the program");
    }
}

} // namespace

void
RunSimConfigTarget(const uint8_t* data, size_t size)
{
    static const int registered = std::atexit(ExitWhileParsing);
    (void)registered;
    std::string text(reinterpret_cast<const char*>(data), size);
    if (g_defaultsTouched)
    {
        Config::Reset(); // costly: only after an input that may have changed something
    }
    g_parsing = true;
    HandshakeSimComponents components; // their flags too (--syn-flood, --drop, ...), as handshake-sim
    SimOptions options;
    for (ScenarioComponent* component : components.All())
    {
        options.Add(*component);
    }
    std::vector<std::string> flags{"handshake-sim"};
    std::string error = options.ParseConfigText(text, "fuzz.conf", flags);
    // Our own flags are lower case; ns-3's globals and "ns3::" attribute paths are not.
    g_defaultsTouched = std::any_of(flags.begin() + 1, flags.end(), [](const std::string& flag) {
        return flag.size() > 2 && !std::islower(static_cast<unsigned char>(flag[2]));
    });
    if (error.empty())
    {
        std::vector<char*> argv;
        for (auto& flag : flags)
        {
            argv.push_back(flag.data());
        }
        error = options.Parse(static_cast<int>(argv.size()), argv.data());
    }
    g_parsing = false;
    FUZZ_CHECK(error.find('\n') == std::string::npos, "an error of more than one line: " << error);
}

} // namespace fuzz
} // namespace handshake
} // namespace ns3
