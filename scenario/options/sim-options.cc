#include "sim-options.h"

#include "ns3/attribute-bounds.h"
#include "ns3/attribute-text.h"
#include "ns3/config-file.h"
#include "ns3/decimal-number.h"
#include "ns3/toml-config.h"

#include "ns3/global-value.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/string.h"

#include <algorithm>
#include <sstream>

namespace ns3
{

namespace
{

const char* const USAGE =
    "handshake-sim: clients fetch HTTP objects from servers over access links with delay and loss,\n"
    "through a shared bottleneck, with pcap traces of every TCP handshake and teardown;\n"
    "results.sqlite, summary.txt and report.html under --out.";

std::string
Trim(const std::string& text)
{
    auto first = text.find_first_not_of(" \t\r");
    auto last = text.find_last_not_of(" \t\r");
    return first == std::string::npos ? "" : text.substr(first, last - first + 1);
}

/** "name" of "--name=value", "--name" or "-name". */
std::string
FlagName(const std::string& arg)
{
    size_t start = std::min(arg.find_first_not_of('-'), arg.size());
    size_t eq = std::min(arg.find('=', start), arg.size());
    return arg.substr(start, eq - start);
}

} // namespace

SimOptions::SimOptions()
    : m_clientsText(std::to_string(clients)),
      m_serversText(std::to_string(servers))
{
    FlagSet& f = m_flags;
    f.Add("clients", "number of client hosts (1..1000000)", m_clientsText);
    f.Add("servers", "number of server hosts (1..16384)", m_serversText);
    f.Add("tcp", "TCP of clients and servers: handshake (ours) or ns3 (stock ns-3 TCP)", tcp);
    m_groupFlagsEnd = f.Size();
    f.AddSwitch("check",
                "validate the flags (and the clients' draws of --delay and --loss), print 'flags ok' "
                "and exit 0 without writing anything; an invalid flag exits 2 as always",
                check);
    f.AddHandledBefore("config", "file of name = value lines (# comments), read before the other flags",
                       m_configFile);
}

void
SimOptions::Add(OptionGroup& group)
{
    FlagSet flags;
    group.AddFlags(flags);
    m_flags.Insert(m_groupFlagsEnd, flags);
    m_groupFlagsEnd += flags.Size();
    m_groups.push_back(&group);
}

std::string
SimOptions::ExpandConfigFiles(std::vector<std::string>& args)
{
    std::vector<std::string> expanded;
    for (const auto& arg : args)
    {
        if (arg.rfind("--config=", 0) != 0)
        {
            expanded.push_back(arg);
            continue;
        }
        std::string file = arg.substr(9);
        m_configFiles.push_back(file);
        std::string text;
        std::string readError = ConfigFile::Read(file, text);
        if (!readError.empty())
        {
            return "--config: " + readError;
        }
        // Config entries come first so that flags given on the command line override them.
        std::vector<std::string> fromFile;
        std::vector<std::string> origins;
        bool toml = file.size() > 5 && file.compare(file.size() - 5, 5, ".toml") == 0;
        std::string error = toml ? ParseTomlConfigText(text, file, fromFile, &origins)
                                 : ParseConfigText(text, file, fromFile, &origins);
        if (!error.empty())
        {
            return "--config: " + error;
        }
        for (size_t i = 0; i < fromFile.size(); ++i)
        {
            m_configOrigins[FlagName(fromFile[i])] = origins[i];
        }
        expanded.insert(expanded.begin(), fromFile.begin(), fromFile.end());
    }
    for (const auto& arg : args)
    {
        m_configOrigins.erase(FlagName(arg)); // the command line wins over a config file
    }
    args = expanded;
    return "";
}

std::string
SimOptions::WhereFrom(const std::string& error) const
{
    if (error.rfind("--", 0) != 0)
    {
        return error;
    }
    auto origin = m_configOrigins.find(error.substr(2, error.find(':') - 2));
    return origin == m_configOrigins.end() ? error : origin->second + ": " + error;
}

std::string
SimOptions::CheckConfigEntry(const std::string& name, const std::string& flag) const
{
    // ns-3's --PrintHelp and friends print and exit the program from inside the parse: they
    // are commands for the command line, not settings (found by fuzz/).
    if (FlagSet::IsPrintCommand(name))
    {
        return flag + ": prints and exits; give it on the command line";
    }
    std::string problem = m_flags.Check({flag});
    if (problem.empty() && flag.rfind("--config", 0) == 0)
    {
        return "config files do not nest";
    }
    return problem;
}

std::string
SimOptions::ParseTomlConfigText(const std::string& text,
                                const std::string& source,
                                std::vector<std::string>& flags,
                                std::vector<std::string>* origins) const
{
    std::vector<TomlConfigEntry> entries;
    std::string error = ReadTomlConfig(text, source, entries);
    if (!error.empty())
    {
        return error;
    }
    for (const auto& entry : entries)
    {
        std::string flag = "--" + entry.name + "=" + entry.value;
        std::string problem = CheckConfigEntry(entry.name, flag);
        if (!problem.empty())
        {
            return source + ":" + std::to_string(entry.line) + ": " + problem;
        }
        flags.push_back(flag);
        if (origins)
        {
            origins->push_back(source + ":" + std::to_string(entry.line));
        }
    }
    return "";
}

std::string
SimOptions::ParseConfigText(const std::string& text,
                            const std::string& source,
                            std::vector<std::string>& flags,
                            std::vector<std::string>* origins) const
{
    std::istringstream in(text);
    std::string line;
    for (int number = 1; std::getline(in, line); ++number)
    {
        std::string entry = Trim(line.substr(0, line.find('#')));
        if (entry.empty())
        {
            continue;
        }
        auto eq = entry.find('=');
        std::string name = Trim(entry.substr(0, eq));
        std::string flag =
            "--" + name + (eq == std::string::npos ? "" : "=" + Trim(entry.substr(eq + 1)));
        std::string problem = CheckConfigEntry(name, flag);
        if (!problem.empty())
        {
            return source + ":" + std::to_string(number) + ": " + problem;
        }
        flags.push_back(flag);
        if (origins)
        {
            origins->push_back(source + ":" + std::to_string(number));
        }
    }
    return "";
}

std::string
SimOptions::Parse(int argc, char* argv[])
{
    std::vector<std::string> args(argv + 1, argv + argc);
    std::string error = ExpandConfigFiles(args);
    return error.empty() ? WhereFrom(ParseExpanded(args, argv[0])) : error;
}

std::string
SimOptions::ParseExpanded(std::vector<std::string> args, const char* program)
{
    std::string error = m_flags.Check(args);
    if (!error.empty())
    {
        return error;
    }
    m_givenArgs = args;
    m_flags.Parse(program, USAGE, args);

    if (!ParseDecimalNumber(m_clientsText, 1, MAX_CLIENTS, &clients))
    {
        return "--clients: '" + m_clientsText + "' is not a whole number in 1.." +
               std::to_string(MAX_CLIENTS);
    }
    if (!ParseDecimalNumber(m_serversText, 1, 16384, &servers))
    {
        return "--servers: '" + m_serversText + "' is not a whole number in 1..16384";
    }
    return Validate();
}

std::string
SimOptions::ParseNonNegativeTime(const std::string& flag, const std::string& text, Time& out)
{
    return AttributeText::ParseNonNegativeTime(text, &out)
               ? ""
               : "--" + flag + ": '" + text + "' is not a non-negative time such as 12.5ms";
}

std::string
SimOptions::ParsePositiveRate(const std::string& flag, const std::string& text, DataRate& out)
{
    Ptr<AttributeValue> rate = AttributeText::Parse(MakeDataRateChecker(), text);
    if (!rate || DynamicCast<DataRateValue>(rate)->Get().GetBitRate() == 0)
    {
        return "--" + flag + ": '" + text + "' is not a positive data rate such as 100Mbps";
    }
    out = DynamicCast<DataRateValue>(rate)->Get();
    return "";
}

std::string
SimOptions::Validate()
{
    if (tcp != "ns3" && tcp != "handshake")
    {
        return "--tcp: '" + tcp + "' is not a TCP here (ns3 or handshake)";
    }
    for (OptionGroup* group : m_groups)
    {
        std::string groupError = group->Validate(*this);
        if (!groupError.empty())
        {
            return groupError;
        }
    }
    return AttributeBounds::CheckTogether(tcp);
}

std::vector<SettingRecord>
SimOptions::EffectiveSettings(const std::string& program,
                              const std::vector<std::string>& programGlobals) const
{
    std::map<std::string, std::string> given; // name -> value, the last given wins as in the parse
    std::vector<std::string> ns3Names;         // ns-3 attributes given, in their first order
    for (const std::string& arg : m_givenArgs)
    {
        std::string name = FlagName(arg);
        auto eq = arg.find('=');
        if (!given.count(name) && !m_flags.Has(name))
        {
            ns3Names.push_back(name);
        }
        given[name] = eq == std::string::npos ? "true" : arg.substr(eq + 1);
    }
    auto source = [this, &given](const std::string& name) -> std::string {
        if (!given.count(name))
        {
            return "default";
        }
        auto origin = m_configOrigins.find(name);
        return origin == m_configOrigins.end() ? "command line" : origin->second;
    };

    std::vector<SettingRecord> settings;
    for (const auto& [name, value] : m_flags.Values())
    {
        settings.push_back({name, value, source(name)});
    }
    for (const std::string& file : m_configFiles)
    {
        settings.push_back({"config", file, "command line"});
    }
    for (const std::string& name : ns3Names)
    {
        StringValue global;
        if (!GlobalValue::GetValueByNameFailSafe(name, global)) // the globals come next, all of them
        {
            settings.push_back({name, given[name], source(name)});
        }
    }
    for (auto g = GlobalValue::Begin(); g != GlobalValue::End(); ++g)
    {
        const std::string name = (*g)->GetName();
        StringValue value;
        (*g)->GetValue(value);
        bool bound = std::find(programGlobals.begin(), programGlobals.end(), name) != programGlobals.end();
        settings.push_back({name, value.Get(), given.count(name) || !bound ? source(name) : program});
    }
    return settings;
}

std::vector<std::pair<std::string, std::string>>
SimOptions::ReportParameters() const
{
    std::vector<std::pair<std::string, std::string>> parameters;
    auto add = [&parameters](const std::string& name, const std::string& value) {
        parameters.emplace_back(name, value);
    };
    add("clients", std::to_string(clients));
    add("servers", std::to_string(servers));
    add("tcp", tcp);
    for (const OptionGroup* group : m_groups)
    {
        group->AddReportParameters(parameters);
    }
    add("RngRun", std::to_string(RngSeedManager::GetRun()));
    return parameters;
}

} // namespace ns3
